import {
  OPEN_BADGES_CONTEXT,
  PROFICIENCY_4_ID,
  proficiencyScale,
  toVcdm11,
  VC_V2_CONTEXT,
  type Lang,
} from '@skills-passport/core';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { signCompactJws } from '../crypto/jws.js';
import type { KeyringRecord } from '../store/db.js';
import type { SelfDeclaredSkill } from './self-declared-skill.js';

// When the learner shares a self-declared skill (an EVC intake, an adviser, an employer who takes
// Open Badges), it travels as an Open Badges 3.0 credential the wallet issues to itself
// (contract D): `jwt_vc_json`, signed with the holder key, issuer = subject = the holder's DID.
// Every receiver reads "issuer is subject" as self-declared: listed, never counted as proven. It is
// made at share time, for that share only, and never stored.

/** The tag every self-issued credential carries on its achievement. */
export const SELF_DECLARED_TAG = 'self-declared';

const WORDS = {
  nl: {
    issuer: 'Zelf opgegeven door de houder',
    description: (label: string) =>
      `Zelf opgegeven vaardigheid: ${label}. Geen organisatie heeft deze vaardigheid beoordeeld.`,
  },
  en: {
    issuer: 'Self-declared by the holder',
    description: (label: string) => `Self-declared skill: ${label}. No organisation has assessed this skill.`,
  },
} as const;

function alignment(skill: SelfDeclaredSkill): Record<string, unknown> {
  return {
    type: ['Alignment'],
    targetUrl: skill.uri,
    targetName: skill.label,
    targetFramework: 'ESCO',
    targetType: 'ext:ESCOSkill',
  };
}

/** Seconds of a date-time, as credentials write `validFrom`. */
function dateTime(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The credential document (VC Data Model 2.0, Open Badges 3.0) for one self-declared skill: the
 * achievement of contract D; with a level, the default four-level scale and one result at that
 * level (as our EVC certificates state levels), so a receiver reads the level the learner gave.
 */
export function selfIssuedDocument(
  skill: SelfDeclaredSkill,
  holderDid: string,
  options: { id: string; now: Date; lang: Lang },
): Record<string, unknown> {
  const words = WORDS[options.lang];
  const scale = proficiencyScale(options.lang);
  const levelId = skill.level === undefined ? undefined : scale.rubricCriterionLevel?.[skill.level - 1]?.id;
  return {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id: options.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: skill.label,
    issuer: { id: holderDid, type: ['Profile'], name: words.issuer },
    validFrom: dateTime(options.now),
    credentialSubject: {
      id: holderDid,
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:uuid:${crypto.randomUUID()}`,
        type: ['Achievement'],
        achievementType: 'Competency',
        name: skill.label,
        description: words.description(skill.label),
        criteria: { narrative: skill.evidence },
        inLanguage: options.lang,
        tag: [SELF_DECLARED_TAG],
        alignment: [alignment(skill)],
        ...(levelId === undefined ? {} : { resultDescription: [scale] }),
      },
      ...(levelId === undefined
        ? {}
        : {
            result: [
              {
                type: ['Result'],
                alignment: [alignment(skill)],
                resultDescription: PROFICIENCY_4_ID,
                achievedLevel: levelId,
                value: 'achieved',
              },
            ],
          }),
    },
  };
}

/**
 * The JWT claims of a credential document as `jwt_vc_json` carries it (VC Data Model 1.1 §6.3.1),
 * as the issuer writes them: `iss`, `sub`, `jti`, `nbf` and the 1.1 rendering in `vc`.
 */
function credentialJwtPayload(document: Record<string, unknown>, holderDid: string): Record<string, unknown> {
  return {
    iss: holderDid,
    sub: holderDid,
    jti: document.id,
    nbf: Math.floor(Date.parse(String(document.validFrom)) / 1000),
    vc: toVcdm11(document),
  };
}

/** One self-declared skill as a self-issued credential: a VC-JWT signed with the holder key. */
export interface SelfIssuedCredential {
  id: string;
  jwt: string;
  skill: SelfDeclaredSkill;
}

/**
 * Issues one self-declared skill to the holder, now: a fresh credential id, signed with the holder
 * key (EdDSA, `kid` its did:key verification method).
 */
export async function issueSelfDeclared(
  skill: SelfDeclaredSkill,
  keyring: Pick<KeyringRecord, 'did' | 'signingKey'>,
  lang: Lang,
  now = new Date(),
): Promise<SelfIssuedCredential> {
  const id = `urn:uuid:${crypto.randomUUID()}`;
  const document = selfIssuedDocument(skill, keyring.did, { id, now, lang });
  const jwt = await signCompactJws(
    keyring.signingKey,
    { typ: 'JWT', kid: didKeyVerificationMethod(keyring.did) },
    credentialJwtPayload(document, keyring.did),
  );
  return { id, jwt, skill };
}
