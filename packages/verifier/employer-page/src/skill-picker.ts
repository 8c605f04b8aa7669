// Choosing the skills of a request: search by label, then per skill required or not and a minimum level.
import { proficiencyScale } from '@skills-passport/core';
import { findSkills } from './api.js';
import type { RequestedSkill, SkillHit } from './api-types.js';
import { $, el, input } from './dom.js';
import { fill, levelName, pageLang, t } from './locale.js';

interface Chosen {
  skill: SkillHit;
  required: boolean;
  /** '' for any level, else the rank on core's scale */
  minimumLevel: string;
}

const chosen = new Map<string, Chosen>();
let searchTimer: ReturnType<typeof setTimeout> | undefined;

async function search(): Promise<void> {
  const q = input('skill-search').value.trim();
  const list = $('skill-results');
  list.replaceChildren();
  if (q.length < 2) return;
  const lang = pageLang();
  for (const skill of await findSkills(q, lang)) {
    const label = skill.label[lang] ?? skill.matchedLabel;
    list.append(
      el(
        'li',
        { 'data-uri': skill.uri },
        el('span', {}, label),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': fill('addSkill', { skill: label }),
            onclick: () => choose(skill),
          },
          t('add'),
        ),
      ),
    );
  }
}

function onSearch(): void {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void search(), 200);
}

function choose(skill: SkillHit): void {
  if (!chosen.has(skill.uri)) chosen.set(skill.uri, { skill, required: true, minimumLevel: '' });
  renderChosen();
}

// Each row's controls are named with its skill ("Remove lift heavy weights"), so a screen reader's
// list of controls tells the rows apart.
function chosenItem(uri: string, entry: Chosen): HTMLLIElement {
  const label = entry.skill.label[pageLang()] ?? entry.skill.matchedLabel;
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
    el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        'aria-label': fill('removeSkill', { skill: label }),
        onclick: () => {
          chosen.delete(uri);
          renderChosen();
        },
      },
      t('remove'),
    ),
  );
}

export function renderChosen(): void {
  $('no-skills').hidden = chosen.size > 0;
  $('chosen-skills').replaceChildren(...[...chosen].map(([uri, entry]) => chosenItem(uri, entry)));
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
}

export function wireSkillPicker(): void {
  input('skill-search').addEventListener('input', onSearch);
}
