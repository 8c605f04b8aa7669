import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDataDir } from '../test-support/test-data.js';
import {
  parseEscoCsv,
  SkillTaxonomy,
  demoEsco,
  demoOccupations,
  demoTaxonomy,
  isSkillsPassportError,
  parseSkillsJson,
  preferredLabel,
} from '@skills-passport/core';

// The real ESCO sample vendored in testdata/esco, read as ESCO's own CSV
// export format and as JSON.
const escoDir = testDataDir('esco');
const read = (file: string) => readFileSync(join(escoDir, file), 'utf8');

const fromCsv = SkillTaxonomy.fromConcepts(
  parseEscoCsv({ skillsEn: read('skills_en.sample.csv'), skillsNl: read('skills_nl.sample.csv') }),
);
const fromJson = SkillTaxonomy.fromConcepts(parseSkillsJson(JSON.parse(read('esco-skills-sample.json'))));

const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const MONITOR_SIGNS = 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064';

describe('ESCO import', () => {
  it('reads all 387 sample skills from the CSV export with English and Dutch labels', () => {
    expect(fromCsv.size).toBe(387);
    const concept = fromCsv.get(SUPPORT_NURSES)!;
    expect(concept.labels).toEqual({ en: 'support nurses', nl: 'verpleegkundigen ondersteunen' });
    expect(concept.kind).toBe('skill/competence');
    expect(fromCsv.concepts().every((c) => c.labels.en && c.labels.nl)).toBe(true);
  });

  it('counts kinds as the sample documents them (257 skill/competence, 70 knowledge, 60 transversal)', () => {
    for (const taxonomy of [fromCsv, fromJson]) {
      const count = (kind: string) => taxonomy.concepts().filter((c) => c.kind === kind).length;
      expect([count('skill/competence'), count('knowledge'), count('transversal')]).toEqual([257, 70, 60]);
    }
  });

  it('reads the JSON sample with skill groups in both languages', () => {
    expect(fromJson.size).toBe(387);
    const concept = fromJson.get(MONITOR_SIGNS)!;
    expect(preferredLabel(concept, 'nl')).toBe('vitale functies van patiënten monitoren');
    expect(concept.group?.labels.en).toBe('monitoring health conditions of humans and animals');
    expect(fromJson.related(MONITOR_SIGNS).every((c) => c.group?.uri === concept.group?.uri)).toBe(true);
  });

  it('joins skills to groups and reads multi-line alt labels from a full export', () => {
    const skillsEn = [
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels',
      `KnowledgeSkillCompetence,${SUPPORT_NURSES},skill/competence,sector-specific,support nurses,"assist nurses\nhelp nursing staff"`,
    ].join('\n');
    const skillsNl = [
      'conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels',
      `KnowledgeSkillCompetence,${SUPPORT_NURSES},skill/competence,sector-specific,verpleegkundigen ondersteunen,verpleging bijstaan`,
    ].join('\n');
    const group = 'http://data.europa.eu/esco/skill/S3.2.0';
    const taxonomy = SkillTaxonomy.fromConcepts(
      parseEscoCsv({
        skillsEn,
        skillsNl,
        broaderRelations: `conceptType,conceptUri,broaderType,broaderUri\nKnowledgeSkillCompetence,${SUPPORT_NURSES},SkillGroup,${group}`,
        skillGroupsEn: `conceptType,conceptUri,preferredLabel\nSkillGroup,${group},assisting and supporting co-workers`,
        skillGroupsNl: `conceptType,conceptUri,preferredLabel\nSkillGroup,${group},collega's assisteren en ondersteunen`,
      }),
    );
    const concept = taxonomy.get(SUPPORT_NURSES)!;
    expect(concept.altLabels).toEqual({
      en: ['assist nurses', 'help nursing staff'],
      nl: ['verpleging bijstaan'],
    });
    expect(concept.group).toEqual({
      uri: group,
      labels: { en: 'assisting and supporting co-workers', nl: "collega's assisteren en ondersteunen" },
    });
    expect(taxonomy.search('helP NURSING')[0]?.label).toBe('help nursing staff');
  });

  it.each([
    ['a missing column', 'conceptUri,preferredLabel\nhttp://x.example/1,a', 'ERR_TAXONOMY_FORMAT'],
    [
      'a row without URI',
      'conceptUri,preferredLabel,skillType,reuseLevel\nnot-a-uri,label,knowledge,',
      'ERR_TAXONOMY_FORMAT',
    ],
    [
      'an unknown skill type',
      'conceptUri,preferredLabel,skillType,reuseLevel\nhttp://x.example/1,a,hobby,',
      'ERR_TAXONOMY_FORMAT',
    ],
    [
      'broken quoting',
      'conceptUri,preferredLabel,skillType,reuseLevel\n"http://x.example/1,a,knowledge,',
      'ERR_TAXONOMY_FORMAT',
    ],
  ])('rejects a CSV with %s', (_name, skillsEn, code) => {
    expect(() => parseEscoCsv({ skillsEn })).toThrow(expect.objectContaining({ code }));
  });

  it('rejects bad JSON entries, listing each one', () => {
    let caught: unknown;
    try {
      parseSkillsJson([
        { uri: 'nope', labelEn: 'x', type: 'knowledge' },
        { uri: 'http://x.example/2', type: 'knowledge' },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(isSkillsPassportError(caught, 'ERR_TAXONOMY_FORMAT')).toBe(true);
    expect((caught as { issues: { pointer: string }[] }).issues.map((i) => i.pointer)).toEqual([
      '/0/uri',
      '/1/labels',
    ]);
    expect(() => parseSkillsJson({ not: 'a list' })).toThrow(
      expect.objectContaining({ code: 'ERR_TAXONOMY_FORMAT' }),
    );
    expect(() =>
      parseSkillsJson([
        { uri: 'http://x.example/1', labelEn: 'a', type: 'knowledge', __proto__x: 1, ['__proto__']: 1 },
      ]),
    ).toThrow();
  });
});

describe('search', () => {
  it('finds skills by Dutch words, with and without diacritics', () => {
    for (const query of [
      'vitale functies patiënten',
      'vitale functies patienten',
      'VITALE FUNCTIES PATIËNTEN',
    ]) {
      expect(fromCsv.search(query, { lang: 'nl' })[0]?.concept.uri).toBe(MONITOR_SIGNS);
    }
  });

  it('finds skills by English words and by prefix', () => {
    expect(fromCsv.search('monitor basic patients signs')[0]).toMatchObject({
      concept: { uri: MONITOR_SIGNS },
      match: 'exact',
    });
    expect(fromCsv.search('support nur')[0]).toMatchObject({
      concept: { uri: SUPPORT_NURSES },
      match: 'prefix',
    });
    expect(fromCsv.search('nurses support')[0]).toMatchObject({
      concept: { uri: SUPPORT_NURSES },
      match: 'words',
    });
  });

  it('matches word starts only, not words inside Dutch compounds (issue 15: "eten" found "wetenschappelijk")', () => {
    const labels = fromCsv.search('materialen', { lang: 'nl' }).map((h) => h.label);
    expect(labels).not.toContain('magazijnmaterialen gebruiken');
    expect(fromCsv.search('magazijnmat', { lang: 'nl' }).map((h) => h.label)).toContain(
      'magazijnmaterialen gebruiken',
    );
  });

  it('lists each skill once, exact labels first, preferred before alternative labels, and respects the limit', () => {
    const hits = fromCsv.search('verpleeg', { limit: 5 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(new Set(hits.map((h) => h.concept.uri)).size).toBe(hits.length);
    const rank = (h: (typeof hits)[number]) =>
      h.match === 'exact' ? 3 : h.preferred ? (h.match === 'prefix' ? 2 : 1) : 0;
    const ranks = hits.map(rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);
  });

  it('returns nothing for empty or punctuation-only queries', () => {
    expect(fromCsv.search('')).toEqual([]);
    expect(fromCsv.search(' -- ')).toEqual([]);
    expect(fromCsv.search('zzzzqqq')).toEqual([]);
  });

  it('refuses a taxonomy with the same URI twice', () => {
    const [first] = fromCsv.concepts();
    expect(() => SkillTaxonomy.fromConcepts([first!, first!])).toThrow(
      expect.objectContaining({ code: 'ERR_TAXONOMY_FORMAT' }),
    );
  });
});

describe('demo seed', () => {
  it('holds every essential skill of its occupations, labelled in both languages', () => {
    const taxonomy = demoTaxonomy();
    const occupations = demoOccupations();
    expect(occupations.map((o) => o.labels.nl)).toEqual(
      expect.arrayContaining(['zorghulp', 'magazijnmedewerker', 'software ontwikkelaar']),
    );
    for (const occupation of occupations) {
      for (const uri of occupation.essentialSkills) expect(taxonomy.get(uri)?.labels.nl).toBeTruthy();
    }
    expect(taxonomy.search('verpleegkundigen', { lang: 'nl' })[0]?.concept.uri).toBe(SUPPORT_NURSES);
  });

  it('answers occupation searches as the whole ESCO does, with the seed\u2019s essential skills', () => {
    const esco = demoEsco();
    const [hit] = esco.occupations.find('zorghulp', { lang: 'nl' }).hits;
    expect(hit).toMatchObject({ label: 'zorghulp', match: 'exact' });
    const seed = demoOccupations().find((o) => o.labels.nl === 'zorghulp')!;
    const skills = esco.occupations.skillsOf(hit!.concept.uri)!;
    expect(skills.essential.map((s) => s.uri)).toEqual(seed.essentialSkills);
    expect(skills.optional).toEqual([]);
    expect(esco.occupations.find('xqzvbnwk').outcome).toBe('no-match');
  });
});
