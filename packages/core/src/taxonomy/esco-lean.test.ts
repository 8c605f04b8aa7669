import { describe, expect, it } from '@jest/globals';
import { escoFromGzip } from './esco-from-gzip.js';
import { ESCO_LEAN_FORMAT, readEscoLean } from './esco-lean.js';

// A lean ESCO file of two real skills and one real occupation, shaped as make-lean-esco.mjs writes
// it; each broken variant is a fresh copy.
function leanFile() {
  return {
    format: ESCO_LEAN_FORMAT,
    escoVersion: '1.2.0',
    attribution: 'This service uses the ESCO classification of the European Commission.',
    homepage: 'https://esco.ec.europa.eu',
    skillUriBase: 'http://data.europa.eu/esco/skill/',
    occupationUriBase: 'http://data.europa.eu/esco/occupation/',
    groups: [
      {
        uri: 'http://data.europa.eu/esco/skill/b1ad0ec4-e2a1-4b5e-a1d7-e7e1a8b5ec47',
        en: 'serving food and drinks',
        nl: 'serveren van eten en drinken',
      },
    ] as unknown[],
    skills: [
      {
        id: '42a6eff0-e9d9-423d-877b-e48fe91ff26f',
        en: 'serve food in table service',
        nl: 'eten op tafel serveren',
        type: 'skill/competence',
        reuse: 'sector-specific',
        group: 0,
      },
      { id: 'digcomp-area', en: 'digital content creation', altEn: ['create digital content'] },
    ] as Record<string, unknown>[],
    occupations: [
      {
        id: 'd38c2107-98f2-47b7-8bb4-f69750d51082',
        en: 'healthcare assistant',
        nl: 'zorghulp',
        altNl: ['zorgassistent'],
        isco: '5321',
        code: '5321.1',
        essential: [0],
        optional: [1] as unknown[],
      },
    ] as Record<string, unknown>[],
  };
}

describe('reading the lean ESCO file', () => {
  it('restores URIs, labels, kinds and occupation skills', () => {
    const esco = readEscoLean(leanFile());
    const skill = esco.skills.get('http://data.europa.eu/esco/skill/42a6eff0-e9d9-423d-877b-e48fe91ff26f');
    expect(skill).toEqual({
      uri: 'http://data.europa.eu/esco/skill/42a6eff0-e9d9-423d-877b-e48fe91ff26f',
      framework: 'ESCO',
      kind: 'skill/competence',
      reuseLevel: 'sector-specific',
      labels: { en: 'serve food in table service', nl: 'eten op tafel serveren' },
      altLabels: { en: [], nl: [] },
      group: {
        uri: 'http://data.europa.eu/esco/skill/b1ad0ec4-e2a1-4b5e-a1d7-e7e1a8b5ec47',
        labels: { en: 'serving food and drinks', nl: 'serveren van eten en drinken' },
      },
    });
    expect(esco.skills.get('http://data.europa.eu/esco/skill/digcomp-area')?.group).toBeUndefined();
    // The DigComp areas have no skill type in ESCO v1.2.0.
    expect(esco.skills.get('http://data.europa.eu/esco/skill/digcomp-area')?.kind).toBe('skill/competence');
    const occupation = esco.occupations.find('zorgassistent').hits[0]!.concept;
    expect(occupation).toMatchObject({ iscoGroup: '5321', code: '5321.1', labels: { nl: 'zorghulp' } });
    const skills = esco.occupations.skillsOf(occupation.uri)!;
    expect(skills.essential.map((s) => s.labels.nl)).toEqual(['eten op tafel serveren']);
    expect(skills.optional.map((s) => s.labels.en)).toEqual(['digital content creation']);
  });

  it.each([
    ['another format', (f: ReturnType<typeof leanFile>) => (f.format = 'esco-csv')],
    ['no skill list', (f: ReturnType<typeof leanFile>) => delete (f as Partial<typeof f>).skills],
    ['a skill without labels', (f: ReturnType<typeof leanFile>) => (f.skills[0] = { id: 'x' })],
    ['an unknown skill type', (f: ReturnType<typeof leanFile>) => (f.skills[0]!.type = 'hobby')],
    ['alt labels that are not text', (f: ReturnType<typeof leanFile>) => (f.skills[1]!.altEn = [1])],
    ['a group position out of range', (f: ReturnType<typeof leanFile>) => (f.skills[0]!.group = 1)],
    ['a group without a uri', (f: ReturnType<typeof leanFile>) => (f.groups[0] = { en: 'x' })],
    ['a skill position out of range', (f: ReturnType<typeof leanFile>) => (f.occupations[0]!.optional = [2])],
    [
      'a skill position that is no number',
      (f: ReturnType<typeof leanFile>) => (f.occupations[0]!.essential = ['0']),
    ],
  ])('refuses a file with %s', (_name, breakIt) => {
    const file = leanFile();
    breakIt(file);
    expect(() => readEscoLean(file)).toThrow(expect.objectContaining({ code: 'ERR_TAXONOMY_FORMAT' }));
  });

  it('refuses bytes that are not gzip', async () => {
    await expect(escoFromGzip(new TextEncoder().encode('{"format":"x"}'))).rejects.toMatchObject({
      code: 'ERR_TAXONOMY_FORMAT',
    });
  });
});
