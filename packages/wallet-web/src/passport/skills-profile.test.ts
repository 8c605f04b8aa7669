import { describe, expect, it } from '@jest/globals';
import {
  demoTaxonomy,
  validateCredential,
  type CredentialDocument,
  type CredentialTypeName,
} from '@skills-passport/core';
import { example } from '../test-support/fixture-issuer.js';
import { filterSkills, groupSkills, skillsProfile, type ProfileInput } from './skills-profile.js';

const taxonomy = demoTaxonomy();
const NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const VITALS = 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064';

function input(
  type: string,
  file: string,
  state: ProfileInput['state'] = 'valid',
  edit?: (doc: any) => void,
): ProfileInput {
  const doc = example(type, file) as any;
  doc.id = `urn:uuid:${type}-${file}-${state}`;
  edit?.(doc);
  const result = validateCredential(doc);
  if (!result.valid) throw new Error(JSON.stringify(result.issues));
  return {
    id: doc.id,
    document: result.credential as CredentialDocument,
    type: result.type as CredentialTypeName,
    state,
  };
}

describe('skillsProfile', () => {
  it('lists each skill once with its best level among the credentials that count', () => {
    const higher = input('evc-credential', 'zorghulp-ok.json', 'valid', (doc) => {
      doc.credentialSubject.result[1].achievedLevel =
        'https://w3id.org/skills-passport/scales/proficiency-4/v1#4';
    });
    const lower = input('evc-credential', 'zorghulp-ok.json', 'expired');
    const profile = skillsProfile([lower, higher], taxonomy, 'en');
    const vitals = profile.filter((s) => s.uri === VITALS);
    expect(vitals).toHaveLength(1);
    expect(vitals[0]!.proofs).toHaveLength(2);
    expect(vitals[0]!.best).toMatchObject({
      credentialId: higher.id,
      rank: { rank: 4, of: 4 },
      levelName: 'Expert',
      learning: 'formal',
    });
  });

  it('does not count revoked, suspended or unrecognised credentials, but still lists them', () => {
    const revoked = input('evc-credential', 'zorghulp-ok.json', 'revoked');
    const nurses = skillsProfile([revoked], taxonomy, 'nl').find((s) => s.uri === NURSES)!;
    expect(nurses.proofs.map((p) => p.state)).toEqual(['revoked']);
    expect(nurses.best).toBeUndefined();
    expect(nurses.label).toBe('verpleegkundigen ondersteunen');
  });

  it('leaves out results that were not achieved', () => {
    const doc = input('evc-credential', 'zorghulp-ok.json', 'valid', (d) => {
      d.credentialSubject.result[0].value = 'not-achieved';
    });
    expect(skillsProfile([doc], taxonomy, 'en').some((s) => s.uri === NURSES)).toBe(false);
  });

  it('groups by ESCO skill group and searches labels, groups, credentials and issuers', () => {
    const profile = skillsProfile(
      [
        input('evc-credential', 'zorghulp-ok.json'),
        input('workplace-learning-credential', 'magazijnmedewerker-ok.json'),
      ],
      taxonomy,
      'en',
    );
    const groups = groupSkills(profile, 'en');
    expect(groups.length).toBeGreaterThan(1);
    expect(groups.flatMap((g) => g.skills)).toHaveLength(profile.length);
    expect(filterSkills(profile, 'NURSES').map((s) => s.uri)).toEqual([NURSES]);
    expect(filterSkills(profile, 'van dijk').length).toBeGreaterThan(0);
    expect(
      filterSkills(profile, 'van dijk').every((s) =>
        s.proofs.some((p) => p.issuerName.startsWith('Van Dijk')),
      ),
    ).toBe(true);
  });
});
