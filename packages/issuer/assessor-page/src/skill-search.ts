// Finding skills by label: a combobox that asks GET /api/skills as the assessor types.
import { findSkills, guarded } from './api.js';
import type { SkillHit } from './api-types.js';
import { renderSkills } from './chosen-skills.js';
import { credentialLang } from './credential-kind.js';
import { $, announce, el, input, select } from './dom.js';
import { t } from './locale.js';
import { addSkill, chosenSkills } from './selection.js';

let hits: SkillHit[] = [];
let active = -1;
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let searchSeq = 0;

export function closeOptions(): void {
  hits = [];
  active = -1;
  const options = $('skill-options');
  options.hidden = true;
  options.replaceChildren();
  const box = input('skill-search');
  box.setAttribute('aria-expanded', 'false');
  box.removeAttribute('aria-activedescendant');
}

function preferredLabel(hit: SkillHit): string {
  return hit.label[credentialLang()] ?? hit.matchedLabel;
}

function renderOptions(): void {
  const options = $('skill-options');
  const box = input('skill-search');
  const otherLang = credentialLang() === 'nl' ? 'en' : 'nl';
  options.replaceChildren(
    ...hits.map((hit, i) => {
      const other = hit.label[otherLang];
      return el(
        'li',
        {
          id: `skill-option-${i}`,
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
  box.setAttribute('aria-expanded', open ? 'true' : 'false');
  if (active >= 0) box.setAttribute('aria-activedescendant', `skill-option-${active}`);
  else box.removeAttribute('aria-activedescendant');
  document.getElementById(`skill-option-${active}`)?.scrollIntoView({ block: 'nearest' });
}

async function searchSkills(): Promise<void> {
  const q = input('skill-search').value.trim();
  const seq = ++searchSeq;
  if (q.length < 2) {
    closeOptions();
    $('skill-search-status').textContent = '';
    return;
  }
  const reply = await findSkills(q, credentialLang());
  if (seq !== searchSeq || !reply.ok) return;
  hits = reply.value.skills.filter((hit) => !chosenSkills.some((s) => s.uri === hit.uri));
  active = -1;
  renderOptions();
  const none = reply.value.outcome === 'no-match';
  // Said on the page, not only to screen readers: a search that found nothing looks like a slow one.
  $('skill-search-status').textContent = none ? t('skillsNoMatch', { query: q }) : '';
  announce(hits.length === 0 ? t('skillsNoneFound') : t('skillsFound', { n: hits.length }));
}

function chooseSkill(index: number): void {
  const hit = hits[index];
  if (hit === undefined) return;
  const label = preferredLabel(hit);
  addSkill({ uri: hit.uri, label, framework: hit.framework, level: 2, outcome: 'achieved' });
  input('skill-search').value = '';
  closeOptions();
  renderSkills();
  announce(t('skillAdded', { label }));
  input('skill-search').focus();
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

export function wireSkillSearch(): void {
  const search = input('skill-search');
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void guarded(searchSkills, announce), 200);
  });
  search.addEventListener('keydown', onSearchKey);
  search.addEventListener('blur', closeOptions);
  select('cred-lang').addEventListener('change', closeOptions);
}
