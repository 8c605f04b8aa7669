// Problems next to the fields they are about, and in a summary that takes focus: the page's own
// findings (rule `page`, already in the assessor's words) and the issuer's (said in plain words by
// their rule). Each field says one thing, and the summary names each problem once.
import type { Issue } from './api-types.js';
import { $, el } from './dom.js';
import type { TextKey, TextVars } from './i18n.js';
import { t } from './locale.js';
import { fieldWords } from './plain-words.js';

const FORM_CONTROL = 'input, select, textarea';

function bare(label: string): string {
  return label.replace(/\s*\*.*$/, '').trim();
}

export function clearErrors(): void {
  for (const node of document.querySelectorAll('.field-error')) node.remove();
  for (const node of document.querySelectorAll('[aria-invalid]')) {
    node.removeAttribute('aria-invalid');
    const described = (node.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .filter((id) => id !== '' && !id.startsWith('err-'));
    if (described.length > 0) node.setAttribute('aria-describedby', described.join(' '));
    else node.removeAttribute('aria-describedby');
  }
  $('issue-errors').hidden = true;
  $('cohort-errors').hidden = true;
  shown = null;
}

/** Where a form's errors go: the form whose fields they are about, and its summary. */
export interface ErrorPlace {
  form: string;
  summary: string;
}

const ISSUE_ERRORS: ErrorPlace = { form: 'issue-form', summary: 'issue-errors' };

/** The rule of a problem the page found itself, said by one of its own texts. */
export const PAGE_RULE = 'page';

/** A problem the page found itself: its text key, so it is said again in another language. */
export interface PageIssue extends Issue {
  rule: typeof PAGE_RULE;
  key: TextKey;
  vars?: TextVars;
}

const isPageIssue = (issue: Issue): issue is PageIssue => issue.rule === PAGE_RULE && 'key' in issue;

/** A problem the page found, ready for {@link showErrors}. */
export function pageIssue(pointer: string, key: TextKey, vars?: TextVars): PageIssue {
  return { pointer, rule: PAGE_RULE, key, ...(vars === undefined ? {} : { vars }), message: t(key, vars) };
}

/** What to say at a field: the page's own text, or the issuer's objection in plain words. */
function fieldMessage(issue: Issue): string {
  return isPageIssue(issue) ? t(issue.key, issue.vars) : t(fieldWords(issue));
}

/** What the summary says of an issue no field shows: the page's own text, else the issuer's. */
function looseMessage(issue: Issue): string {
  return isPageIssue(issue) ? t(issue.key, issue.vars) : issue.message;
}

/** The problems on show, so a change of language can say them again. */
let shown: { issues: readonly Issue[]; place: ErrorPlace } | null = null;

/** "Label: what to do" for an issue at a field of `formId`, or `undefined` when no field shows it. */
export function describeAtField(formId: string, issue: Issue): string | undefined {
  const field = fieldFor($(formId), issue.pointer);
  if (field === undefined) return undefined;
  return `${fieldName(field)}: ${fieldMessage(issue)}`;
}

/** The visible form element an issue's pointer belongs to: an exact match, else the closest parent. */
function fieldFor(scope: HTMLElement, pointer: string): HTMLElement | undefined {
  let best: HTMLElement | undefined;
  let bestLength = -1;
  for (const element of scope.querySelectorAll<HTMLElement>('[data-pointer]')) {
    if (element.closest('[hidden]') !== null) continue;
    for (const candidate of (element.dataset.pointer ?? '').split(' ')) {
      if (candidate === '') continue;
      const matches = pointer === candidate || pointer.startsWith(`${candidate}/`);
      if (matches && candidate.length > bestLength) {
        best = element;
        bestLength = candidate.length;
      }
    }
  }
  return best;
}

/** What a person calls the field: its label, its legend, or the skill's name. */
function fieldName(field: HTMLElement): string {
  if (field.id !== '') {
    const label = document.querySelector(`label[for="${field.id}"]`);
    if (label !== null) return bare(label.textContent ?? '');
  }
  const legend = field.querySelector('legend');
  if (legend !== null) return bare(legend.textContent ?? '');
  const name = field.querySelector('.name');
  return bare(name?.textContent ?? '');
}

/**
 * The field's name in the summary: its label, with the legend of its group in front where another
 * field of the form has the same label (the learner's "Name" and the standard's "Name").
 */
function summaryName(form: HTMLElement, field: HTMLElement): string {
  const name = fieldName(field);
  const same = [...form.querySelectorAll('label')].filter((l) => bare(l.textContent ?? '') === name);
  const group = field.parentElement?.closest('fieldset')?.querySelector('legend');
  if (same.length < 2 || group === null || group === undefined) return name;
  return `${bare(group.textContent ?? '')} — ${name}`;
}

/** Puts each issue next to its field and lists them all in the summary, which takes focus. */
export function showErrors(
  issues: readonly Issue[],
  place: ErrorPlace = ISSUE_ERRORS,
  options: { focus?: boolean } = {},
): void {
  clearErrors();
  shown = { issues, place };
  const form = $(place.form);
  const summary = $(place.summary);
  const list = summary.querySelector('ul');
  if (list === null) throw new Error(`#${place.summary} has no list`);
  list.replaceChildren();
  let n = 0;
  const noted = new Set<HTMLElement>();
  const listed = new Set<string>();
  for (const issue of issues) {
    const field = fieldFor(form, issue.pointer);
    if (field === undefined) {
      const loose = looseMessage(issue);
      if (listed.has(loose)) continue;
      listed.add(loose);
      list.append(el('li', {}, loose));
      continue;
    }
    // The first problem of a field is the one to fix first; a second would repeat or confuse.
    if (noted.has(field)) continue;
    noted.add(field);
    const message = fieldMessage(issue);
    n += 1;
    const errorId = `err-${n}`;
    const note = el('p', { class: 'field-error', id: errorId }, message);
    const isControl = field.matches(FORM_CONTROL);
    const container = isControl ? (field.closest('.field') ?? field) : field;
    container.append(note);
    const target = isControl ? field : (field.querySelector<HTMLElement>(`${FORM_CONTROL}, button`) ?? field);
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute(
      'aria-describedby',
      [target.getAttribute('aria-describedby') ?? '', errorId].filter((s) => s !== '').join(' '),
    );
    const link = el('a', { href: `#${target.id}` }, `${summaryName(form, field)}: ${message}`);
    if (target.id === '') link.removeAttribute('href');
    list.append(el('li', {}, link));
  }
  summary.hidden = false;
  if (options.focus !== false) summary.focus();
}

/** Says the problems on show again, in the page's language now; the focus stays where it is. */
export function reshowErrors(): void {
  if (shown !== null) showErrors(shown.issues, shown.place, { focus: false });
}
