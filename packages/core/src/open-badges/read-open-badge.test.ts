import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testDataDir } from '../test-support/test-data.js';
import { readOpenBadge, type OpenBadgeReading } from './read-open-badge.js';
import { alignedQualificationLevel, alignedSkill } from './skill-uris.js';
import {
  CONVEY_INFO,
  escoAlignment,
  escoSample,
  escoSkillBadge,
  FULL_EXAMPLE,
  IDENTIFY_ABNORMALITIES,
  MONITOR_SIGNS,
  ob3Example,
  ourExample,
  rubricSkillBadge,
  type Ob3Example,
} from './test-support/ob3-fixtures.js';

function badgeOf(reading: OpenBadgeReading) {
  if (!reading.valid)
    throw new Error(`expected a badge, got ${reading.code}: ${JSON.stringify(reading.issues)}`);
  return reading.badge;
}

describe('the Open Badges schema in schemas/open-badges/', () => {
  it("is 1EdTech's AchievementCredential schema, the same JSON as the vendored copy", () => {
    const shipped = JSON.parse(
      readFileSync(join(repoRoot, 'schemas/open-badges/ob-v3p0-achievementcredential.schema.json'), 'utf8'),
    );
    const vendored = JSON.parse(
      readFileSync(testDataDir('vectors', 'ob3-achievementcredential.schema.json'), 'utf8'),
    );
    expect(shipped).toEqual(vendored);
  });

  it.each<Ob3Example>(['basic', 'full', 'skill-assertion-case'])("accepts 1EdTech's %s example", (name) => {
    expect(readOpenBadge(ob3Example(name))).toMatchObject({ valid: true });
  });
});

describe('readOpenBadge', () => {
  it("reads 1EdTech's basic example: who, what, when, and no skills to match", () => {
    expect(badgeOf(readOpenBadge(ob3Example('basic')))).toEqual({
      credentialId: 'http://example.com/credentials/3527',
      types: ['VerifiableCredential', 'OpenBadgeCredential'],
      name: 'Teamwork Badge',
      subjectId: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      issuer: { id: 'https://example.com/issuers/876543', name: 'Example Corp' },
      achievement: {
        id: 'https://example.com/achievements/21st-century-skills/teamwork',
        name: 'Teamwork',
        description:
          'This badge recognizes the development of the capacity to collaborate within a group environment.',
        types: ['Achievement'],
        criteria:
          'Team members are nominated for this badge by their peers and recognized upon review by Example Corp management.',
      },
      date: '2010-01-01T00:00:00Z',
      validFrom: '2010-01-01T00:00:00Z',
      learning: 'informal',
      skills: [],
      evidence: [],
    });
  });

  it("reads 1EdTech's full example; its level is not read, as it lies outside the linked result description", () => {
    const badge = badgeOf(readOpenBadge(ob3Example('full')));
    expect(badge).toMatchObject({
      issuer: { id: 'https://1edtech.edu/issuers/565049', name: '1EdTech University' },
      achievement: { name: '1EdTech University Degree', achievementType: 'Degree', fieldOfStudy: 'Research' },
      learning: 'formal',
      activityEndDate: '2010-01-02T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
      outcome: 'achieved',
      skills: [],
      evidence: [
        { name: 'Final Project Report', genre: 'Research' },
        { name: 'Final Project Code', genre: 'Research' },
      ],
    });
    // The result's achievedLevel is a level of another ResultDescription than the one it links to;
    // Open Badges says the level is one "in linked ResultDescription", so no level is made up.
    expect(badge.level).toBeUndefined();
  });

  it("finds no skill in an alignment to somebody else's framework (a CASE item)", () => {
    const badge = badgeOf(readOpenBadge(ob3Example('skill-assertion-case')));
    expect(badge.achievement.achievementType).toBe('Competency');
    expect(badge.skills).toEqual([]);
  });

  it('reads the ESCO skill an achievement aligns to, and the award date over validFrom', () => {
    const doc = escoSkillBadge(IDENTIFY_ABNORMALITIES);
    doc.awardedDate = '2022-06-15T10:00:00Z';
    const badge = badgeOf(readOpenBadge(doc));
    expect(badge.skills).toEqual([
      {
        uri: IDENTIFY_ABNORMALITIES,
        framework: 'ESCO',
        name: escoSample(IDENTIFY_ABNORMALITIES).labelEn,
        alignedIn: 'achievement',
      },
    ]);
    expect(badge.date).toBe('2022-06-15T10:00:00Z');
    expect(badge.validFrom).toBe('2022-07-01T00:00:00Z');
  });

  it('reads the level a result reaches on a rubric criterion aligned to an ESCO skill', () => {
    const badge = badgeOf(readOpenBadge(rubricSkillBadge(MONITOR_SIGNS)));
    expect(badge.skills).toEqual([
      {
        uri: MONITOR_SIGNS,
        framework: 'ESCO',
        name: escoSample(MONITOR_SIGNS).labelEn,
        alignedIn: 'result-description',
        level: {
          id: FULL_EXAMPLE.masteryLevel,
          name: 'Mastery',
          scale: { id: FULL_EXAMPLE.rubricDescription, name: 'Final Project Grade' },
        },
      },
    ]);
  });

  it('reads an achievement-wide level from a result without skill alignments', () => {
    const doc = rubricSkillBadge(MONITOR_SIGNS);
    const rubric = doc.credentialSubject.achievement.resultDescription[1];
    rubric.alignment = rubric.alignment.slice(0, 1); // back to the catalogue alignment only
    doc.credentialSubject.achievement.alignment.push(escoAlignment(CONVEY_INFO));
    const badge = badgeOf(readOpenBadge(doc));
    expect(badge.level).toMatchObject({ name: 'Mastery' });
    expect(badge.skills).toEqual([expect.objectContaining({ uri: CONVEY_INFO, alignedIn: 'achievement' })]);
    expect(badge.skills[0]!.level).toBeUndefined();
  });

  it('prefers the alignment of a result over the same skill on the achievement', () => {
    const doc = escoSkillBadge(IDENTIFY_ABNORMALITIES);
    doc.credentialSubject.result = [
      { type: ['Result'], alignment: [escoAlignment(IDENTIFY_ABNORMALITIES)], status: 'Failed' },
    ];
    const badge = badgeOf(readOpenBadge(doc));
    expect(badge.skills).toEqual([
      expect.objectContaining({ uri: IDENTIFY_ABNORMALITIES, alignedIn: 'result', outcome: 'not-achieved' }),
    ]);
  });

  it.each([
    ['Completed', 'achieved'],
    ['Failed', 'not-achieved'],
    ['Withdrew', 'not-achieved'],
    ['InProgress', 'in-progress'],
    ['Provisional', 'in-progress'],
  ])('reads an achievement-wide result with status %s as %s', (status, outcome) => {
    const doc = escoSkillBadge();
    doc.credentialSubject.result = [{ type: ['Result'], status }];
    expect(badgeOf(readOpenBadge(doc)).outcome).toBe(outcome);
  });

  it('reads an EQF level the achievement aligns to, as edubadges and Europass write it', () => {
    const doc = escoSkillBadge();
    doc.credentialSubject.achievement.alignment.push({
      type: ['Alignment'],
      targetName: 'EQF level 4',
      targetFramework: 'European Qualifications Framework',
      targetType: 'ext:EQFLevel',
      targetCode: '4',
      targetUrl: 'http://data.europa.eu/snb/eqf/4',
    });
    const badge = badgeOf(readOpenBadge(doc));
    expect(badge.qualificationLevel).toEqual({ framework: 'EQF', level: '4' });
    expect(badge.skills).toHaveLength(1);
  });

  it('calls a micro-credential formal and an achievement type it cannot place informal', () => {
    const doc = escoSkillBadge();
    doc.credentialSubject.achievement.achievementType = 'MicroCredential';
    expect(badgeOf(readOpenBadge(doc)).learning).toBe('formal');
    doc.credentialSubject.achievement.achievementType = 'ext:Stage';
    expect(badgeOf(readOpenBadge(doc)).learning).toBe('informal');
    delete doc.credentialSubject.achievement.achievementType;
    expect(badgeOf(readOpenBadge(doc)).learning).toBe('informal');
  });

  it('reads an AchievementCredential and an issuer given by its URI alone', () => {
    const doc = escoSkillBadge();
    doc.type = ['VerifiableCredential', 'AchievementCredential'];
    doc.issuer = 'https://1edtech.edu/issuers/565049';
    expect(badgeOf(readOpenBadge(doc)).issuer).toEqual({ id: 'https://1edtech.edu/issuers/565049' });
  });
});

describe('skills and levels in alignments', () => {
  const uuid = '2e90ef65-646a-4b1d-8597-26ca88aa1c6b';
  const esco = { uri: IDENTIFY_ABNORMALITIES, framework: 'ESCO' };
  it.each<[string, Record<string, string>, object | undefined]>([
    ['an ESCO concept URI', { targetUrl: IDENTIFY_ABNORMALITIES }, esco],
    [
      'the https form, in capitals',
      { targetUrl: `https://data.europa.eu/esco/skill/${uuid.toUpperCase()}` },
      esco,
    ],
    [
      "a link to ESCO's portal",
      {
        targetUrl: `https://esco.ec.europa.eu/en/classification/skill?uri=${encodeURIComponent(IDENTIFY_ABNORMALITIES)}`,
      },
      esco,
    ],
    ['a URI in targetCode', { targetUrl: 'https://example.edu/x', targetCode: IDENTIFY_ABNORMALITIES }, esco],
    [
      'a bare UUID in targetCode of the ESCO framework',
      { targetUrl: 'https://x.example', targetCode: uuid, targetFramework: 'ESCO v1.2' },
      esco,
    ],
    ['a bare UUID without a framework', { targetUrl: 'https://x.example', targetCode: uuid }, undefined],
    ['an ESCO occupation', { targetUrl: `http://data.europa.eu/esco/occupation/${uuid}` }, undefined],
    [
      'a CompetentNL human capability',
      { targetUrl: 'https://linkeddata.competentnl.nl/id/human-capability/L3-0057' },
      { uri: 'https://linkeddata.competentnl.nl/id/human-capability/L3-0057', framework: 'CompetentNL' },
    ],
    [
      'a CompetentNL occupation',
      { targetUrl: 'https://linkeddata.competentnl.nl/uwv/id/occupation/123' },
      undefined,
    ],
    [
      'a CASE item',
      { targetUrl: 'https://robotics-competencies.example.com/competencies/robot-programming' },
      undefined,
    ],
  ])('%s', (_label, alignment, expected) => {
    expect(alignedSkill(alignment)).toEqual(expected);
  });

  it.each<[string, Record<string, string>, object | undefined]>([
    [
      'the Europass EQF URI',
      { targetUrl: 'http://data.europa.eu/snb/eqf/6' },
      { framework: 'EQF', level: '6' },
    ],
    [
      "edubadges' ext:EQFLevel",
      { targetType: 'ext:EQFLevel', targetCode: '5', targetUrl: 'https://x.example' },
      { framework: 'EQF', level: '5' },
    ],
    [
      'an NLQF framework',
      { targetFramework: 'NLQF', targetCode: '4+', targetUrl: 'https://x.example' },
      { framework: 'NLQF', level: '4+' },
    ],
    [
      'an EQF level out of range',
      { targetFramework: 'EQF', targetCode: '9', targetUrl: 'https://x.example' },
      undefined,
    ],
    ['a skill', { targetUrl: IDENTIFY_ABNORMALITIES }, undefined],
  ])('a qualification level: %s', (_label, alignment, expected) => {
    expect(alignedQualificationLevel(alignment)).toEqual(expected);
  });
});

describe('refusals', () => {
  const refused = (reading: OpenBadgeReading) => {
    if (reading.valid) throw new Error('expected a refusal');
    return reading;
  };

  it.each<[string, () => unknown, string, string]>([
    ['a text', () => 'not a credential', 'ERR_NOT_AN_OBJECT', ''],
    ['a list', () => [escoSkillBadge()], 'ERR_NOT_AN_OBJECT', ''],
    [
      'a prototype-polluting key',
      () => ({ ...escoSkillBadge(), ...JSON.parse('{"__proto__":{"x":1}}') }),
      'ERR_FORBIDDEN_KEY',
      '/__proto__',
    ],
    [
      'nesting past the bound',
      () => {
        const doc = escoSkillBadge();
        let deep: any = {};
        doc.evidence[0].extra = deep;
        for (let i = 0; i < 40; i += 1) deep = deep.next = {};
        return doc;
      },
      'ERR_INPUT_TOO_DEEP',
      '',
    ],
    [
      '"type" not a list',
      () => ({ ...escoSkillBadge(), type: 'OpenBadgeCredential' }),
      'ERR_UNKNOWN_CREDENTIAL_TYPE',
      '/type',
    ],
    [
      'a credential that is no Open Badge',
      () => ({ ...escoSkillBadge(), type: ['VerifiableCredential', 'EndorsementCredential'] }),
      'ERR_UNKNOWN_CREDENTIAL_TYPE',
      '/type',
    ],
  ])('[credential content] refuses %s', (_label, input, code, pointer) => {
    const reading = refused(readOpenBadge(input()));
    expect(reading.code).toBe(code);
    expect(reading.issues[0]!.pointer.startsWith(pointer)).toBe(true);
  });

  it.each([
    'evc-credential/zorghulp-ok.json',
    'module-credential/magazijn-microcredential-ok.json',
    'workplace-learning-credential/magazijnmedewerker-ok.json',
  ])('[credential content] does not read our own %s as a foreign badge', (path) => {
    const doc = ourExample(path);
    expect(doc.type).toContain('OpenBadgeCredential');
    expect(refused(readOpenBadge(doc))).toMatchObject({
      code: 'ERR_CREDENTIAL_TYPE_MISMATCH',
      issues: [{ pointer: '/type', rule: 'credential_type' }],
    });
  });

  it.each<[string, (doc: any) => void, string, string]>([
    ['an issuer profile without id', (d) => delete d.issuer.id, '/issuer/id', 'required'],
    ['an issuer that is a number', (d) => (d.issuer = 42), '/issuer', 'type'],
    [
      'an achievement without criteria',
      (d) => delete d.credentialSubject.achievement.criteria,
      '/credentialSubject/achievement/criteria',
      'required',
    ],
    [
      'an achievement without name',
      (d) => delete d.credentialSubject.achievement.name,
      '/credentialSubject/achievement/name',
      'required',
    ],
    ['validFrom without a time', (d) => (d.validFrom = '2022-07-01'), '/validFrom', 'format'],
    [
      'the VC 1.1 context',
      (d) => (d['@context'][0] = 'https://www.w3.org/2018/credentials/v1'),
      '/@context/0',
      'enum',
    ],
    [
      'an achievementType outside the vocabulary',
      (d) => (d.credentialSubject.achievement.achievementType = 'Trophy'),
      '/credentialSubject/achievement/achievementType',
      'enum',
    ],
    [
      'an alignment without targetUrl',
      (d) => delete d.credentialSubject.achievement.alignment[0].targetUrl,
      '/credentialSubject/achievement/alignment/0/targetUrl',
      'required',
    ],
    [
      'a subject that is no AchievementSubject',
      (d) => (d.credentialSubject.type = ['Person']),
      '/credentialSubject/type',
      'contains',
    ],
    [
      'an image with an unknown field',
      (d) => (d.credentialSubject.achievement.image.alt = 'robot'),
      '/credentialSubject/achievement/image/alt',
      'additionalProperties',
    ],
    [
      'a credentialSubject that is a list',
      (d) => (d.credentialSubject = [d.credentialSubject]),
      '/credentialSubject',
      'type',
    ],
  ])(
    '[credential content] refuses %s with ERR_SCHEMA_INVALID at its pointer',
    (_label, mutate, pointer, rule) => {
      const doc = escoSkillBadge();
      mutate(doc);
      const reading = refused(readOpenBadge(doc));
      expect(reading.code).toBe('ERR_SCHEMA_INVALID');
      expect(reading.issues[0]).toMatchObject({ pointer, rule });
    },
  );

  it('[credential content] says one thing about an issuer without id, not what every form wanted', () => {
    const doc = escoSkillBadge();
    delete doc.issuer.id;
    expect(refused(readOpenBadge(doc)).issues).toEqual([
      { pointer: '/issuer/id', rule: 'required', message: '"id" is required here but missing.' },
    ]);
  });

  it('[credential content] names the allowed terms for an unknown achievementType', () => {
    const doc = escoSkillBadge();
    doc.credentialSubject.achievement.achievementType = 'Trophy';
    const [issue] = refused(readOpenBadge(doc)).issues;
    expect(issue!.message).toMatch(/"MicroCredential".*or an extension term starting with "ext:"/);
  });

  it('[credential content] refuses a document whose accessor throws, without throwing', () => {
    const doc = escoSkillBadge();
    Object.defineProperty(doc, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(refused(readOpenBadge(doc)).code).toBe('ERR_NOT_AN_OBJECT');
  });

  const CODES = [
    'ERR_NOT_AN_OBJECT',
    'ERR_FORBIDDEN_KEY',
    'ERR_INPUT_TOO_LARGE',
    'ERR_INPUT_TOO_DEEP',
    'ERR_UNKNOWN_CREDENTIAL_TYPE',
    'ERR_CREDENTIAL_TYPE_MISMATCH',
    'ERR_SCHEMA_INVALID',
  ];

  it('[property tests] any JSON value is read or refused with a known code, never thrown', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const reading = readOpenBadge(value);
        expect(reading.valid || (CODES.includes(reading.code) && reading.issues.length > 0)).toBe(true);
      }),
    );
  });

  it('[property tests] a badge with any one value replaced is read or refused with a known code', () => {
    // Every place in the re-shaped rubric badge, addressed as a path of keys.
    const paths: (string | number)[][] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
      else if (typeof value === 'object' && value !== null)
        for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    };
    walk(rubricSkillBadge(), []);
    fc.assert(
      fc.property(
        fc.constantFrom(...paths.filter((p) => p.length > 0)),
        fc.jsonValue({ maxDepth: 3 }),
        (path, value) => {
          const doc = rubricSkillBadge();
          let parent: any = doc;
          for (const key of path.slice(0, -1)) parent = parent[key];
          parent[path[path.length - 1]!] = value;
          const reading = readOpenBadge(doc);
          if (reading.valid) expect(typeof reading.badge.credentialId).toBe('string');
          else expect(CODES.includes(reading.code) && reading.issues.length > 0).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
