import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { OccupationTaxonomy, type OccupationConcept } from '../taxonomy/occupation-taxonomy.js';
import type { SkillConcept } from '../taxonomy/skill-concept.js';
import { SkillTaxonomy } from '../taxonomy/skill-taxonomy.js';
import { HolderSkills, computeGap, occupationWants, type HeldSkill, type WantedSkill } from './gap.js';
import { OccupationIndex } from './rank-occupations.js';

// A hand-made taxonomy: two groups (care, kitchen), five skills, three occupations.
const S = 'https://example.test/skill/';
const CARE = { uri: `${S}group-care`, labels: { en: 'caring', nl: 'zorgen' } };
const KITCHEN = { uri: `${S}group-kitchen`, labels: { en: 'cooking', nl: 'koken' } };
const skill = (id: string, group?: SkillConcept['group']): SkillConcept => ({
  uri: S + id,
  framework: 'ESCO',
  kind: 'skill/competence',
  labels: { en: id, nl: id },
  altLabels: { en: [], nl: [] },
  ...(group === undefined ? {} : { group }),
});
const skills = SkillTaxonomy.fromConcepts([
  skill('wash', CARE),
  skill('feed', CARE),
  skill('listen', CARE),
  skill('cook', KITCHEN),
  skill('plan'),
]);
const occupation = (id: string, essential: string[], optional: string[] = []): OccupationConcept => ({
  uri: `https://example.test/occupation/${id}`,
  framework: 'ESCO',
  labels: { en: id, nl: id },
  altLabels: { en: [], nl: [] },
  essentialSkills: essential.map((s) => S + s),
  optionalSkills: optional.map((s) => S + s),
});
const occupations = OccupationTaxonomy.fromConcepts(
  [
    occupation('carer', ['wash', 'feed', 'listen'], ['cook', 'plan']),
    occupation('cook', ['cook', 'plan']),
    occupation('alpha', ['wash', 'cook', 'plan', 'listen']),
    occupation('nothing-essential', [], ['plan']),
  ],
  skills,
);

const credential = (id: string, extra: Partial<HeldSkill> = {}): HeldSkill => ({
  uri: S + id,
  source: {
    kind: 'credential',
    credentialId: `urn:uuid:${id}`,
    title: `Certificate ${id}`,
    issuerName: 'ROC',
    learning: 'formal',
  },
  date: '2026-05-01',
  ...extra,
});
const onScale = (rank: number, of = 4, defaultScale = true) => ({
  level: { name: `L${rank}`, rank, of, defaultScale },
});
const selfDeclared = (id: string): HeldSkill => ({
  uri: S + id,
  source: { kind: 'self-declared', description: 'I did this at home' },
  date: '2026-06-01',
});
const gapFor = (held: HeldSkill[], wanted: WantedSkill[]) =>
  computeGap(wanted, new HolderSkills(held, skills), skills);
const wants = (id: string) => occupationWants(occupations, `https://example.test/occupation/${id}`)!;
const statuses = (held: HeldSkill[], wanted: WantedSkill[]) =>
  gapFor(held, wanted).lines.map((l) => [l.uri.slice(S.length), l.status, l.partlyReason ?? '-']);

describe('the gap for one occupation', () => {
  it('marks each essential and optional skill proven, partly (same group) or not yet', () => {
    const held = [credential('wash', onScale(3)), credential('cook')];
    expect(statuses(held, wants('carer'))).toEqual([
      ['wash', 'proven', '-'],
      ['feed', 'partly', 'same_group'],
      ['listen', 'partly', 'same_group'],
      ['cook', 'proven', '-'],
      ['plan', 'not_yet', '-'],
    ]);
    const gap = gapFor(held, wants('carer'));
    expect(gap.essential).toEqual({ total: 3, proven: 1, partly: 2, notYet: 0 });
    expect(gap.optional).toEqual({ total: 2, proven: 1, partly: 0, notYet: 1 });
    expect(gap.essentialShare).toBeCloseTo(1 / 3);
    const feed = gap.lines[1]!;
    expect(feed.group).toEqual(CARE);
    expect(feed.sameGroup.map((h) => h.uri)).toEqual([`${S}wash`]);
    expect(gap.lines[0]!.proven[0]!.source).toMatchObject({
      credentialId: 'urn:uuid:wash',
      learning: 'formal',
    });
  });

  it('compares levels on the default scale with a required level; other scales do not refute', () => {
    const wanted: WantedSkill[] = [
      { uri: `${S}wash`, essential: true, minimumLevel: 3 },
      { uri: `${S}feed`, essential: true, minimumLevel: 3 },
      { uri: `${S}listen`, essential: true, minimumLevel: 2 },
      { uri: `${S}cook`, essential: true, minimumLevel: 2 },
      { uri: `${S}plan`, essential: true, minimumLevel: 2 },
    ];
    const held = [
      credential('wash', onScale(2)), // Basic < Proficient
      credential('feed', onScale(3)), // Proficient = Proficient
      credential('listen', onScale(1, 3, false)), // another scale: not comparable, as in the employer's report
      credential('cook'), // no level stated: falls short of any required level
      credential('plan', { ...onScale(4), outcome: 'partly-achieved' }),
    ];
    expect(statuses(held, wanted)).toEqual([
      ['wash', 'partly', 'lower_level'],
      ['feed', 'proven', '-'],
      ['listen', 'proven', '-'],
      ['cook', 'partly', 'lower_level'],
      ['plan', 'partly', 'lower_level'],
    ]);
  });

  it('lists the proving credentials best level first, then newest', () => {
    const held = [
      credential('wash', { ...onScale(2), date: '2026-09-01' }),
      credential('wash', { ...onScale(4), date: '2025-01-01' }),
      credential('wash', { ...onScale(2), date: '2026-10-01' }),
    ];
    const line = gapFor(held, wants('carer')).lines[0]!;
    expect(line.proven.map((h) => [h.level?.rank, h.date])).toEqual([
      [4, '2025-01-01'],
      [2, '2026-10-01'],
      [2, '2026-09-01'],
    ]);
  });

  it('never counts a self-declared skill as proven, nor as the same group', () => {
    const gap = gapFor([selfDeclared('wash'), selfDeclared('feed')], wants('carer'));
    expect(gap.lines.map((l) => l.status)).toEqual(['not_yet', 'not_yet', 'not_yet', 'not_yet', 'not_yet']);
    expect(gap.lines[0]!.selfDeclared).toHaveLength(1);
    expect(gap.essential.proven).toBe(0);
  });

  it('answers for an empty passport: nothing proven', () => {
    const gap = gapFor([], wants('carer'));
    expect(gap.essential).toEqual({ total: 3, proven: 0, partly: 0, notYet: 3 });
    expect(gap.essentialShare).toBe(0);
  });

  it('answers for an occupation with no essential skills: share 0, optional skills still shown', () => {
    const gap = gapFor([credential('plan')], wants('nothing-essential'));
    expect(gap.essential.total).toBe(0);
    expect(gap.essentialShare).toBe(0);
    expect(gap.optional).toEqual({ total: 1, proven: 1, partly: 0, notYet: 0 });
  });

  it('counts a skill wanted twice once, as essential, at the higher level', () => {
    const gap = gapFor(
      [credential('wash', onScale(2))],
      [
        { uri: `${S}wash`, essential: false, minimumLevel: 1 },
        { uri: `${S}wash`, essential: true, minimumLevel: 3 },
      ],
    );
    expect(gap.lines).toHaveLength(1);
    expect(gap.lines[0]).toMatchObject({ essential: true, minimumLevel: 3, status: 'partly' });
  });

  it('shows a skill the taxonomy does not know, without a group', () => {
    const gap = gapFor([], [{ uri: 'https://other.test/skill/x', essential: true }]);
    expect(gap.lines[0]).toMatchObject({ status: 'not_yet', sameGroup: [] });
    expect(gap.lines[0]!.concept).toBeUndefined();
  });
});

describe('ranking the occupations', () => {
  const index = new OccupationIndex(occupations);
  const rank = (held: HeldSkill[]) =>
    index
      .rank(new HolderSkills(held, skills), { lang: 'en' })
      .map((f) => [
        f.occupation.labels.en,
        f.essentialProven,
        f.essentialTotal,
        f.missing.map((u) => u.slice(S.length)).join(' '),
      ]);

  it('orders by share of essential skills proven, then count, then label', () => {
    expect(rank([credential('wash'), credential('cook'), credential('plan')])).toEqual([
      ['cook', 2, 2, ''],
      ['alpha', 3, 4, 'listen'],
      ['carer', 1, 3, 'feed listen'],
      ['nothing-essential', 0, 0, ''],
    ]);
  });

  it('ignores self-declared skills, partly achieved results and unrelated skills', () => {
    expect(
      rank([
        selfDeclared('cook'),
        credential('plan', { outcome: 'partly-achieved' }),
        credential('other'),
      ]).map((r) => r[1]),
    ).toEqual([0, 0, 0, 0]);
  });

  it('orders an empty passport by label, and keeps only `limit`', () => {
    expect(rank([]).map((r) => r[0])).toEqual(['alpha', 'carer', 'cook', 'nothing-essential']);
    expect(index.rank(new HolderSkills([], skills), { lang: 'en', limit: 2 })).toHaveLength(2);
  });

  it('agrees with the gap of every occupation, for any passport (property)', () => {
    const ids = ['wash', 'feed', 'listen', 'cook', 'plan', 'other'];
    const heldSkill = fc.record({
      id: fc.constantFrom(...ids),
      self: fc.boolean(),
      partly: fc.boolean(),
      rank: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(heldSkill, { maxLength: 12 }), (list) => {
        const held = list.map(({ id, self, partly, rank }) =>
          self
            ? selfDeclared(id)
            : credential(id, {
                ...(rank === undefined ? {} : onScale(rank)),
                ...(partly ? { outcome: 'partly-achieved' as const } : {}),
              }),
        );
        const holder = new HolderSkills(held, skills);
        const fits = index.rank(holder, { lang: 'en' });
        for (let i = 1; i < fits.length; i += 1)
          expect(fits[i - 1]!.share).toBeGreaterThanOrEqual(fits[i]!.share);
        for (const fit of fits) {
          const gap = computeGap(occupationWants(occupations, fit.occupation.uri)!, holder, skills);
          expect(fit.essentialProven).toBe(gap.essential.proven);
          expect(fit.share).toBe(gap.essentialShare);
          expect(fit.missing).toEqual(
            gap.lines.filter((l) => l.essential && l.status !== 'proven').map((l) => l.uri),
          );
          const counted = gap.essential.proven + gap.essential.partly + gap.essential.notYet;
          expect(counted).toBe(gap.essential.total);
        }
      }),
    );
  });
});
