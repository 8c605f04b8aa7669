import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CredentialDocument } from '../credential-model.js';
import { demoTaxonomy } from '../taxonomy/demo-seed.js';
import { repoRoot } from '../test-support/test-data.js';
import { matchSkills, type MatchableCredential } from './skills-match.js';

const ESCO = 'http://data.europa.eu/esco/skill/';
const SUPPORT_NURSES = `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896`; // level 3, achieved
const MONITOR_SIGNS = `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`; // level 2, achieved
const INTERACT = `${ESCO}c65aa043-98da-4136-9877-494e72d9e4cf`; // level 2, partly achieved
const IDENTIFY_ABNORMALITIES = `${ESCO}2e90ef65-646a-4b1d-8597-26ca88aa1c6b`; // same group as MONITOR_SIGNS
const CONVEY_INFO = `${ESCO}b34a15fe-dc14-43eb-9eb3-c227238a029c`;
const UNRELATED = `${ESCO}00000000-0000-0000-0000-000000000000`;

const zorghulp = JSON.parse(
  readFileSync(join(repoRoot, 'schemas/examples/evc-credential/zorghulp-ok.json'), 'utf8'),
) as CredentialDocument;
const evc: MatchableCredential = {
  index: 0,
  type: 'EVCCredential',
  credential: zorghulp,
  outcome: 'verified',
  issuerName: 'EVC Centrum Zorg Nederland',
};

describe('matchSkills', () => {
  const taxonomy = demoTaxonomy();

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
