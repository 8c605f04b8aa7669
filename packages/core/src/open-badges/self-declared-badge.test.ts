import { describe, expect, it } from '@jest/globals';
import { readOpenBadge } from './read-open-badge.js';
import { SELF_DECLARED_TAG, selfDeclaredBadgeDocument } from './self-declared-badge.js';

// Contract D: the Open Badge a wallet issues to itself for a self-declared skill is a valid Open
// Badges 3.0 credential by the holder about the holder, aligned to the skill, with the level the
// learner gave when they gave one.

const CARE = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const NOW = new Date('2026-12-07T10:00:00.123Z');
const skill = { uri: CARE, label: 'verpleegkundigen ondersteunen', evidence: 'Drie jaar mantelzorg.' };
const ids = {
  id: 'urn:uuid:4a4b3f0e-0000-4000-8000-000000000001',
  achievementId: 'urn:uuid:4a4b3f0e-0000-4000-8000-000000000002',
};

function badgeOf(document: unknown) {
  const reading = readOpenBadge(document);
  if (!reading.valid) throw new Error(`${reading.code}: ${JSON.stringify(reading.issues)}`);
  return reading.badge;
}

describe('selfDeclaredBadgeDocument', () => {
  it('is a valid Open Badge by the holder about the holder, aligned to the skill, from now to the second', () => {
    const document = selfDeclaredBadgeDocument(skill, HOLDER, { ...ids, now: NOW, lang: 'nl' }) as Record<
      string,
      any
    >;
    expect(document).toMatchObject({
      id: ids.id,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: HOLDER, name: 'Zelf opgegeven door de houder' },
      validFrom: '2026-12-07T10:00:00Z',
      credentialSubject: { id: HOLDER },
    });
    expect(document.credentialSubject.achievement).toMatchObject({
      id: ids.achievementId,
      achievementType: 'Competency',
      criteria: { narrative: skill.evidence },
      inLanguage: 'nl',
      tag: [SELF_DECLARED_TAG],
    });
    expect(document.credentialSubject).not.toHaveProperty('result');
    const badge = badgeOf(document);
    expect(badge.issuer.id).toBe(HOLDER);
    expect(badge.subjectId).toBe(HOLDER);
    expect(badge.skills).toEqual([
      expect.objectContaining({ uri: CARE, framework: 'ESCO', alignedIn: 'achievement' }),
    ]);
  });

  it('states the level the learner gave on the four-level scale, in their language', () => {
    const document = selfDeclaredBadgeDocument({ ...skill, level: 3 }, HOLDER, {
      ...ids,
      now: NOW,
      lang: 'en',
    }) as Record<string, any>;
    expect(document.issuer.name).toBe('Self-declared by the holder');
    expect(document.credentialSubject.result).toEqual([
      expect.objectContaining({
        type: ['Result'],
        value: 'achieved',
        achievedLevel: expect.stringMatching(/#3$/),
      }),
    ]);
    expect(badgeOf(document).skills).toEqual(
      expect.arrayContaining([expect.objectContaining({ uri: CARE, alignedIn: 'result' })]),
    );
  });
});
