// What a wallet sends for a self-declared skill (contract D): an Open Badges 3.0 credential it
// issues to itself — `jwt_vc_json`, signed with the holder key, issuer = subject = the holder's DID.
import { selfDeclaredBadgeDocument, toVcdm11 } from '@skills-passport/core';
import type { TestHolder } from './test-holder.js';

/** A self-issued Open Badge for one ESCO skill, valid from a minute before `now` (ms). */
export function selfIssuedBadge(
  holder: TestHolder,
  skill: { uri: string; label: string; evidence?: string },
  now: number,
): string {
  const validFrom = new Date(now - 60_000);
  const id = `urn:uuid:${crypto.randomUUID()}`;
  const evidence =
    skill.evidence ?? 'Drie jaar mantelzorg voor mijn moeder: medicijnen, wassen, bloeddruk meten.';
  const document = selfDeclaredBadgeDocument({ ...skill, evidence }, holder.did, {
    id,
    achievementId: `urn:uuid:${crypto.randomUUID()}`,
    now: validFrom,
    lang: 'nl',
  });
  return holder.sign(
    { typ: 'JWT' },
    {
      iss: holder.did,
      sub: holder.did,
      jti: id,
      nbf: Math.floor(Date.parse(String(document.validFrom)) / 1000),
      vc: toVcdm11(document),
    },
  );
}
