import { describe, expect, it } from '@jest/globals';
import type { CredentialTypeName } from '@skills-passport/core';
import type { FormValues } from '../../assessor-page/src/content.js';
import { checkForm, type DateField } from '../../assessor-page/src/form-checks.js';
import { TEXT } from '../../assessor-page/src/i18n.js';
import { fieldWords, rowWords } from '../../assessor-page/src/plain-words.js';

const TODAY = '2026-12-07';
const S = '/credential/credentialSubject';

/** A complete form of each type, as an assessor leaves it when all is well. */
function complete(overrides: Partial<FormValues> = {}): FormValues {
  return {
    lang: 'nl',
    title: 'Praktijkverklaring',
    description: 'Wat de leerling deed.',
    criteria: 'Beoordeeld op de werkplek.',
    skills: [{ uri: 'http://data.europa.eu/esco/skill/x', label: 'x', framework: 'ESCO', level: 2 }],
    attester: { name: 'Marleen de Vries', role: 'praktijkopleider' },
    organisationName: 'Van Dijk',
    standard: { identifier: '25498', name: 'Helpende', version: '', kind: 'kwalificatiedossier' },
    route: 'labour-market',
    assessmentDate: '2026-10-02',
    methods: ['portfolio'],
    achievementType: 'Course',
    outcomes: [{ description: 'Veilig heffen', skills: ['http://data.europa.eu/esco/skill/x'] }],
    eqf: '',
    nlqf: '',
    hours: '',
    ects: '',
    assessmentType: 'exam',
    grade: '',
    startDate: '2026-02-01',
    endDate: '2026-06-30',
    validUntil: '',
    workplace: { name: 'Magazijn', department: '', location: '' },
    role: 'Orderpicker',
    tasks: 'Orders verzamelen',
    hoursPerWeek: '',
    ...overrides,
  };
}

const check = (type: CredentialTypeName, values: Partial<FormValues>, badDates: DateField[] = []) =>
  checkForm({ type, values: complete(values), badDates, today: TODAY }).map((p) => [p.pointer, p.key]);

describe('the page’s own checks of the issue form', () => {
  it.each(['EVCCredential', 'ModuleCredential', 'WorkplaceLearningCredential'] as const)(
    'finds nothing wrong with a complete %s form',
    (type) => {
      expect(check(type, {})).toEqual([]);
    },
  );

  it.each([
    ['EVCCredential', { assessmentDate: '1899-01-01' }, [], [`${S}/assessmentDate`, 'dateTooEarly']],
    ['EVCCredential', { assessmentDate: '1949-12-31' }, [], [`${S}/assessmentDate`, 'dateTooEarly']],
    ['EVCCredential', { assessmentDate: '2026-12-08' }, [], [`${S}/assessmentDate`, 'dateFuture']],
    ['EVCCredential', { assessmentDate: '' }, ['assessmentDate'], [`${S}/assessmentDate`, 'dateImpossible']],
    ['EVCCredential', { assessmentDate: '' }, [], [`${S}/assessmentDate`, 'required']],
    ['EVCCredential', { methods: [] }, [], [`${S}/assessmentMethods`, 'chooseMethod']],
    ['EVCCredential', { skills: [] }, [], [`${S}/achievement/alignment`, 'chooseSkill']],
    ['ModuleCredential', { endDate: '' }, [], [`${S}/activityEndDate`, 'required']],
    ['ModuleCredential', { startDate: '2026-07-01' }, [], [`${S}/activityEndDate`, 'dateBeforeStart']],
    ['ModuleCredential', { validUntil: TODAY }, [], ['/credential/validUntil', 'dateNotAfterToday']],
    ['ModuleCredential', { hours: '0' }, [], [`${S}/achievement/studyLoad/hours`, 'numberRange']],
    ['ModuleCredential', { attester: { name: 'Marleen', role: '' } }, [], [`${S}/source/role`, 'required']],
    [
      'ModuleCredential',
      { outcomes: [{ description: 'x', skills: [] }] },
      [],
      [`${S}/achievement/learningOutcomes`, 'outcomeIncomplete'],
    ],
    ['WorkplaceLearningCredential', { startDate: '' }, [], [`${S}/activityStartDate`, 'required']],
    ['WorkplaceLearningCredential', { hoursPerWeek: '81' }, [], [`${S}/hoursPerWeek`, 'numberRange']],
    ['WorkplaceLearningCredential', { tasks: ' \n ' }, [], [`${S}/tasks`, 'required']],
  ] as const)('%s with %j (bad dates %j) says %j', (type, values, bad, expected) => {
    expect(check(type, values as Partial<FormValues>, [...bad])).toEqual([expected]);
  });

  it('accepts a module without assessor, and 1 January 1950 and today as dates', () => {
    expect(check('ModuleCredential', { attester: { name: '', role: '' } })).toEqual([]);
    expect(check('EVCCredential', { assessmentDate: '1950-01-01' })).toEqual([]);
    expect(check('EVCCredential', { assessmentDate: TODAY })).toEqual([]);
  });

  it('checks the learner of a single issuance', () => {
    const problems = checkForm({
      type: 'EVCCredential',
      values: complete(),
      learner: { name: ' ', email: 'fatima-at-example.nl' },
      badDates: [],
      today: TODAY,
    });
    expect(problems.map((p) => [p.pointer, p.key])).toEqual([
      ['/learner/name', 'required'],
      ['/learner/email', 'emailInvalid'],
    ]);
  });
});

describe('the issuer’s objections in plain words', () => {
  it.each([
    [{ pointer: `${S}/achievement/criteria`, rule: 'anyOf' }, 'fieldInvalid'],
    [{ pointer: `${S}/assessmentDate`, rule: 'date_range' }, 'dateTooEarly'],
    [{ pointer: `${S}/assessmentDate`, rule: 'date_future' }, 'dateFuture'],
    [{ pointer: `${S}/assessmentMethods`, rule: 'minItems' }, 'chooseMethod'],
    [{ pointer: '/credential/name', rule: 'required' }, 'required'],
    [{ pointer: `${S}/route`, rule: 'enum' }, 'chooseOption'],
  ])('%j -> %s', (issue, key) => {
    expect(fieldWords({ ...issue, message: 'Expected an object with a narrative and/or an id (URL)' })).toBe(
      key,
    );
  });

  it('says a CSV row’s own problems in words, and leaves the content’s to the form', () => {
    expect(rowWords({ pointer: '/learner/name', rule: 'required', message: '' })).toBe('csvNoName');
    expect(rowWords({ pointer: `${S}/activityStartDate`, rule: 'format', message: '' })).toBe('csvDate');
    expect(rowWords({ pointer: `${S}/achievement/name`, rule: 'required', message: '' })).toBeUndefined();
  });

  it('has every text in Dutch and English, and none speaks schema', () => {
    for (const key of [
      'fieldInvalid',
      'dateImpossible',
      'dateTooEarly',
      'dateFuture',
      'chooseSkill',
    ] as const) {
      expect(TEXT.nl[key]).not.toBe(TEXT.en[key]);
      expect(`${TEXT.nl[key]} ${TEXT.en[key]}`).not.toMatch(/Expected|schema|pointer|JSON|RFC/);
    }
  });
});
