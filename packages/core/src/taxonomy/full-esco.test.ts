import { beforeAll, describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoOccupations, demoTaxonomy } from './demo-seed.js';
import { escoFromGzip } from './esco-from-gzip.js';
import type { Esco } from './esco-lean.js';
import { FULL_ESCO_FILE, loadFullEsco } from './load-full-esco.js';

// The whole ESCO v1.2 as the product ships it (packages/core/data/esco), and the search cases of
// issue 15 against it.
const SKILL = 'http://data.europa.eu/esco/skill/';
const SCIENTIFIC_RESEARCH = `${SKILL}4fabca9a-7435-4f33-b1da-3cdb00340fdc`;
const SERVE_FOOD = `${SKILL}42a6eff0-e9d9-423d-877b-e48fe91ff26f`;
const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
const HOME_CARE_AIDE = 'http://data.europa.eu/esco/occupation/1391bdf9-bd61-4fb5-91ca-c29036ab2b60';

let esco: Esco;
beforeAll(async () => {
  esco = await loadFullEsco();
});

const nlLabels = (query: string) => esco.skills.search(query, { lang: 'nl', limit: 200 }).map((h) => h.label);

describe('the vendored ESCO v1.2', () => {
  it('holds every skill and occupation, with Dutch and English labels', () => {
    expect([esco.skills.size, esco.occupations.size]).toEqual([13_939, 3_039]);
    const skills = esco.skills.concepts();
    expect(skills.filter((s) => s.labels.en !== undefined)).toHaveLength(13_939);
    // One skill, "issue licences", has no Dutch label in the source (see data/esco/SOURCES.md).
    expect(skills.filter((s) => s.labels.nl === undefined).map((s) => s.labels.en)).toEqual([
      'issue licences',
    ]);
    expect(esco.occupations.concepts().every((o) => o.labels.nl && o.labels.en)).toBe(true);
    expect(esco.attribution).toBe('This service uses the ESCO classification of the European Commission.');
  });

  it('gives every skill its nearest skill group, labelled in Dutch and English, as the demo seed has it', () => {
    const skills = esco.skills.concepts();
    expect(skills.filter((s) => s.group?.labels.en && s.group.labels.nl)).toHaveLength(13_939);
    expect(new Set(skills.map((s) => s.group!.uri)).size).toBe(417);
    const seed = demoTaxonomy()
      .concepts()
      .filter((s) => s.framework === 'ESCO' && s.group !== undefined);
    expect(seed.length).toBeGreaterThan(100);
    for (const skill of seed) expect(esco.skills.get(skill.uri)?.group).toEqual(skill.group);
  });

  it('keeps all 129,004 essential and optional links of the occupations', () => {
    const occupations = esco.occupations.concepts();
    const count = (key: 'essentialSkills' | 'optionalSkills') =>
      occupations.reduce((sum, o) => sum + o[key].length, 0);
    expect([count('essentialSkills'), count('optionalSkills')]).toEqual([67_622, 61_382]);
  });
});

describe('skill search over the whole ESCO (issue 15)', () => {
  it('finds "hygiëne" and "hygiene" alike, whole words before word starts', () => {
    const withDiaeresis = nlLabels('hygiëne');
    expect(withDiaeresis).toEqual(nlLabels('hygiene'));
    // "hygiënenormen toepassen" is shorter, but holds "hygiëne" only as the start of a word.
    expect(withDiaeresis.slice(0, 2)).toEqual(['hygiëne waarborgen', 'hygiëne in de gezondheidszorg']);
    expect(withDiaeresis).toContain('normen voor persoonlijke hygiëne handhaven');
  });

  it('finds "cliënt" and "client" alike, in Dutch and English labels', () => {
    const labels = nlLabels('cliënt');
    expect(labels).toEqual(nlLabels('client'));
    expect(labels).toEqual(
      expect.arrayContaining(['cliëntgerichte begeleiding', 'belangen van de cliënt beschermen']),
    );
    expect(esco.skills.search('client', { lang: 'en' }).map((h) => h.label)).toContain(
      'protect client interests',
    );
  });

  it('finds "wassen"', () => {
    const labels = nlLabels('wassen');
    expect(labels).toEqual(expect.arrayContaining(['haar wassen', 'honden wassen']));
    expect(labels.every((label) => / wassen|^wassen/i.test(label))).toBe(true);
  });

  it('finds "eten" as a word, never inside "wetenschappelijk onderzoek verrichten"', () => {
    expect(esco.skills.get(SCIENTIFIC_RESEARCH)?.labels.nl).toBe('wetenschappelijk onderzoek verrichten');
    const hits = esco.skills.search('eten', { lang: 'nl', limit: 200 });
    expect(hits.map((h) => h.concept.uri)).toContain(SERVE_FOOD);
    expect(hits.map((h) => h.concept.uri)).not.toContain(SCIENTIFIC_RESEARCH);
  });

  it('puts an exact label first', () => {
    expect(esco.skills.find('haar wassen').hits[0]).toMatchObject({ label: 'haar wassen', match: 'exact' });
    expect(esco.skills.find('wash hair', { lang: 'en' }).hits[0]).toMatchObject({ match: 'exact' });
  });

  it('says "no match" for nonsense', () => {
    expect(esco.skills.find('xqzvbnwk')).toEqual({ outcome: 'no-match', hits: [] });
    expect(esco.occupations.find('xqzvbnwk')).toEqual({ outcome: 'no-match', hits: [] });
  });
});

describe('occupations', () => {
  it('finds "zorghulp": ESCO\u2019s Dutch label for healthcare assistant', () => {
    const [first] = esco.occupations.find('zorghulp', { lang: 'nl' }).hits;
    expect(first).toMatchObject({
      concept: { uri: HEALTHCARE_ASSISTANT },
      label: 'zorghulp',
      match: 'exact',
    });
    expect(first?.concept.labels.en).toBe('healthcare assistant');
  });

  it('finds an occupation by an alternative label ("helpende zorg")', () => {
    const hits = esco.occupations.find('helpende zorg', { lang: 'nl' }).hits;
    expect(hits.find((h) => h.concept.uri === HOME_CARE_AIDE)).toMatchObject({
      label: 'helpende zorg en welzijn',
      preferred: false,
    });
  });

  it('gives an occupation\u2019s essential and optional skills, agreeing with the demo seed', () => {
    const skills = esco.occupations.skillsOf(HEALTHCARE_ASSISTANT)!;
    expect([skills.essential.length, skills.optional.length]).toEqual([32, 14]);
    expect(skills.essential.every((s) => s.labels.nl && s.labels.en)).toBe(true);
    const seed = demoOccupations().find((o) => o.uri === HEALTHCARE_ASSISTANT)!;
    expect(skills.essential.map((s) => s.uri)).toEqual(expect.arrayContaining(seed.essentialSkills));
    expect(esco.occupations.skillsOf('http://data.europa.eu/esco/occupation/unknown')).toBeUndefined();
  });

  it('counts a skill that ESCO lists as both essential and optional as essential only', () => {
    const both = esco.occupations
      .concepts()
      .filter((o) => o.optionalSkills.some((uri) => o.essentialSkills.includes(uri)));
    expect(both.length).toBeGreaterThan(0);
    for (const occupation of both) {
      const { essential, optional } = esco.occupations.skillsOf(occupation.uri)!;
      const essentialUris = new Set(essential.map((s) => s.uri));
      expect(optional.some((s) => essentialUris.has(s.uri))).toBe(false);
    }
  });
});

describe('the browser-safe reader', () => {
  it('reads the shipped file to the same ESCO as the Node loader', async () => {
    const fromBytes = await escoFromGzip(readFileSync(FULL_ESCO_FILE));
    expect([fromBytes.skills.size, fromBytes.occupations.size]).toEqual([
      esco.skills.size,
      esco.occupations.size,
    ]);
    expect(fromBytes.occupations.skillsOf(HEALTHCARE_ASSISTANT)).toEqual(
      esco.occupations.skillsOf(HEALTHCARE_ASSISTANT),
    );
  });
});

describe('the Node-only loader', () => {
  it('is imported by no module of the package (the browser bundles those)', () => {
    const src = join(import.meta.dirname, '..');
    const importers = readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
      .filter((file) => readFileSync(join(src, file), 'utf8').includes('load-full-esco'));
    expect(importers).toEqual([]);
  });
});
