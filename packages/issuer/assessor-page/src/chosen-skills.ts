// The chosen skills: each with its level on core's scale and, for EVC, the outcome.
import { SKILL_OUTCOMES, proficiencyScale } from '@skills-passport/core';
import type { ChosenSkill } from './content.js';
import { currentType } from './credential-kind.js';
import { $, announce, el, input, removeButton } from './dom.js';
import { pageLang, t } from './locale.js';
import { renderOutcomes } from './outcomes.js';
import { chosenSkills, removeSkill } from './selection.js';

function levelSelect(skill: ChosenSkill, id: string): HTMLSelectElement {
  const levels = proficiencyScale(pageLang()).rubricCriterionLevel ?? [];
  const level = el(
    'select',
    { id },
    ...levels.map((l, i) => el('option', { value: String(i + 1) }, `${i + 1} — ${l.name}`)),
  );
  level.value = String(skill.level);
  level.addEventListener('change', () => (skill.level = Number(level.value)));
  return level;
}

function outcomeSelect(skill: ChosenSkill, id: string): HTMLSelectElement {
  const outcome = el(
    'select',
    { id },
    ...SKILL_OUTCOMES.map((o) => el('option', { value: o }, t(`outcome.${o}`))),
  );
  outcome.value = skill.outcome ?? 'achieved';
  outcome.addEventListener('change', () => (skill.outcome = outcome.value));
  return outcome;
}

function skillItem(skill: ChosenSkill, i: number, withOutcome: boolean): HTMLLIElement {
  const levelId = `skill-${i}-level`;
  const outcomeId = `skill-${i}-outcome`;
  return el(
    'li',
    {
      class: 'skill',
      'data-pointer': `/credential/credentialSubject/result/${i} /credential/credentialSubject/achievement/alignment/${i}`,
    },
    el('span', { class: 'name' }, skill.label),
    el('span', { class: 'framework' }, skill.framework),
    el(
      'div',
      { class: 'field' },
      el('label', { for: levelId }, t('skillLevel')),
      levelSelect(skill, levelId),
    ),
    withOutcome
      ? el(
          'div',
          { class: 'field' },
          el('label', { for: outcomeId }, t('skillOutcome')),
          outcomeSelect(skill, outcomeId),
        )
      : null,
    removeButton(t('removeSkill', { label: skill.label }), () => removeSkillAt(i)),
  );
}

function removeSkillAt(index: number): void {
  const skill = removeSkill(index);
  if (skill === undefined) return;
  renderSkills();
  announce(t('skillRemoved', { label: skill.label }));
  input('skill-search').focus();
}

let afterRender: (() => void)[] = [];

/** Runs `listener` after each render of the chosen skills (the occupation's optional skills follow them). */
export function onSkillsRendered(listener: () => void): void {
  afterRender = [...afterRender, listener];
}

export function renderSkills(): void {
  const withOutcome = currentType() === 'EVCCredential';
  $('skills-none').hidden = chosenSkills.length > 0;
  $('skill-list').replaceChildren(...chosenSkills.map((skill, i) => skillItem(skill, i, withOutcome)));
  renderOutcomes();
  for (const listener of afterRender) listener();
}
