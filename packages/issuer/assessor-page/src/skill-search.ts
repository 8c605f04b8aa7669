// Finding skills by label: a combobox that asks GET /api/skills as the assessor types. The issue
// form has one; the catalogue editor another, wired the same way with its own ids and choice.
import type { Lang } from '@skills-passport/core';
import { findSkills, guarded } from './api.js';
import type { SkillHit } from './api-types.js';
import { renderSkills } from './chosen-skills.js';
import { credentialLang } from './credential-kind.js';
import { $, announce, el, input, select } from './dom.js';
import { t } from './locale.js';
import { addSkill, chosenSkills } from './selection.js';

/** One skill search box: its elements (by id), its language, what to leave out, what a pick does. */
export interface SkillSearchBox {
  /** The text input (made a combobox here), its listbox of options, and where it says "no match". */
  input: string;
  options: string;
  status: string;
  lang: () => Lang;
  /** Skills already chosen, left out of the options. */
  chosen: (uri: string) => boolean;
  /** The pick, with the label in `lang()`. */
  choose: (hit: SkillHit, label: string) => void;
}

/** Wires one skill search box; returns a function that closes its options (for a change of language). */
export function wireSkillSearchBox(box: SkillSearchBox): () => void {
  let hits: SkillHit[] = [];
  let active = -1;
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  let searchSeq = 0;
  const optionId = (i: number): string => `${box.options}-${i}`;

  function closeOptions(): void {
    hits = [];
    active = -1;
    const options = $(box.options);
    options.hidden = true;
    options.replaceChildren();
    const field = input(box.input);
    field.setAttribute('aria-expanded', 'false');
    field.removeAttribute('aria-activedescendant');
  }

  const preferredLabel = (hit: SkillHit): string => hit.label[box.lang()] ?? hit.matchedLabel;

  function renderOptions(): void {
    const options = $(box.options);
    const field = input(box.input);
    const otherLang = box.lang() === 'nl' ? 'en' : 'nl';
    options.replaceChildren(
      ...hits.map((hit, i) => {
        const other = hit.label[otherLang];
        return el(
          'li',
          {
            id: optionId(i),
            role: 'option',
            'aria-selected': i === active ? 'true' : 'false',
            class: i === active ? 'active' : '',
            onmousedown: (event) => event.preventDefault(),
            onclick: () => chooseSkill(i),
          },
          el('span', { class: 'name' }, preferredLabel(hit)),
          other !== undefined && other !== preferredLabel(hit)
            ? el('span', { class: 'other', lang: otherLang }, other)
            : null,
        );
      }),
    );
    const open = hits.length > 0;
    options.hidden = !open;
    field.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (active >= 0) field.setAttribute('aria-activedescendant', optionId(active));
    else field.removeAttribute('aria-activedescendant');
    document.getElementById(optionId(active))?.scrollIntoView({ block: 'nearest' });
  }

  async function searchSkills(): Promise<void> {
    const q = input(box.input).value.trim();
    const seq = ++searchSeq;
    if (q.length < 2) {
      closeOptions();
      $(box.status).textContent = '';
      return;
    }
    const reply = await findSkills(q, box.lang());
    if (seq !== searchSeq || !reply.ok) return;
    hits = reply.value.skills.filter((hit) => !box.chosen(hit.uri));
    active = -1;
    renderOptions();
    const none = reply.value.outcome === 'no-match';
    // Said on the page, not only to screen readers: a search that found nothing looks like a slow one.
    $(box.status).textContent = none ? t('skillsNoMatch', { query: q }) : '';
    announce(hits.length === 0 ? t('skillsNoneFound') : t('skillsFound', { n: hits.length }));
  }

  function chooseSkill(index: number): void {
    const hit = hits[index];
    if (hit === undefined) return;
    const label = preferredLabel(hit);
    input(box.input).value = '';
    closeOptions();
    box.choose(hit, label);
    announce(t('skillAdded', { label }));
    input(box.input).focus();
  }

  function onSearchKey(event: KeyboardEvent): void {
    const count = hits.length;
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault();
      active = (active + 1) % count;
      renderOptions();
    } else if (event.key === 'ArrowUp' && count > 0) {
      event.preventDefault();
      active = (active - 1 + count) % count;
      renderOptions();
    } else if (event.key === 'Enter') {
      // Enter picks a skill; it never submits the whole form from the search box.
      event.preventDefault();
      if (count > 0) chooseSkill(active >= 0 ? active : 0);
    } else if (event.key === 'Escape' && count > 0) {
      event.preventDefault();
      closeOptions();
    }
  }

  const search = input(box.input);
  // The combobox's roles and states are set here, beside the code that keeps them true, so the
  // markup of each box holds only its input, hint, status and listbox.
  const combobox = {
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': box.options,
  };
  for (const [name, value] of Object.entries(combobox)) search.setAttribute(name, value);
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void guarded(searchSkills, announce), 200);
  });
  search.addEventListener('keydown', onSearchKey);
  search.addEventListener('blur', closeOptions);
  return closeOptions;
}

let closeIssueOptions: () => void = () => undefined;

/** Closes the issue form's skill options. */
export function closeOptions(): void {
  closeIssueOptions();
}

export function wireSkillSearch(): void {
  closeIssueOptions = wireSkillSearchBox({
    input: 'skill-search',
    options: 'skill-options',
    status: 'skill-search-status',
    lang: credentialLang,
    chosen: (uri) => chosenSkills.some((s) => s.uri === uri),
    choose(hit, label) {
      addSkill({ uri: hit.uri, label, framework: hit.framework, level: 2, outcome: 'achieved' });
      renderSkills();
    },
  });
  select('cred-lang').addEventListener('change', closeOptions);
}
