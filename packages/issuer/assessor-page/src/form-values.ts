// Reads the issue form: what the assessor typed, as the content builder and the checks take it.
import { account } from './account.js';
import type { Issue } from './api-types.js';
import { startedModule } from './catalogue-achievement.js';
import { buildCredential, newUrn, type FormValues } from './content.js';
import { credentialLang, currentType } from './credential-kind.js';
import { $, input, select, textarea } from './dom.js';
import { pageIssue } from './field-errors.js';
import { checkForm, type DateField } from './form-checks.js';
import { chosenSkills, outcomes } from './selection.js';

const DATE_INPUTS: Readonly<Record<DateField, string>> = {
  assessmentDate: 'assessment-date',
  startDate: 'start-date',
  endDate: 'end-date',
  validUntil: 'expiration-date',
};

function formValues(): FormValues {
  return {
    lang: credentialLang(),
    title: input('title').value,
    description: textarea('description').value,
    criteria: textarea('criteria').value,
    skills: chosenSkills.map((s) => ({ ...s })),
    attester: { name: input('attester-name').value, role: input('attester-role').value },
    organisationName: account()?.organisation.name ?? '',
    standard: {
      identifier: input('std-identifier').value,
      name: input('std-name').value,
      version: input('std-version').value,
      kind: select('std-kind').value,
    },
    route: select('route').value,
    assessmentDate: input('assessment-date').value,
    methods: [...$('methods').querySelectorAll<HTMLInputElement>('input:checked')].map((n) => n.value),
    achievementType: select('achievement-type').value,
    outcomes: outcomes.map((o) => ({ description: o.description, skills: [...o.skills] })),
    eqf: select('eqf').value,
    nlqf: select('nlqf').value,
    hours: input('hours').value,
    ects: input('ects').value,
    assessmentType: select('assessment-type').value,
    grade: input('grade').value,
    startDate: input('start-date').value,
    endDate: input('end-date').value,
    validUntil: input('expiration-date').value,
    workplace: {
      name: input('wp-name').value,
      department: input('wp-department').value,
      location: input('wp-location').value,
    },
    role: input('wp-role').value,
    tasks: textarea('tasks').value,
    hoursPerWeek: input('hours-per-week').value,
  };
}

/** The credential content of the form as it stands (also the common content of a cohort). */
export function currentCredential(): Record<string, unknown> {
  // A ModuleCredential started from a catalogue module carries the module's id as its achievement's.
  const module = currentType() === 'ModuleCredential' ? startedModule() : null;
  return buildCredential(currentType(), formValues(), module?.id ?? newUrn());
}

/** Today in the browser's calendar (the day a date input means), as YYYY-MM-DD. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Everything wrong with the form as it stands, in the assessor's words, before anything is sent:
 * the content, and the learner when one is given (a single issuance).
 */
export function formProblems(learner?: { name: string; email: string }): Issue[] {
  const badDates = (Object.keys(DATE_INPUTS) as DateField[]).filter(
    (field) => input(DATE_INPUTS[field]).validity.badInput,
  );
  return checkForm({
    type: currentType(),
    values: formValues(),
    ...(learner === undefined ? {} : { learner }),
    badDates,
    today: today(),
  }).map((problem) => pageIssue(problem.pointer, problem.key, problem.vars));
}
