// The learning outcomes of a module credential, each with the chosen skills it covers.
import { $, el } from './dom.js';
import { t } from './locale.js';
import { chosenSkills, outcomes } from './selection.js';
import type { LearningOutcome } from './content.js';

function outcomeItem(outcome: LearningOutcome, i: number): HTMLLIElement {
  const id = `outcome-${i}`;
  const text = el('textarea', {
    id,
    rows: '2',
    'data-pointer': `/credential/credentialSubject/achievement/learningOutcomes/${i}/description`,
  });
  text.value = outcome.description;
  text.addEventListener('input', () => (outcome.description = text.value));
  const checks = el(
    'fieldset',
    {
      class: 'checks',
      'data-pointer': `/credential/credentialSubject/achievement/learningOutcomes/${i}/alignment`,
    },
    el('legend', {}, t('outcomeSkills')),
    chosenSkills.length === 0 ? el('p', { class: 'hint' }, t('outcomeNoSkills')) : null,
    ...chosenSkills.map((skill, j) => {
      const box = el('input', {
        type: 'checkbox',
        id: `${id}-skill-${j}`,
        checked: outcome.skills.includes(skill.uri),
      });
      box.addEventListener('change', () => {
        outcome.skills = box.checked
          ? [...outcome.skills, skill.uri]
          : outcome.skills.filter((uri) => uri !== skill.uri);
      });
      return el('div', { class: 'check' }, box, el('label', { for: `${id}-skill-${j}` }, skill.label));
    }),
  );
  return el(
    'li',
    { 'data-pointer': `/credential/credentialSubject/achievement/learningOutcomes/${i}` },
    el('div', { class: 'field' }, el('label', { for: id }, t('outcome', { n: i + 1 })), text),
    checks,
    outcomes.length > 1
      ? el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              outcomes.splice(i, 1);
              renderOutcomes();
            },
          },
          t('removeOutcome', { n: i + 1 }),
        )
      : null,
  );
}

export function renderOutcomes(): void {
  $('outcome-list').replaceChildren(...outcomes.map(outcomeItem));
}

export function wireOutcomes(): void {
  $('add-outcome').addEventListener('click', () => {
    outcomes.push({ description: '', skills: [] });
    renderOutcomes();
    $(`outcome-${outcomes.length - 1}`).focus();
  });
}
