import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testDataDir } from '../../test-support/test-data.js';

// Fixtures for foreign Open Badges: 1EdTech's own examples (testdata/vectors/ob3-example-*.json),
// fresh copies each call, and scenario variants of them re-shaped so that an alignment targets a
// real ESCO skill from testdata/esco/esco-skills-sample.json (1EdTech's examples align to CASE
// items and a course catalogue, which no employer here asks for).

export type Ob3Example = 'basic' | 'full' | 'skill-assertion-case';

/** One of 1EdTech's Open Badges 3.0 examples, unchanged, as a fresh copy. */
export function ob3Example(name: Ob3Example): any {
  return JSON.parse(readFileSync(testDataDir('vectors', `ob3-example-${name}.json`), 'utf8'));
}

/** One of our own credential examples (`schemas/examples/<folder>/<file>`), as a fresh copy. */
export function ourExample(path: string): any {
  return JSON.parse(readFileSync(join(repoRoot, 'schemas/examples', path), 'utf8'));
}

interface SampleSkill {
  uri: string;
  labelEn: string;
  labelNl: string;
  groupUri: string;
}

const sample = JSON.parse(
  readFileSync(testDataDir('esco', 'esco-skills-sample.json'), 'utf8'),
) as SampleSkill[];

/** A skill of the vendored ESCO sample, by URI; throws when the sample does not hold it. */
export function escoSample(uri: string): SampleSkill {
  const skill = sample.find((s) => s.uri === uri);
  if (skill === undefined) throw new Error(`${uri} is not in testdata/esco/esco-skills-sample.json`);
  return skill;
}

const ESCO = 'http://data.europa.eu/esco/skill/';
/** ESCO skills of the sample the fixtures use (the first two share an ESCO skill group). */
export const MONITOR_SIGNS = `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`;
export const IDENTIFY_ABNORMALITIES = `${ESCO}2e90ef65-646a-4b1d-8597-26ca88aa1c6b`;
export const CONVEY_INFO = `${ESCO}b34a15fe-dc14-43eb-9eb3-c227238a029c`;

/** An Open Badges Alignment to an ESCO skill of the sample, labelled as the sample labels it. */
export function escoAlignment(uri: string): any {
  const skill = escoSample(uri);
  return {
    type: ['Alignment'],
    targetName: skill.labelEn,
    targetFramework: 'ESCO',
    targetType: 'ext:ESCOSkill',
    targetUrl: skill.uri,
  };
}

/**
 * 1EdTech's skill-assertion example, re-shaped: its one alignment (a CASE item, "Robot
 * Programming") targets an ESCO skill of the sample instead.
 */
export function escoSkillBadge(uri: string = IDENTIFY_ABNORMALITIES): any {
  const doc = ob3Example('skill-assertion-case');
  doc.credentialSubject.achievement.alignment = [escoAlignment(uri)];
  return doc;
}

/** Ids of the rubric in 1EdTech's full example. */
export const FULL_EXAMPLE = {
  letterGradeDescription: 'urn:uuid:f6ab24cd-86e8-4eaf-b8c6-ded74e8fd41c',
  rubricDescription: 'urn:uuid:a70ddc6a-4c4a-4bd8-8277-cb97c79f40c5',
  masteryLevel: 'urn:uuid:d05a0867-d0ad-4b03-bdb5-28fb5d2aab7a',
} as const;

/**
 * 1EdTech's full example, re-shaped in two places: the result with `achievedLevel` links to the
 * rubric description that declares that level (the example links it to the letter-grade
 * description, which declares no levels), and that rubric criterion aligns to an ESCO skill of the
 * sample as well as to the university's catalogue.
 */
export function rubricSkillBadge(uri: string = MONITOR_SIGNS): any {
  const doc = ob3Example('full');
  const achievement = doc.credentialSubject.achievement;
  const rubric = achievement.resultDescription.find((d: any) => d.id === FULL_EXAMPLE.rubricDescription);
  rubric.alignment.push(escoAlignment(uri));
  const result = doc.credentialSubject.result.find((r: any) => r.achievedLevel === FULL_EXAMPLE.masteryLevel);
  result.resultDescription = FULL_EXAMPLE.rubricDescription;
  return doc;
}
