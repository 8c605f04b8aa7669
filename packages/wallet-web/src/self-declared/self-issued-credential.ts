import { selfDeclaredBadgeDocument, toVcdm11, type Lang } from '@skills-passport/core';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { signCompactJws } from '../crypto/jws.js';
import type { KeyringRecord } from '../store/db.js';
import type { SelfDeclaredSkill } from './self-declared-skill.js';

// When the learner shares a self-declared skill, it travels as the Open Badges 3.0 credential of
// contract D (`selfDeclaredBadgeDocument` in core), issued to itself: `jwt_vc_json`, signed with the
// holder key. It is made at share time, for that share only, and never stored.

/** The tag every self-issued credential carries on its achievement. */
export { SELF_DECLARED_TAG } from '@skills-passport/core';

/**
 * The credential document for one self-declared skill (contract D), in the learner's language:
 * see `selfDeclaredBadgeDocument`.
 */
export function selfIssuedDocument(
  skill: SelfDeclaredSkill,
  holderDid: string,
  options: { id: string; now: Date; lang: Lang },
): Record<string, unknown> {
  return selfDeclaredBadgeDocument(skill, holderDid, {
    ...options,
    achievementId: `urn:uuid:${crypto.randomUUID()}`,
  });
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
