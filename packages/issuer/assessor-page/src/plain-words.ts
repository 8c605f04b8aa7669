// The issuer's objections in the assessor's words. The API speaks English and names schema rules
// ("Expected an object with a narrative and/or an id (URL)"); the page says what to do, in Dutch or
// English, from the issue's stable rule and pointer. Pure: no DOM.
import type { Issue } from './api-types.js';
import type { TextKey } from './i18n.js';

const DATE_RULES: Readonly<Record<string, TextKey>> = {
  date_invalid: 'dateImpossible',
  date_range: 'dateTooEarly',
  date_future: 'dateFuture',
  date_order: 'dateBeforeStart',
};

const isDatePointer = (pointer: string): boolean => /(Date|validUntil)$/.test(pointer);

/** What to say about an issue at a field of the form. */
export function fieldWords(issue: Issue): TextKey {
  const rule = issue.rule ?? '';
  const dateKey = DATE_RULES[rule];
  if (dateKey !== undefined) return dateKey;
  if (rule === 'required' || rule === 'minLength') return 'required';
  if (rule === 'minItems') {
    if (/assessmentMethods$/.test(issue.pointer)) return 'chooseMethod';
    if (/learningOutcomes/.test(issue.pointer)) return 'outcomeIncomplete';
    if (/(alignment|result)$/.test(issue.pointer)) return 'chooseSkill';
    return 'required';
  }
  if (rule === 'enum' || rule === 'const') return 'chooseOption';
  if (rule === 'format' && /email$/.test(issue.pointer)) return 'emailInvalid';
  if (rule === 'format' && isDatePointer(issue.pointer)) return 'dateImpossible';
  return 'fieldInvalid';
}

/**
 * What to say about a problem of one CSV row, when the row itself is the cause (its name, a cell,
 * a date); `undefined` when the cause is the common content, which the form's fields then show.
 */
export function rowWords(issue: Issue): TextKey | undefined {
  const rule = issue.rule ?? '';
  if (issue.pointer === '/learner/name') return 'csvNoName';
  if (issue.pointer === '/learner/email') return 'emailInvalid';
  if (rule === 'csv_cell') return 'csvCell';
  if (rule === 'format' && isDatePointer(issue.pointer)) return 'csvDate';
  return DATE_RULES[rule];
}
