import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  assertValidCredential,
  proficiencyScale,
  validateCredential,
  type ErrorCode,
} from '@skills-passport/core';

// Fixture factories: each call returns a fresh copy of a valid example, so a case may mutate it.
const examples = join(import.meta.dirname, '../../../../schemas/examples');
const load = (file: string) => () =>
  JSON.parse(readFileSync(join(examples, file), 'utf8')) as Record<string, any>;
const evc = load('evc-credential/zorghulp-ok.json');
const moduleCredential = load('module-credential/magazijn-microcredential-ok.json');
const workplace = load('workplace-learning-credential/magazijnmedewerker-ok.json');

type Case = [name: string, make: () => unknown, code: ErrorCode, pointer: string, rule: string];

function mutate<T>(make: () => T, change: (doc: any) => void): () => T {
  return () => {
    const doc = make();
    change(doc);
    return doc;
  };
}

const deep = (depth: number) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = { nested: value };
  return value;
};

const cases: Case[] = [
  // missing fields
  ['no issuer', mutate(evc, (d) => delete d.issuer), 'ERR_SCHEMA_INVALID', '/issuer', 'required'],
  [
    'no validity start (validFrom)',
    mutate(evc, (d) => delete d.validFrom),
    'ERR_SCHEMA_INVALID',
    '/validFrom',
    'required',
  ],
  [
    'no achievement',
    mutate(evc, (d) => delete d.credentialSubject.achievement),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement',
    'required',
  ],
  [
    'no standard on an EVC',
    mutate(evc, (d) => delete d.credentialSubject.achievement.standard),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/standard',
    'required',
  ],
  [
    'no assessment methods',
    mutate(evc, (d) => delete d.credentialSubject.assessmentMethods),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/assessmentMethods',
    'required',
  ],
  [
    'an EVC result without outcome',
    mutate(evc, (d) => delete d.credentialSubject.result[0].value),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/result/0/value',
    'required',
  ],
  [
    'no skills at all',
    mutate(evc, (d) => (d.credentialSubject.achievement.alignment = [])),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/alignment',
    'minItems',
  ],
  [
    'a module without study load',
    mutate(moduleCredential, (d) => delete d.credentialSubject.achievement.studyLoad),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/studyLoad',
    'required',
  ],
  [
    'a module with an empty qualification level',
    mutate(moduleCredential, (d) => (d.credentialSubject.achievement.qualificationLevel = {})),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/qualificationLevel',
    'minProperties',
  ],
  [
    'a module without completion date',
    mutate(moduleCredential, (d) => delete d.credentialSubject.activityEndDate),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/activityEndDate',
    'required',
  ],
  [
    'a learning outcome without skills',
    mutate(moduleCredential, (d) => (d.credentialSubject.achievement.learningOutcomes[0].alignment = [])),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/learningOutcomes/0/alignment',
    'minItems',
  ],
  [
    'workplace learning without attester',
    mutate(workplace, (d) => delete d.credentialSubject.source),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/source',
    'required',
  ],
  [
    'an attester without role',
    mutate(workplace, (d) => delete d.credentialSubject.source.role),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/source/role',
    'required',
  ],
  [
    'workplace learning without workplace',
    mutate(workplace, (d) => delete d.credentialSubject.workplace),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/workplace',
    'required',
  ],
  // wrong types
  [
    'tasks as one string',
    mutate(workplace, (d) => (d.credentialSubject.tasks = 'orders picken')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/tasks',
    'type',
  ],
  [
    'study hours as text',
    mutate(moduleCredential, (d) => (d.credentialSubject.achievement.studyLoad.hours = '56')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/studyLoad/hours',
    'type',
  ],
  [
    'EQF level as a fraction',
    mutate(moduleCredential, (d) => (d.credentialSubject.achievement.qualificationLevel.eqf = 3.5)),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/qualificationLevel/eqf',
    'type',
  ],
  [
    'zero ECTS',
    mutate(moduleCredential, (d) => (d.credentialSubject.achievement.studyLoad.ects = 0)),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/studyLoad/ects',
    'exclusiveMinimum',
  ],
  ['an empty name', mutate(evc, (d) => (d.name = '   ')), 'ERR_SCHEMA_INVALID', '/name', 'pattern'],
  // Older canonicalizers (rdf-canonize 3) write control characters differently from RDFC-1.0, so
  // a Data Integrity proof over them would not verify everywhere: they are refused at the door.
  [
    'a name with a tab',
    mutate(evc, (d) => (d.name = 'Zorg\tWelzijn')),
    'ERR_SCHEMA_INVALID',
    '/name',
    'pattern',
  ],
  [
    'a description with an escape character',
    mutate(evc, (d) => (d.description = 'Zorg \u001b[31m')),
    'ERR_SCHEMA_INVALID',
    '/description',
    'pattern',
  ],
  [
    'an issuer that is not a DID',
    mutate(evc, (d) => (d.issuer.id = 'https://evc.example.nl')),
    'ERR_SCHEMA_INVALID',
    '/issuer/id',
    'pattern',
  ],
  [
    'a subject that is not a DID',
    mutate(evc, (d) => (d.credentialSubject.id = 'mailto:fatima@example.nl')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/id',
    'pattern',
  ],
  [
    'a status index that is a number',
    mutate(evc, (d) => (d.credentialStatus.statusListIndex = 94567)),
    'ERR_SCHEMA_INVALID',
    '/credentialStatus/statusListIndex',
    'type',
  ],
  [
    'a status purpose other than revocation',
    mutate(evc, (d) => (d.credentialStatus.statusPurpose = 'suspension')),
    'ERR_SCHEMA_INVALID',
    '/credentialStatus/statusPurpose',
    'const',
  ],
  [
    'more than one status entry',
    mutate(
      evc,
      (d) =>
        (d.credentialStatus = [d.credentialStatus, { ...d.credentialStatus, statusPurpose: 'suspension' }]),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialStatus',
    'type',
  ],
  [
    'a plain e-mail in the subject',
    mutate(evc, (d) =>
      d.credentialSubject.identifier.push({
        type: 'IdentityObject',
        hashed: false,
        identityHash: 'fatima@example.nl',
        identityType: 'emailAddress',
      }),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/identifier/1/hashed',
    'const',
  ],
  // bad dates
  [
    'a date without time zone',
    mutate(evc, (d) => (d.validFrom = '2026-10-14T10:00:00')),
    'ERR_SCHEMA_INVALID',
    '/validFrom',
    'format',
  ],
  [
    'a date only',
    mutate(workplace, (d) => (d.credentialSubject.activityStartDate = '2026-02-01')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/activityStartDate',
    'format',
  ],
  [
    'an impossible date',
    mutate(evc, (d) => (d.credentialSubject.assessmentDate = '2026-02-30T10:00:00Z')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/assessmentDate',
    'format',
  ],
  [
    'expiry before issuance',
    mutate(moduleCredential, (d) => (d.validUntil = '2020-01-01T00:00:00Z')),
    'ERR_SCHEMA_INVALID',
    '/validUntil',
    'date_order',
  ],
  [
    'assessment after issuance',
    mutate(evc, (d) => (d.credentialSubject.assessmentDate = '2027-01-01T00:00:00Z')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/assessmentDate',
    'date_order',
  ],
  [
    'a module ending before it starts',
    mutate(moduleCredential, (d) => (d.credentialSubject.activityStartDate = '2026-09-01T00:00:00Z')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/activityEndDate',
    'date_order',
  ],
  // bad URIs
  [
    'a relative credential id',
    mutate(evc, (d) => (d.id = 'credentials/42')),
    'ERR_SCHEMA_INVALID',
    '/id',
    'format',
  ],
  [
    'an ESCO skill with a foreign URI',
    mutate(
      evc,
      (d) => (d.credentialSubject.achievement.alignment[0].targetUrl = 'https://example.org/skill/1'),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/alignment/0/targetUrl',
    'pattern',
  ],
  [
    'a CompetentNL skill off its namespace',
    mutate(workplace, (d) =>
      Object.assign(d.credentialSubject.achievement.alignment[0], {
        targetFramework: 'CompetentNL',
        targetType: 'ext:CompetentNLSkill',
      }),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/alignment/0/targetUrl',
    'pattern',
  ],
  [
    'a status list over ftp',
    mutate(evc, (d) => (d.credentialStatus.statusListCredential = 'ftp://issuer.example.nl/status/1')),
    'ERR_SCHEMA_INVALID',
    '/credentialStatus/statusListCredential',
    'pattern',
  ],
  [
    'a workplace URL without scheme',
    mutate(evc, (d) => (d.issuer.url = 'evc-zorg.example.nl')),
    'ERR_SCHEMA_INVALID',
    '/issuer/url',
    'format',
  ],
  // unknown levels, scales and values
  [
    'a level that is not on the scale',
    mutate(
      workplace,
      (d) =>
        (d.credentialSubject.result[1].achievedLevel =
          'https://w3id.org/skills-passport/scales/proficiency-4/v1#7'),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/result/1/achievedLevel',
    'unknown_level',
  ],
  [
    'a result on an undeclared scale',
    mutate(
      workplace,
      (d) =>
        (d.credentialSubject.result[0].resultDescription = 'urn:uuid:0d0b9c1e-7d0e-4a49-9d9c-000000000000'),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/result/0/resultDescription',
    'unknown_scale',
  ],
  [
    'a grade the scale does not allow',
    mutate(moduleCredential, (d) => (d.credentialSubject.result[0].value = 'cum laude')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/result/0/value',
    'value_not_allowed',
  ],
  [
    'an unknown outcome',
    mutate(evc, (d) => (d.credentialSubject.result[0].value = 'excellent')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/result/0/value',
    'enum',
  ],
  [
    'a result for a skill the achievement does not list',
    mutate(evc, (d) => d.credentialSubject.achievement.alignment.pop()),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/result/2/alignment/0/targetUrl',
    'skill_not_in_achievement',
  ],
  [
    'a scale with one level',
    mutate(evc, (d) => d.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel.splice(1)),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/resultDescription/0/rubricCriterionLevel',
    'minItems',
  ],
  [
    'an unknown standard kind',
    mutate(evc, (d) => (d.credentialSubject.achievement.standard.kind = 'diploma')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/standard/kind',
    'enum',
  ],
  [
    'an assessment method twice',
    mutate(evc, (d) => d.credentialSubject.assessmentMethods.push('portfolio')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/assessmentMethods',
    'uniqueItems',
  ],
  [
    'a misspelt field',
    mutate(evc, (d) => (d.credentialSubject.assesmentDate = d.credentialSubject.assessmentDate)),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/assesmentDate',
    'unevaluatedProperties',
  ],
  [
    'an EVC carrying the module type',
    mutate(evc, (d) => (d.credentialSubject.achievement.achievementType = 'Course')),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/achievementType',
    'const',
  ],
  [
    'contexts in the wrong order',
    mutate(evc, (d) => d['@context'].reverse()),
    'ERR_SCHEMA_INVALID',
    '/@context/0',
    'const',
  ],
  [
    'no Skills Passport context',
    mutate(evc, (d) => (d['@context'][2] = 'https://example.org/ctx')),
    'ERR_SCHEMA_INVALID',
    '/@context',
    'contains',
  ],
  // unknown types
  [
    'an unknown type',
    mutate(evc, (d) => (d.type[2] = 'DiplomaCredential')),
    'ERR_UNKNOWN_CREDENTIAL_TYPE',
    '/type',
    'credential_type',
  ],
  [
    'two of our types at once',
    mutate(evc, (d) => d.type.push('ModuleCredential')),
    'ERR_UNKNOWN_CREDENTIAL_TYPE',
    '/type',
    'credential_type',
  ],
  [
    'type as a string',
    mutate(evc, (d) => (d.type = 'EVCCredential')),
    'ERR_UNKNOWN_CREDENTIAL_TYPE',
    '/type',
    'credential_type',
  ],
  [
    'our type without OpenBadgeCredential',
    mutate(evc, (d) => d.type.splice(1, 1)),
    'ERR_SCHEMA_INVALID',
    '/type',
    'const',
  ],
  // pollution keys, non-objects, absurd sizes and nesting
  [
    'a __proto__ key',
    mutate(evc, (d) =>
      Object.defineProperty(d.credentialSubject, '__proto__', { value: { admin: true }, enumerable: true }),
    ),
    'ERR_FORBIDDEN_KEY',
    '/credentialSubject/__proto__',
    'forbidden_key',
  ],
  [
    'a __proto__ key from JSON.parse',
    () => JSON.parse('{"type":["VerifiableCredential"],"issuer":{"__proto__":{"polluted":true}}}'),
    'ERR_FORBIDDEN_KEY',
    '/issuer/__proto__',
    'forbidden_key',
  ],
  [
    'a constructor key',
    mutate(workplace, (d) => (d.credentialSubject.workplace.constructor = { prototype: {} })),
    'ERR_FORBIDDEN_KEY',
    '/credentialSubject/workplace/constructor',
    'forbidden_key',
  ],
  ['an array instead of an object', () => [evc()], 'ERR_NOT_AN_OBJECT', '', 'type'],
  ['a string instead of an object', () => JSON.stringify(evc()), 'ERR_NOT_AN_OBJECT', '', 'type'],
  [
    'a non-JSON value inside',
    mutate(evc, (d) => (d.issuer.name = () => 'x')),
    'ERR_NOT_AN_OBJECT',
    '/issuer/name',
    'not_json',
  ],
  [
    'a Date object inside',
    mutate(evc, (d) => (d.issuanceDate = new Date())),
    'ERR_NOT_AN_OBJECT',
    '/issuanceDate',
    'not_json',
  ],
  [
    'a 100 kB description',
    mutate(evc, (d) => (d.description = 'x'.repeat(100_000))),
    'ERR_INPUT_TOO_LARGE',
    '/description',
    'max_string_length',
  ],
  [
    'a 6000-character description',
    mutate(evc, (d) => (d.description = 'x'.repeat(6_000))),
    'ERR_SCHEMA_INVALID',
    '/description',
    'maxLength',
  ],
  [
    '50,000 evidence items',
    mutate(evc, (d) => (d.evidence = Array.from({ length: 50_000 }, () => ({})))),
    'ERR_INPUT_TOO_LARGE',
    '',
    'max_nodes',
  ],
  [
    '201 skills',
    mutate(
      evc,
      (d) =>
        (d.credentialSubject.achievement.alignment = Array.from(
          { length: 201 },
          () => d.credentialSubject.achievement.alignment[0],
        )),
    ),
    'ERR_SCHEMA_INVALID',
    '/credentialSubject/achievement/alignment',
    'maxItems',
  ],
  [
    'nesting 10,000 levels deep',
    mutate(evc, (d) => (d.credentialSubject.extra = deep(10_000))),
    'ERR_INPUT_TOO_DEEP',
    '/credentialSubject/extra/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested/nested',
    'max_depth',
  ],
];

describe('validateCredential rejects invalid credentials with a specific error', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases)('[credential content] %s', (_name, make, code, pointer, rule) => {
    const result = validateCredential(make());
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.code).toBe(code);
    expect(result.issues).toContainEqual(expect.objectContaining({ pointer, rule }));
    for (const issue of result.issues) expect(issue.message.length).toBeGreaterThan(10);
  });
});

describe('validateCredential', () => {
  it('lists every problem at once, each with a plain message', () => {
    const doc = evc();
    delete doc.issuer.name;
    doc.validFrom = 'yesterday';
    doc.credentialSubject.route = 'werkgever';
    const result = validateCredential(doc);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    expect(result.issues).toEqual([
      expect.objectContaining({
        pointer: '/issuer/name',
        rule: 'required',
        message: '"name" is required here but missing.',
      }),
      expect.objectContaining({
        pointer: '/validFrom',
        message: 'Expected an RFC 3339 date and time with a time zone, e.g. 2026-03-01T09:00:00+01:00.',
      }),
      expect.objectContaining({
        pointer: '/credentialSubject/route',
        message:
          'Expected labour-market (to show employers) or education (towards exemptions in a programme).',
      }),
    ]);
  });

  it('checks the expected type', () => {
    expect(validateCredential(evc(), { expectedType: 'ModuleCredential' })).toMatchObject({
      valid: false,
      code: 'ERR_CREDENTIAL_TYPE_MISMATCH',
    });
    expect(validateCredential(evc(), { expectedType: 'EVCCredential' })).toMatchObject({
      valid: true,
      type: 'EVCCredential',
    });
  });

  it('accepts a credential without a status entry', () => {
    const doc = evc();
    delete doc.credentialStatus;
    expect(validateCredential(doc).valid).toBe(true);
  });

  it('accepts the default scale in either language', () => {
    for (const lang of ['nl', 'en'] as const) {
      const doc = workplace();
      doc.credentialSubject.achievement.resultDescription = [proficiencyScale(lang)];
      expect(validateCredential(doc).valid).toBe(true);
    }
  });

  it('[property tests] validation never throws and never changes Object.prototype, whatever JSON it gets', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const result = validateCredential(a);
        const doc = evc();
        doc.credentialSubject.result[0] = b;
        validateCredential(doc);
        expect(typeof result.valid).toBe('boolean');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('assertValidCredential throws a coded error carrying the issues', () => {
    expect(() => assertValidCredential({ type: ['VerifiableCredential'] })).toThrow(
      expect.objectContaining({
        code: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
        issues: [expect.objectContaining({ pointer: '/type' })],
      }),
    );
    expect(assertValidCredential(evc()).id).toBe('urn:uuid:8c1f3e52-64c1-4f0e-9a57-2f7a1d0e6b11');
  });
});
