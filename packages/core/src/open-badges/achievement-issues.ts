import type { ValidationIssue } from '../errors.js';
import { openBadgeSchemaIssues } from './ob-schema-issues.js';
import { openBadgeValidator } from './ob-schema-registry.js';

const ACHIEVEMENT_POINTER = '/credentialSubject/achievement';

/**
 * The issues 1EdTech's Open Badges 3.0 schema finds in one `Achievement` (an empty list when it is
 * valid), addressed by JSON pointer from the achievement, in the same plain words as for whole
 * credentials: what a training provider publishes in its catalogue before any credential carries
 * it. The achievement is checked inside a fixed, valid AchievementCredential envelope, so the one
 * validator core already has (precompiled in the wallet) judges it exactly as it will judge the
 * credentials that carry it. The caller bounds untrusted input first; nothing is thrown.
 */
export function openBadgeAchievementIssues(achievement: unknown): ValidationIssue[] {
  const validate = openBadgeValidator();
  const envelope = {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:00000000-0000-4000-8000-000000000000',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'did:example:catalogue', type: ['Profile'] },
    validFrom: '2027-01-01T00:00:00Z',
    credentialSubject: { type: ['AchievementSubject'], achievement },
  };
  if (validate(envelope)) return [];
  return openBadgeSchemaIssues(validate.errors ?? [])
    .filter(
      (issue) => issue.pointer === ACHIEVEMENT_POINTER || issue.pointer.startsWith(`${ACHIEVEMENT_POINTER}/`),
    )
    .map((issue) => ({ ...issue, pointer: issue.pointer.slice(ACHIEVEMENT_POINTER.length) }));
}
