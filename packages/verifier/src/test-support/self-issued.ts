// What a wallet sends for a self-declared skill (contract D): an Open Badges 3.0 credential it
// issues to itself — `jwt_vc_json`, signed with the holder key, issuer = subject = the holder's DID.
import { OPEN_BADGES_CONTEXT, toVcdm11, VC_V2_CONTEXT } from '@skills-passport/core';
import type { TestHolder } from './test-holder.js';

/** A self-issued Open Badge for one ESCO skill, valid from a minute before `now` (ms). */
export function selfIssuedBadge(
  holder: TestHolder,
  skill: { uri: string; label: string; evidence?: string },
  now: number,
): string {
  const validFrom = new Date(now - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const id = `urn:uuid:${crypto.randomUUID()}`;
  const document = {
    '@context': [VC_V2_CONTEXT, OPEN_BADGES_CONTEXT],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: skill.label,
    issuer: { id: holder.did, type: ['Profile'], name: 'Zelf opgegeven door de houder' },
    validFrom,
    credentialSubject: {
      id: holder.did,
      type: ['AchievementSubject'],
      achievement: {
        id: `urn:uuid:${crypto.randomUUID()}`,
        type: ['Achievement'],
        achievementType: 'Competency',
        name: skill.label,
        description: `Zelf opgegeven vaardigheid: ${skill.label}.`,
        criteria: {
          narrative:
            skill.evidence ?? 'Drie jaar mantelzorg voor mijn moeder: medicijnen, wassen, bloeddruk meten.',
        },
        inLanguage: 'nl',
        tag: ['self-declared'],
        alignment: [
          {
            type: ['Alignment'],
            targetUrl: skill.uri,
            targetName: skill.label,
            targetFramework: 'ESCO',
            targetType: 'ext:ESCOSkill',
          },
        ],
      },
    },
  };
  return holder.sign(
    { typ: 'JWT' },
    {
      iss: holder.did,
      sub: holder.did,
      jti: id,
      nbf: Math.floor(Date.parse(validFrom) / 1000),
      vc: toVcdm11(document),
    },
  );
}
