// Choosing the skills of a request: search by label, then per skill required or not and a minimum level.
import { proficiencyScale } from '@skills-passport/core';
import { findSkills } from './api.js';
import type { RequestedSkill, SkillHit } from './api-types.js';
import { $, el, input, rowButton } from './dom.js';
import type { TextKey } from './i18n.js';
import { fill, levelName, pageLang, t } from './locale.js';

interface Chosen {
  skill: SkillHit;
  required: boolean;
  /** '' for any level, else the rank on core's scale */
  minimumLevel: string;
  /** Added with an occupation's essential skills, so choosing another occupation takes it away. */
  fromOccupation: boolean;
}

const chosen = new Map<string, Chosen>();
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let changed: () => void = () => undefined;

/** A skill's label in the page's language, else the label that matched, else its URI. */
export function skillLabel(skill: SkillHit): string {
  return skill.label[pageLang()] ?? skill.matchedLabel ?? skill.uri;
}

async function search(): Promise<void> {
  const q = input('skill-search').value.trim();
  const list = $('skill-results');
  const status = $('skill-search-status');
  list.replaceChildren();
  status.textContent = '';
  if (q.length < 2) return;
  const lang = pageLang();
  const { outcome, skills } = await findSkills(q, lang);
  if (outcome === 'no-match') status.textContent = fill('noSkillMatch', { query: q });
  for (const skill of skills) list.append(skillOfferRow(skill, 'add', 'addSkill', () => choose(skill)));
}

/**
 * A skill offered for the vacancy, with its one button: named by its skill for screen readers
 * (`ariaKey` fills in `{skill}`), since each row of a list has the same visible text.
 */
export function skillOfferRow(
  skill: SkillHit,
  textKey: TextKey,
  ariaKey: TextKey,
  onclick: () => void,
): HTMLElement {
  const label = skillLabel(skill);
  return el(
    'li',
    { 'data-uri': skill.uri },
    el('span', {}, label),
    rowButton(t(textKey), fill(ariaKey, { skill: label }), onclick),
  );
}

function onSearch(): void {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void search(), 200);
}

function choose(skill: SkillHit): void {
  addSkills([skill], { required: true, fromOccupation: false });
}

/** Adds skills not chosen yet; a skill already chosen keeps what the employer set for it. */
export function addSkills(skills: SkillHit[], how: { required: boolean; fromOccupation: boolean }): void {
  for (const skill of skills)
    if (!chosen.has(skill.uri)) chosen.set(skill.uri, { skill, minimumLevel: '', ...how });
  renderChosen();
}

/** Takes away the skills an earlier occupation added, keeping those the employer added one by one. */
export function removeOccupationSkills(): void {
  for (const [uri, entry] of chosen) if (entry.fromOccupation) chosen.delete(uri);
  renderChosen();
}

export function isChosen(uri: string): boolean {
  return chosen.has(uri);
}

/** What to do after the chosen skills changed (the occupation's optional list hides the chosen ones). */
export function onChosenChange(handler: () => void): void {
  changed = handler;
}

// Each row's controls are named with its skill ("Remove lift heavy weights"), so a screen reader's
// list of controls tells the rows apart.
function chosenItem(uri: string, entry: Chosen): HTMLLIElement {
  const label = skillLabel(entry.skill);
  const required = el('input', { type: 'checkbox', 'aria-label': fill('requiredFor', { skill: label }) });
  required.checked = entry.required;
  required.addEventListener('change', () => (entry.required = required.checked));
  const levels = proficiencyScale(pageLang()).rubricCriterionLevel ?? [];
  const level = el(
    'select',
    { 'aria-label': fill('levelFor', { skill: label }) },
    el('option', { value: '' }, t('anyLevel')),
    ...levels.map((_, i) => el('option', { value: String(i + 1) }, `${i + 1} — ${levelName(i + 1)}`)),
  );
  level.value = entry.minimumLevel;
  level.addEventListener('change', () => (entry.minimumLevel = level.value));
  return el(
    'li',
    { 'data-uri': uri },
    el('span', { class: 'skill-name' }, label),
    el('label', { class: 'checkbox' }, required, ` ${t('required')}`),
    level,
    rowButton(t('remove'), fill('removeSkill', { skill: label }), () => {
      chosen.delete(uri);
      renderChosen();
    }),
  );
}

export function renderChosen(): void {
  $('no-skills').hidden = chosen.size > 0;
  $('chosen-skills').replaceChildren(...[...chosen].map(([uri, entry]) => chosenItem(uri, entry)));
  changed();
}

/** The chosen skills as the request asks for them. */
export function requestedSkills(): RequestedSkill[] {
  return [...chosen.values()].map((e) => ({
    uri: e.skill.uri,
    required: e.required,
    ...(e.minimumLevel ? { minimumLevel: Number(e.minimumLevel) } : {}),
  }));
}

/** Starts afresh after a request was made. */
export function clearSkills(): void {
  chosen.clear();
  renderChosen();
  $('skill-results').replaceChildren();
  $('skill-search-status').textContent = '';
}

export function wireSkillPicker(): void {
  input('skill-search').addEventListener('input', onSearch);
}
