import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EVCCredential } from '../credential-model.js';
import { demoTaxonomy } from '../taxonomy/demo-seed.js';
import { repoRoot } from '../test-support/test-data.js';
import { isSelfDeclared } from './pipeline/trust.js';
import { matchSkills, type MatchableCredential } from './skills-match.js';

// contract D: a self-declared credential (issuer = subject) is listed with the skills it names
// and never counts — not as proven, and not as partial support either; hand-worked cases.
const ESCO = 'http://data.europa.eu/esco/skill/';
const SUPPORT_NURSES = `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896`;
const IDENTIFY_ABNORMALITIES = `${ESCO}2e90ef65-646a-4b1d-8597-26ca88aa1c6b`; // related to a skill it names
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

const zorghulp = JSON.parse(
  readFileSync(join(repoRoot, 'schemas/examples/evc-credential/zorghulp-ok.json'), 'utf8'),
) as EVCCredential;
const own: MatchableCredential = {
  index: 0,
  type: 'EVCCredential',
  credential: { ...zorghulp, issuer: { ...zorghulp.issuer, id: HOLDER } },
  // Even were it verified (the holder's DID on a trust list), it must not count.
  outcome: 'verified',
  issuerName: 'De houder zelf',
  selfDeclared: true,
};

describe('isSelfDeclared', () => {
  it.each([
    [HOLDER, HOLDER, true],
    ['did:web:evc.example.nl', HOLDER, false],
    [HOLDER, undefined, false],
    [undefined, undefined, false],
    ['', '', false],
  ])('issuer %s, subject %s: %s', (issuer, subject, expected) => {
    expect(isSelfDeclared(issuer, subject)).toBe(expected);
  });
});

describe('matchSkills with a self-declared credential', () => {
  const taxonomy = demoTaxonomy();

  it('lists it, marked, and leaves the skill not proven — also for a related skill', () => {
    const report = matchSkills(
      [
        { uri: SUPPORT_NURSES, required: true },
        { uri: IDENTIFY_ABNORMALITIES, required: true },
      ],
      [own],
      taxonomy,
    );
    for (const line of report.skills) {
      expect(line.status).toBe('not_proven');
      expect(line.proofs.length).toBeGreaterThan(0);
      expect(line.proofs.every((p) => p.selfDeclared === true && !p.counts && !p.issuerRecognised)).toBe(
        true,
      );
    }
    expect(report.coverage).toEqual({ required: 2, proven: 0, partial: 0, notProven: 2, percent: 0 });
  });

  it('changes nothing beside a credential of a recognised issuer', () => {
    const evc: MatchableCredential = { ...own, credential: zorghulp, selfDeclared: false, index: 1 };
    const report = matchSkills([{ uri: SUPPORT_NURSES, required: true }], [own, evc], taxonomy);
    expect(report.skills[0]).toMatchObject({ status: 'proven' });
    expect(report.skills[0]!.proofs.map((p) => [p.credentialIndex, p.counts])).toEqual([
      [1, true],
      [0, false],
    ]);
  });
});
