import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EVCCredential } from '../credential-model.js';
import type { OpenBadge } from '../open-badges/open-badge.js';
import { readOpenBadge } from '../open-badges/read-open-badge.js';
import {
  escoSample,
  escoSkillBadge,
  FULL_EXAMPLE,
  ob3Example,
  rubricSkillBadge,
} from '../open-badges/test-support/ob3-fixtures.js';
import { demoTaxonomy } from '../taxonomy/demo-seed.js';
import { repoRoot } from '../test-support/test-data.js';
import {
  matchSkills,
  type AnySkillProof,
  type MatchableCredential,
  type MatchableOpenBadge,
  type SkillProof,
  type SkillsMatchReport,
} from './skills-match.js';

const ESCO = 'http://data.europa.eu/esco/skill/';
const SUPPORT_NURSES = `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896`; // level 3, achieved
const MONITOR_SIGNS = `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`; // level 2, achieved
const INTERACT = `${ESCO}c65aa043-98da-4136-9877-494e72d9e4cf`; // level 2, partly achieved
const IDENTIFY_ABNORMALITIES = `${ESCO}2e90ef65-646a-4b1d-8597-26ca88aa1c6b`; // same group as MONITOR_SIGNS
const CONVEY_INFO = `${ESCO}b34a15fe-dc14-43eb-9eb3-c227238a029c`;
const UNRELATED = `${ESCO}00000000-0000-0000-0000-000000000000`;

const zorghulp = JSON.parse(
  readFileSync(join(repoRoot, 'schemas/examples/evc-credential/zorghulp-ok.json'), 'utf8'),
) as EVCCredential;
const evc: MatchableCredential = {
  index: 0,
  type: 'EVCCredential',
  credential: zorghulp,
  outcome: 'verified',
  issuerName: 'EVC Centrum Zorg Nederland',
};

describe('matchSkills', () => {
  const taxonomy = demoTaxonomy();

  it('a selectively disclosed credential proves only the skills whose results were disclosed', () => {
    const disclosed = structuredClone(zorghulp);
    disclosed.credentialSubject.result = disclosed.credentialSubject.result.filter(
      (r) => 'alignment' in r && r.alignment[0].targetUrl === SUPPORT_NURSES,
    );
    const report = matchSkills(
      [
        { uri: SUPPORT_NURSES, required: true },
        { uri: MONITOR_SIGNS, required: true },
      ],
      [{ ...evc, credential: disclosed, partial: true }],
    );
    const byUri = new Map(report.skills.map((line) => [line.uri, line.status]));
    // The achievement still aligns to MONITOR_SIGNS, but its result was withheld: not proof.
    expect(disclosed.credentialSubject.achievement.alignment.map((a) => a.targetUrl)).toContain(
      MONITOR_SIGNS,
    );
    expect(byUri.get(SUPPORT_NURSES)).toBe('proven');
    expect(byUri.get(MONITOR_SIGNS)).toBe('not_proven');
  });

  it('answers per skill: proven, level below minimum, related, partly achieved, not proven', () => {
    const report = matchSkills(
      [
        { uri: SUPPORT_NURSES, required: true, minimumLevel: 3 },
        { uri: MONITOR_SIGNS, required: true, minimumLevel: 3 },
        { uri: IDENTIFY_ABNORMALITIES, required: true },
        { uri: INTERACT, required: false },
        { uri: UNRELATED, required: true },
      ],
      [evc],
      taxonomy,
    );
    const byUri = new Map(report.skills.map((line) => [line.uri, line]));
    expect(byUri.get(SUPPORT_NURSES)).toMatchObject({
      status: 'proven',
      label: { en: 'support nurses', nl: 'verpleegkundigen ondersteunen' },
      proofs: [
        {
          type: 'EVCCredential',
          learning: 'formal',
          issuerName: 'EVC Centrum Zorg Nederland',
          match: 'exact',
          level: { rank: 3, name: 'Gevorderd' },
          levelMeetsMinimum: true,
          outcome: 'achieved',
          counts: true,
          date: (zorghulp.credentialSubject as { assessmentDate: string }).assessmentDate,
        },
      ],
    });
    expect(byUri.get(SUPPORT_NURSES)!.proofs[0]!.assessor?.name).toBeDefined();
    expect(byUri.get(SUPPORT_NURSES)!.proofs[0]!.evidence.length).toBeGreaterThan(0);
    expect(byUri.get(MONITOR_SIGNS)).toMatchObject({
      status: 'partial',
      proofs: [{ levelMeetsMinimum: false, counts: false }],
    });
    expect(byUri.get(IDENTIFY_ABNORMALITIES)).toMatchObject({
      status: 'partial',
      proofs: [{ match: 'related', skill: { uri: MONITOR_SIGNS }, counts: false }],
    });
    expect(byUri.get(INTERACT)).toMatchObject({
      status: 'partial',
      proofs: [{ match: 'exact', outcome: 'partly-achieved', counts: false }],
    });
    expect(byUri.get(UNRELATED)).toMatchObject({ status: 'not_proven', proofs: [] });
    expect(report.coverage).toEqual({ required: 4, proven: 1, partial: 2, notProven: 1, percent: 25 });
  });

  it('shows a credential from an unrecognised issuer without counting it', () => {
    const report = matchSkills(
      [{ uri: SUPPORT_NURSES, required: true }],
      [{ ...evc, outcome: 'issuer_not_recognised' }],
      taxonomy,
    );
    expect(report.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ issuerRecognised: false, counts: false }],
    });
    expect(report.coverage.proven).toBe(0);
  });

  it('finds a related skill through the group of the requested one', () => {
    const report = matchSkills([{ uri: CONVEY_INFO, required: true }], [evc], taxonomy);
    expect(report.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ match: 'related', skill: { uri: INTERACT } }],
    });
  });

  it('counts full coverage when nothing is required', () => {
    expect(matchSkills([], [evc]).coverage).toEqual({
      required: 0,
      proven: 0,
      partial: 0,
      notProven: 0,
      percent: 100,
    });
  });
});

describe('matchSkills with foreign Open Badges', () => {
  const taxonomy = demoTaxonomy();
  const badgeFrom = (doc: unknown): OpenBadge => {
    const reading = readOpenBadge(doc);
    if (!reading.valid) throw new Error(reading.code);
    return reading.badge;
  };
  // 1EdTech's examples, re-shaped so an alignment targets an ESCO skill of testdata/esco (see
  // open-badges/test-support/ob3-fixtures.ts).
  const skillBadge: MatchableOpenBadge = {
    kind: 'open-badge',
    index: 1,
    badge: badgeFrom(escoSkillBadge(IDENTIFY_ABNORMALITIES)),
    outcome: 'verified',
    issuerName: '1EdTech University (registry)',
  };

  it('counts a badge from a recognised issuer for the skill it aligns to, and says what it says', () => {
    const report = matchSkills(
      [{ uri: IDENTIFY_ABNORMALITIES, required: true }],
      [evc, skillBadge],
      taxonomy,
    );
    expect(report.skills[0]).toMatchObject({ status: 'proven' });
    expect(report.skills[0]!.proofs[0]).toEqual({
      credentialIndex: 1,
      credentialId: 'http://1edtech.edu/credentials/3732',
      type: 'OpenBadgeCredential',
      learning: 'informal',
      title: 'Robot Programming',
      achievementType: 'Competency',
      issuerName: '1EdTech University (registry)',
      issuerId: 'https://1edtech.edu/issuers/565049',
      issuerRecognised: true,
      date: '2022-07-01T00:00:00Z',
      match: 'exact',
      skill: { uri: IDENTIFY_ABNORMALITIES, label: escoSample(IDENTIFY_ABNORMALITIES).labelEn },
      evidence: [
        {
          name: 'Final Project Code',
          genre: '',
          description:
            "The source code for the 'Beeper 1.0' robot project. It responds by saying 'beep' when the 'beep' button is pressed.",
        },
      ],
      counts: true,
    });
    expect(report.coverage).toMatchObject({ required: 1, proven: 1, percent: 100 });
  });

  it("shows the level a badge's rubric gives, by the issuer's own name for it", () => {
    const rubric: MatchableOpenBadge = {
      kind: 'open-badge',
      index: 0,
      badge: badgeFrom(rubricSkillBadge(MONITOR_SIGNS)),
      outcome: 'verified',
    };
    const report = matchSkills([{ uri: MONITOR_SIGNS, required: true }], [rubric], taxonomy);
    expect(report.skills[0]).toMatchObject({
      status: 'proven',
      proofs: [
        {
          title: '1EdTech University Degree',
          issuerName: '1EdTech University',
          learning: 'formal',
          achievementType: 'Degree',
          level: { id: FULL_EXAMPLE.masteryLevel, name: 'Mastery' },
          counts: true,
        },
      ],
    });
    // Open Badges does not order rubric levels: no rank, nothing to compare with a minimum.
    expect(report.skills[0]!.proofs[0]!.level!.rank).toBeUndefined();
  });

  it('counts nothing for a badge without an ESCO or CompetentNL alignment', () => {
    const caseItem: MatchableOpenBadge = {
      kind: 'open-badge',
      index: 0,
      badge: badgeFrom(ob3Example('skill-assertion-case')),
      outcome: 'verified',
    };
    const basic: MatchableOpenBadge = { ...caseItem, index: 1, badge: badgeFrom(ob3Example('basic')) };
    const report = matchSkills(
      [
        { uri: IDENTIFY_ABNORMALITIES, required: true },
        { uri: SUPPORT_NURSES, required: true },
      ],
      [caseItem, basic],
      taxonomy,
    );
    expect(report.skills.map((line) => [line.status, line.proofs.length])).toEqual([
      ['not_proven', 0],
      ['not_proven', 0],
    ]);
    expect(report.coverage).toMatchObject({ proven: 0, notProven: 2, percent: 0 });
  });

  it("shows a badge from an unrecognised issuer without counting it, under the badge's issuer name", () => {
    const { issuerName: _registryName, ...unnamed } = skillBadge;
    const report = matchSkills(
      [{ uri: IDENTIFY_ABNORMALITIES, required: true }],
      [{ ...unnamed, outcome: 'issuer_not_recognised' }],
      taxonomy,
    );
    expect(report.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ issuerName: '1EdTech University', issuerRecognised: false, counts: false }],
    });
    expect(report.coverage.proven).toBe(0);
  });

  it('finds a related skill through the ESCO group, as for our credentials', () => {
    const report = matchSkills([{ uri: MONITOR_SIGNS, required: true }], [skillBadge], taxonomy);
    expect(report.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [
        {
          type: 'OpenBadgeCredential',
          match: 'related',
          skill: { uri: IDENTIFY_ABNORMALITIES },
          counts: false,
        },
      ],
    });
  });

  it('does not count a badge without a level where a minimum level is asked', () => {
    const report = matchSkills(
      [{ uri: IDENTIFY_ABNORMALITIES, required: true, minimumLevel: 2 }],
      [skillBadge],
    );
    expect(report.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ levelMeetsMinimum: false, counts: false }],
    });
  });

  it('does not count a skill whose result in the badge failed', () => {
    const doc = escoSkillBadge(IDENTIFY_ABNORMALITIES);
    doc.credentialSubject.result = [{ type: ['Result'], status: 'Failed' }];
    const failed: MatchableOpenBadge = { ...skillBadge, badge: badgeFrom(doc) };
    const report = matchSkills([{ uri: IDENTIFY_ABNORMALITIES, required: true }], [failed]);
    expect(report.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ outcome: 'not-achieved', counts: false }],
    });
  });

  it('puts our credentials and badges in one report: counting, then exact proofs first', () => {
    const report = matchSkills(
      [
        { uri: SUPPORT_NURSES, required: true },
        { uri: IDENTIFY_ABNORMALITIES, required: true },
      ],
      [
        { ...evc, kind: 'skills-passport' },
        { ...skillBadge, outcome: 'issuer_not_recognised' },
      ],
      taxonomy,
    );
    expect(report.skills.map((l) => l.status)).toEqual(['proven', 'partial']);
    const proofs = report.skills[1]!.proofs;
    expect(proofs.map((p) => [p.type, p.match, p.counts])).toEqual([
      ['OpenBadgeCredential', 'exact', false],
      ['EVCCredential', 'related', false],
    ]);
  });

  it('keeps the report type of a match over our credentials only', () => {
    // A compile-time check as much as a run-time one: callers that pass only our credentials keep
    // `SkillsMatchReport` (proofs typed `SkillProof`), so pages rendering them need no change.
    const report: SkillsMatchReport = matchSkills([{ uri: SUPPORT_NURSES, required: true }], [evc]);
    const proof: SkillProof = report.skills[0]!.proofs[0]!;
    expect(proof.type).toBe('EVCCredential');
    const mixed: SkillsMatchReport<AnySkillProof> = matchSkills([], [evc, skillBadge]);
    expect(mixed.coverage.required).toBe(0);
  });
});
