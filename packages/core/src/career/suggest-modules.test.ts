import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { SkillConcept } from '../taxonomy/skill-concept.js';
import { SkillTaxonomy } from '../taxonomy/skill-taxonomy.js';
import { HolderSkills, computeGap, type HeldSkill, type WantedSkill } from './gap.js';
import { ModuleIndex, suggestModules, type SuggestableModule } from './suggest-modules.js';

// A hand-made taxonomy: skills a … f, e optional; c and d share an ESCO group, so proving d shows
// c partly.
const S = 'https://example.test/skill/';
const GROUP = { uri: `${S}group`, labels: { en: 'group', nl: 'groep' } };
const concept = (id: string, group?: SkillConcept['group']): SkillConcept => ({
  uri: S + id,
  framework: 'ESCO',
  kind: 'skill/competence',
  labels: { en: id, nl: id },
  altLabels: { en: [], nl: [] },
  ...(group === undefined ? {} : { group }),
});
const taxonomy = SkillTaxonomy.fromConcepts(
  ['a', 'b', 'e', 'f', 'g'].map((id) => concept(id)).concat([concept('c', GROUP), concept('d', GROUP)]),
);
const proven = (id: string, extra: Partial<HeldSkill> = {}): HeldSkill => ({
  uri: S + id,
  source: { kind: 'credential', credentialId: `urn:${id}`, title: id, issuerName: 'ROC', learning: 'formal' },
  date: '2026-05-01',
  ...extra,
});
const want = (id: string, essential = true, minimumLevel?: number): WantedSkill => ({
  uri: S + id,
  essential,
  ...(minimumLevel === undefined ? {} : { minimumLevel }),
});

interface TestModule extends SuggestableModule {
  name: string;
}
const module = (id: string, skills: string[], studyHours: number, startDates: string[] = []): TestModule => ({
  id: `https://issuer.test/api/catalogues/roc/modules/${id}`,
  name: id,
  skills: skills.map((s) => S + s),
  studyHours,
  startDates,
});

// The gap: a, b, f not yet; c partly (d, of its group, is proven); d proven; g partly (lower
// level); e (optional) not yet.
const gap = computeGap(
  [want('a'), want('b'), want('c'), want('d'), want('f'), want('g', true, 3), want('e', false)],
  new HolderSkills([proven('d'), proven('g', { level: { rank: 2, of: 4, defaultScale: true } })], taxonomy),
  taxonomy,
);

const M1 = module('m1', ['a', 'b'], 10, ['2027-09-01']);
const M2 = module('m2', ['a'], 4, ['2027-03-01', '2027-01-15']);
const M3 = module('m3', ['d', 'c'], 2); // d is proven: only c (partly) counts
const M4 = module('m4', ['e', 'a'], 10, ['2027-05-01']);
const M5 = module('m5', ['x', 'd'], 1); // closes nothing missing
const M6 = module('m6', ['b', 'a'], 10, ['2027-02-01']);
const M7 = module('m7', ['g'], 8, ['2026-01-01']);
const catalogue = [M1, M2, M3, M4, M5, M6, M7];
const names = (list: { module: TestModule }[]) => list.map((s) => s.module.name);

describe('module suggestions for a gap', () => {
  it('checks the hand-worked gap the cases below rely on', () => {
    expect(gap.lines.map((l) => [l.uri.slice(S.length), l.status])).toEqual([
      ['a', 'not_yet'],
      ['b', 'not_yet'],
      ['c', 'partly'],
      ['d', 'proven'],
      ['f', 'not_yet'],
      ['g', 'partly'],
      ['e', 'not_yet'],
    ]);
  });

  it('ranks by missing skills closed per study hour, partly shown skills counting half', () => {
    const { suggestions } = suggestModules(gap, catalogue);
    // m2 1/4 = 0.25 (closes 1) before m3 0.5/2 = 0.25 (closes ½); m4 2/10, m6 2/10, m1 2/10;
    // m7 0.5/8. m5 closes nothing and is left out.
    expect(suggestions.map((s) => [s.module.name, s.value, s.perHour])).toEqual([
      ['m2', 1, 0.25],
      ['m3', 0.5, 0.25],
      ['m6', 2, 0.2],
      ['m4', 2, 0.2],
      ['m1', 2, 0.2],
      ['m7', 0.5, 0.0625],
    ]);
  });

  it('breaks a tie on rate, skills and hours by the earliest start date still to come', () => {
    // m6 (Feb), m4 (May), m1 (Sep) all close two skills in 10 hours.
    expect(names(suggestModules(gap, [M1, M4, M6]).suggestions)).toEqual(['m6', 'm4', 'm1']);
    // On 1 March 2027 m6's only start has passed: without a start date it comes last.
    const later = suggestModules(gap, [M1, M4, M6], { today: '2027-03-01' }).suggestions;
    expect(later.map((s) => [s.module.name, s.nextStart])).toEqual([
      ['m4', '2027-05-01'],
      ['m1', '2027-09-01'],
      ['m6', undefined],
    ]);
    // The earliest of several dates, whatever their order in the catalogue.
    expect(suggestModules(gap, [M2]).suggestions[0]!.nextStart).toBe('2027-01-15');
    expect(suggestModules(gap, [M2], { today: '2027-02-01' }).suggestions[0]!.nextStart).toBe('2027-03-01');
  });

  it('names the skills each module closes, essential first, in the gap order, with their state', () => {
    const { suggestions } = suggestModules(gap, catalogue);
    const closes = (name: string) =>
      suggestions
        .find((s) => s.module.name === name)!
        .closes.map((c) => [c.uri.slice(S.length), c.essential, c.status]);
    expect(closes('m4')).toEqual([
      ['a', true, 'not_yet'],
      ['e', false, 'not_yet'],
    ]);
    expect(closes('m6')).toEqual([
      ['a', true, 'not_yet'],
      ['b', true, 'not_yet'],
    ]);
    expect(closes('m3')).toEqual([['c', true, 'partly']]);
    // The caller's module comes back as it was given.
    expect(suggestions[0]!.module).toBe(M2);
  });

  it('plans the fewest modules that close the most essential skills', () => {
    const { plan } = suggestModules(gap, catalogue);
    // m6 and m1 both close a and b in 10 h: m6 ranks first. Then c (m3, 2 h) and g (m7).
    // f: no module teaches it.
    expect(names(plan.modules)).toEqual(['m6', 'm3', 'm7']);
    expect(plan.closes.map((u) => u.slice(S.length))).toEqual(['a', 'b', 'c', 'g']);
    expect(plan.open.map((u) => u.slice(S.length))).toEqual(['f']);
    expect(plan.hours).toBe(20);
  });

  it('takes the shorter of two modules that close equally many essential skills in the plan', () => {
    const long = module('long', ['a', 'b'], 40);
    const short = module('short', ['a', 'b', 'e'], 30); // ranks first anyway on rate: 3/30
    const shortest = module('shortest', ['a', 'b'], 20);
    expect(names(suggestModules(gap, [long, short, shortest]).plan.modules)).toEqual(['shortest']);
  });

  it('returns the first `limit` suggestions, and nothing for a gap with nothing missing', () => {
    expect(names(suggestModules(gap, catalogue, { limit: 2 }).suggestions)).toEqual(['m2', 'm3']);
    const none = computeGap([want('d')], new HolderSkills([proven('d')], taxonomy), taxonomy);
    const result = suggestModules(none, catalogue);
    expect(result.suggestions).toEqual([]);
    expect(result.plan).toEqual({ modules: [], closes: [], open: [], hours: 0 });
  });

  it('refuses a module without a positive study load (a TypeError: caller misuse)', () => {
    for (const hours of [0, -3, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => new ModuleIndex([module('bad', ['a'], hours)])).toThrow(TypeError);
  });

  it('counts a skill a module lists twice once', () => {
    const twice = module('twice', ['a', 'a'], 5);
    expect(suggestModules(gap, [twice]).suggestions[0]!.closes).toHaveLength(1);
  });

  it('holds for any catalogue: sorted by rate, each closes something, the plan adds up', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'x'];
    const arbitrary = fc.array(
      fc.record({
        skills: fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 5 }),
        hours: fc.integer({ min: 1, max: 200 }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(arbitrary, (specs) => {
        const modules = specs.map((s, i) => module(`p${i}`, s.skills, s.hours));
        const { suggestions, plan } = new ModuleIndex(modules).suggest(gap);
        for (let i = 1; i < suggestions.length; i += 1)
          expect(suggestions[i - 1]!.perHour).toBeGreaterThanOrEqual(suggestions[i]!.perHour);
        for (const s of suggestions) expect(s.closes.length).toBeGreaterThan(0);
        const closable = new Set(
          suggestions.flatMap((s) => s.closes.filter((c) => c.essential).map((c) => c.uri)),
        );
        expect(new Set(plan.closes)).toEqual(closable);
        expect(plan.hours).toBe(plan.modules.reduce((sum, s) => sum + s.module.studyHours, 0));
        // Every module in the plan closed something not closed before it.
        const seen = new Set<string>();
        for (const s of plan.modules) {
          const fresh = s.closes.filter((c) => c.essential && !seen.has(c.uri));
          expect(fresh.length).toBeGreaterThan(0);
          fresh.forEach((c) => seen.add(c.uri));
        }
      }),
    );
  });
});
