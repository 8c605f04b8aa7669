// The catalogue editor: one module's fields, its skills (found with the page's ESCO skill search),
// each with the learning outcome it belongs to, its start dates; saving it, with the problems shown
// at their fields.
import type { Lang } from '@skills-passport/core';
import { guarded } from './api.js';
import type { Issue } from './api-types.js';
import {
  addModule,
  changeModule,
  MODULE_MODES,
  type CatalogueItem,
  type ModuleInput,
  type ModuleSkill,
} from './catalogue-api.js';
import { $, announce, button, el, input, removeButton, select, setOptions, textarea } from './dom.js';
import { clearErrors, pageIssue, showErrors, type ErrorPlace } from './field-errors.js';
import { pageLang, t } from './locale.js';
import { wireSkillSearchBox } from './skill-search.js';

const PLACE: ErrorPlace = { form: 'catalogue-form', summary: 'catalogue-errors' };
const LEVELS = ['1', '2', '3', '4', '5', '6', '7', '8'].map((n) => [n, n] as const);

interface OutcomeDraft {
  description: string;
  skills: ModuleSkill[];
}

/** The module being edited (null: a new one), its outcomes and start dates as the editor holds them. */
let editing: CatalogueItem | null = null;
let outcomes: OutcomeDraft[] = [];
let startDates: string[] = [];
let afterSave: (item: CatalogueItem) => void = () => undefined;

/** A calendar date (`2027-02-01`) in the page's language, the same day everywhere. */
export function formatDay(date: string): string {
  return new Intl.DateTimeFormat(pageLang() === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}

const chosen = (uri: string): boolean => outcomes.some((o) => o.skills.some((s) => s.targetUrl === uri));
const moduleLang = (): Lang => (select('cat-lang').value === 'en' ? 'en' : 'nl');

function removeSkill(outcome: OutcomeDraft, skill: ModuleSkill): void {
  outcome.skills = outcome.skills.filter((s) => s !== skill);
  // An outcome without skills says nothing a wallet can match: it goes too.
  if (outcome.skills.length === 0) outcomes = outcomes.filter((o) => o !== outcome);
  renderOutcomes();
  announce(t('skillRemoved', { label: skill.targetName }));
  input('cat-skill-search').focus();
}

function outcomeItem(outcome: OutcomeDraft, i: number): HTMLLIElement {
  const id = `cat-outcome-${i}`;
  const text = el('textarea', { id, rows: '2', 'data-pointer': `/learningOutcomes/${i}/description` });
  text.value = outcome.description;
  text.addEventListener('input', () => (outcome.description = text.value));
  return el(
    'li',
    { class: 'card' },
    el(
      'ul',
      { class: 'skill-list', 'data-pointer': `/learningOutcomes/${i}/alignment` },
      ...outcome.skills.map((skill) =>
        el(
          'li',
          { class: 'skill' },
          el('span', { class: 'name' }, skill.targetName),
          el('span', { class: 'framework' }, 'ESCO'),
          removeButton(t('catRemoveSkill', { label: skill.targetName }), () => removeSkill(outcome, skill)),
        ),
      ),
    ),
    el('div', { class: 'field' }, el('label', { for: id }, t('catOutcomeText')), text),
  );
}

function renderOutcomes(): void {
  $('cat-outcomes-none').hidden = outcomes.length > 0;
  $('cat-outcome-list').replaceChildren(...outcomes.map(outcomeItem));
}

function renderStartDates(): void {
  $('cat-start-none').hidden = startDates.length > 0;
  $('cat-start-list').replaceChildren(
    ...startDates.map((date) =>
      el(
        'li',
        { class: 'skill' },
        el('span', { class: 'name' }, formatDay(date)),
        removeButton(t('catRemoveDate', { date: formatDay(date) }), () => {
          startDates = startDates.filter((d) => d !== date);
          renderStartDates();
          input('cat-start-date').focus();
        }),
      ),
    ),
  );
}

function addStartDate(): void {
  const date = input('cat-start-date').value;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    showErrors([pageIssue('/offering/startDates', 'dateImpossible')], PLACE);
    return;
  }
  if (!startDates.includes(date)) startDates = [...startDates, date].sort();
  input('cat-start-date').value = '';
  renderStartDates();
  announce(t('catDateAdded', { date: formatDay(date) }));
}

/** The selects' options in the page's language, keeping their values. */
export function renderCatalogueForm(): void {
  setOptions(select('cat-eqf'), [['', t('none')], ...LEVELS]);
  setOptions(select('cat-nlqf'), [['', t('none')], ['entry', 'Instap / entry'], ...LEVELS]);
  setOptions(
    select('cat-mode'),
    MODULE_MODES.map((mode) => [mode, t(`catMode.${mode}`)]),
  );
  const title = $('catalogue-editor-title');
  title.textContent = editing === null ? t('catNewTitle') : t('catEditTitle', { name: editing.module.name });
  renderOutcomes();
  renderStartDates();
}

/** A number field's value: a number, or the text itself so the issuer says what it expected. */
function numberOf(value: string): number | string | undefined {
  const text = value.trim().replace(',', '.');
  if (text === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : value;
}

function readInput(): ModuleInput {
  const eqf = select('cat-eqf').value;
  const nlqf = select('cat-nlqf').value;
  const hours = numberOf(input('cat-hours').value);
  const ects = numberOf(input('cat-ects').value);
  const price = numberOf(input('cat-price').value);
  const region = input('cat-region').value.trim();
  return {
    name: input('cat-name').value,
    description: textarea('cat-description').value,
    criteria: { narrative: textarea('cat-criteria').value },
    inLanguage: moduleLang(),
    learningOutcomes: outcomes.map((o) => ({ description: o.description, alignment: o.skills })),
    qualificationLevel: {
      ...(eqf === '' ? {} : { eqf: Number(eqf) }),
      ...(nlqf === '' ? {} : { nlqf }),
    },
    studyLoad: { hours: hours ?? '', ...(ects === undefined ? {} : { ects }) },
    offering: {
      mode: MODULE_MODES.find((m) => m === select('cat-mode').value) ?? 'classroom',
      ...(region === '' ? {} : { region }),
      startDates: [...startDates],
      ...(price === undefined ? {} : { price: { amount: price, currency: 'EUR' as const } }),
      endsInMicroCredential: input('cat-micro').checked,
    },
  };
}

/** What the page can tell before sending: the required fields, a skill, a level, the hours. */
function pageProblems(module: ModuleInput): Issue[] {
  const problems: Issue[] = [];
  if (module.name.trim() === '') problems.push(pageIssue('/name', 'required'));
  if (module.description.trim() === '') problems.push(pageIssue('/description', 'required'));
  if (module.criteria.narrative.trim() === '') problems.push(pageIssue('/criteria', 'required'));
  if (module.learningOutcomes.length === 0) problems.push(pageIssue('/learningOutcomes', 'catNeedSkill'));
  module.learningOutcomes.forEach((o, i) => {
    if (o.description.trim() === '')
      problems.push(pageIssue(`/learningOutcomes/${i}/description`, 'required'));
  });
  if (module.qualificationLevel.eqf === undefined && module.qualificationLevel.nlqf === undefined)
    problems.push(pageIssue('/qualificationLevel', 'catNeedLevel'));
  const hours = module.studyLoad.hours;
  if (typeof hours !== 'number' || hours <= 0) problems.push(pageIssue('/studyLoad/hours', 'catNeedHours'));
  return problems;
}

async function save(): Promise<void> {
  clearCatalogueErrors();
  const module = readInput();
  const problems = pageProblems(module);
  if (problems.length > 0) {
    showErrors(problems, PLACE);
    return;
  }
  const submit = button('cat-save');
  submit.disabled = true;
  submit.textContent = t('catSaving');
  try {
    await guarded(
      async () => {
        const reply = editing === null ? await addModule(module) : await changeModule(editing, module);
        if (!reply.ok) {
          // Someone else saved the module meanwhile: say so rather than overwrite their change.
          showErrors(reply.status === 412 ? [pageIssue('', 'catStale')] : reply.issues, PLACE);
          return;
        }
        closeEditor();
        afterSave(reply.value);
      },
      (message) => showErrors([{ pointer: '', message }], PLACE),
    );
  } finally {
    submit.disabled = false;
    submit.textContent = t('catSave');
  }
}

function clearCatalogueErrors(): void {
  clearErrors();
  $('catalogue-errors').hidden = true;
}

/** Opens the editor for a new module, or filled in with `item`. */
export function openEditor(item: CatalogueItem | null): void {
  editing = item;
  clearCatalogueErrors();
  const m = item?.module;
  input('cat-name').value = m?.name ?? '';
  textarea('cat-description').value = m?.description ?? '';
  textarea('cat-criteria').value = m?.criteria.narrative ?? '';
  select('cat-lang').value = m?.inLanguage ?? 'nl';
  outcomes =
    m?.learningOutcomes.map((o) => ({
      description: o.description,
      skills: o.alignment.map((a) => ({ targetUrl: a.targetUrl, targetName: a.targetName })),
    })) ?? [];
  startDates = [...(m?.offering.startDates ?? [])];
  renderCatalogueForm();
  select('cat-eqf').value = m?.qualificationLevel.eqf === undefined ? '' : String(m.qualificationLevel.eqf);
  select('cat-nlqf').value = m?.qualificationLevel.nlqf ?? '';
  input('cat-hours').value = m === undefined ? '' : String(m.studyLoad.hours);
  input('cat-ects').value = m?.studyLoad.ects === undefined ? '' : String(m.studyLoad.ects);
  select('cat-mode').value = m?.offering.mode ?? 'classroom';
  input('cat-region').value = m?.offering.region ?? '';
  input('cat-start-date').value = '';
  input('cat-price').value = m?.offering.price === undefined ? '' : String(m.offering.price.amount);
  input('cat-micro').checked = m?.offering.endsInMicroCredential ?? false;
  $('catalogue-editor').hidden = false;
  $('catalogue-add').hidden = true;
  $('catalogue-editor-title').focus();
}

export function closeEditor(): void {
  editing = null;
  outcomes = [];
  startDates = [];
  clearCatalogueErrors();
  $('catalogue-editor').hidden = true;
  $('catalogue-add').hidden = false;
}

/** Wires the editor; `saved` runs after each module saved (the list reloads). */
export function wireCatalogueForm(saved: (item: CatalogueItem) => void): void {
  afterSave = saved;
  wireSkillSearchBox({
    input: 'cat-skill-search',
    options: 'cat-skill-options',
    status: 'cat-skill-search-status',
    lang: moduleLang,
    chosen,
    choose(hit, label) {
      // Each skill comes with a learning outcome of its own, to describe in the module's words.
      outcomes = [...outcomes, { description: '', skills: [{ targetUrl: hit.uri, targetName: label }] }];
      renderOutcomes();
    },
  });
  $('cat-start-add').addEventListener('click', addStartDate);
  input('cat-start-date').addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      addStartDate();
    }
  });
  $('catalogue-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  $('cat-cancel').addEventListener('click', () => {
    closeEditor();
    $('catalogue-title').focus();
  });
}
