// The whole issue form checked in the page before anything is sent, in the assessor's words: one
// problem per field, at the pointer the field answers to (its data-pointer), so the page's own
// findings and the issuer's land in the same place. Pure: no DOM, so a unit test runs it in Node.
import type { CredentialTypeName } from '@skills-passport/core';
import type { FormValues } from './content.js';
import type { TextKey, TextVars } from './i18n.js';

/** One thing to put right, at the field its pointer names, said by a text of the page. */
export interface Problem {
  pointer: string;
  key: TextKey;
  vars?: TextVars;
}

/** The form's date fields. */
export type DateField = 'assessmentDate' | 'startDate' | 'endDate' | 'validUntil';

export interface FormCheck {
  type: CredentialTypeName;
  values: FormValues;
  /** The learner of a single issuance; a cohort's learners come from its CSV. */
  learner?: { name: string; email: string };
  /**
   * Date fields holding something that is no date: `<input type="date">` then has the value '' and
   * `validity.badInput`, e.g. for 31 February.
   */
  badDates: readonly DateField[];
  /** Today in the browser's calendar, as YYYY-MM-DD. */
  today: string;
}

/** The earliest date of an assessment or activity the issuer accepts (its rule `date_range`). */
export const EARLIEST_DATE = '1950-01-01';

const S = '/credential/credentialSubject';
const A = `${S}/achievement`;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The date-time a date field's value is sent as is on one calendar day: comparing YYYY-MM-DD is enough. */
const isDay = (value: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(value);

function text(problems: Problem[], pointer: string, value: string, max: number, required = true): void {
  const trimmed = value.trim();
  if (trimmed === '') {
    if (required) problems.push({ pointer, key: 'required' });
  } else if (trimmed.length > max) problems.push({ pointer, key: 'tooLong', vars: { max } });
}

function number(problems: Problem[], pointer: string, value: string, max: number): void {
  const trimmed = value.trim().replace(',', '.');
  if (trimmed === '') return;
  const n = Number(trimmed);
  if (!Number.isFinite(n) || n <= 0 || n > max) problems.push({ pointer, key: 'numberRange', vars: { max } });
}

/**
 * A date of what happened (assessment, activity): a real day, not before 1950, not after today.
 * Returns the day when it is usable, for comparing start and end.
 */
function pastDate(
  problems: Problem[],
  check: FormCheck,
  field: DateField,
  pointer: string,
  required: boolean,
): string | undefined {
  const value = check.values[field].trim();
  if (check.badDates.includes(field) || (value !== '' && !isDay(value))) {
    problems.push({ pointer, key: 'dateImpossible' });
  } else if (value === '') {
    if (required) problems.push({ pointer, key: 'required' });
  } else if (value < EARLIEST_DATE) {
    problems.push({ pointer, key: 'dateTooEarly' });
  } else if (value > check.today) {
    problems.push({ pointer, key: 'dateFuture' });
  } else {
    return value;
  }
  return undefined;
}

/** Every problem of the form for its type, in the order of the fields on the page. */
export function checkForm(check: FormCheck): Problem[] {
  const { type, values: v } = check;
  const problems: Problem[] = [];
  if (check.learner !== undefined) {
    text(problems, '/learner/name', check.learner.name, 200);
    const email = check.learner.email.trim();
    if (email === '') problems.push({ pointer: '/learner/email', key: 'required' });
    else if (!EMAIL.test(email) || email.length > 254)
      problems.push({ pointer: '/learner/email', key: 'emailInvalid' });
  }
  text(problems, '/credential/name', v.title, 200);
  text(problems, `${A}/description`, v.description, 5000);
  text(problems, `${A}/criteria`, v.criteria, 5000);

  if (type === 'EVCCredential') {
    text(problems, `${A}/standard/identifier`, v.standard.identifier, 200);
    text(problems, `${A}/standard/version`, v.standard.version, 200, false);
    text(problems, `${A}/standard/name`, v.standard.name, 200);
    pastDate(problems, check, 'assessmentDate', `${S}/assessmentDate`, true);
    if (v.methods.length === 0) problems.push({ pointer: `${S}/assessmentMethods`, key: 'chooseMethod' });
  }
  if (type === 'ModuleCredential') {
    number(problems, `${A}/studyLoad/hours`, v.hours, 20000);
    number(problems, `${A}/studyLoad/ects`, v.ects, 480);
    const until = v.validUntil.trim();
    if (check.badDates.includes('validUntil') || (until !== '' && !isDay(until)))
      problems.push({ pointer: '/credential/validUntil', key: 'dateImpossible' });
    else if (until !== '' && until <= check.today)
      problems.push({ pointer: '/credential/validUntil', key: 'dateNotAfterToday' });
  }
  if (type === 'WorkplaceLearningCredential') {
    text(problems, `${S}/workplace/name`, v.workplace.name, 200);
    text(problems, `${S}/workplace/department`, v.workplace.department, 200, false);
    text(problems, `${S}/workplace/location`, v.workplace.location, 200, false);
    text(problems, `${S}/role`, v.role, 200);
    if (v.tasks.trim() === '') problems.push({ pointer: `${S}/tasks`, key: 'required' });
    number(problems, `${S}/hoursPerWeek`, v.hoursPerWeek, 80);
  }
  if (type !== 'EVCCredential') {
    const workplace = type === 'WorkplaceLearningCredential';
    const start = pastDate(problems, check, 'startDate', `${S}/activityStartDate`, workplace);
    const end = pastDate(problems, check, 'endDate', `${S}/activityEndDate`, !workplace);
    if (start !== undefined && end !== undefined && end < start)
      problems.push({ pointer: `${S}/activityEndDate`, key: 'dateBeforeStart' });
  }
  // The assessor is required except for a module, where both or neither are given.
  const attesterRequired =
    type !== 'ModuleCredential' || `${v.attester.name}${v.attester.role}`.trim() !== '';
  text(problems, `${S}/source/name`, v.attester.name, 200, attesterRequired);
  text(problems, `${S}/source/role`, v.attester.role, 200, attesterRequired);

  if (v.skills.length === 0) problems.push({ pointer: `${A}/alignment`, key: 'chooseSkill' });
  if (type === 'ModuleCredential') {
    const complete = v.outcomes.filter((o) => o.description.trim() !== '' && o.skills.length > 0);
    if (complete.length === 0 || complete.length !== v.outcomes.length)
      problems.push({ pointer: `${A}/learningOutcomes`, key: 'outcomeIncomplete' });
  }
  return problems;
}
