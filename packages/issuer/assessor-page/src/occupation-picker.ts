// Starting from an ESCO occupation: search it by Dutch or English label (in the page's language),
// pick it, and the skills ESCO lists as essential for it become the credential's skills, each with
// the usual level (and outcome) and each removable. Its optional skills wait in a collapsed list the
// assessor adds from one by one: ESCO lists up to 318 of them for an occupation, most of them for
// one specialism or another, and an assessor assesses what the learner showed, not all of them.
import { findOccupations, guarded, occupationSkills } from './api.js';
import type { OccupationHit, OccupationSkills, OccupationView, SkillConceptView } from './api-types.js';
import { onSkillsRendered, renderSkills } from './chosen-skills.js';
import { credentialLang } from './credential-kind.js';
import { $, announce, el, input, select } from './dom.js';
import { pageLang, t } from './locale.js';
import { addSkill, chosenSkills, removeSkill } from './selection.js';

let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** Counts searches, so an answer that arrives after a newer search began is dropped. */
let searchSeq = 0;
let lastQuery = '';
let results: OccupationHit[] = [];
let noMatch = false;
let picked: OccupationSkills | undefined;
/** The skills the last pick added, so a second pick replaces them rather than piling up. */
let addedByPick = new Set<string>();

const pageLabel = (concept: OccupationView): string =>
  concept.label[pageLang()] ?? concept.label.nl ?? concept.label.en ?? concept.uri;

/** A skill is written into the credential in the credential's language, as the skill search does. */
const skillLabel = (skill: SkillConceptView): string =>
  skill.label[credentialLang()] ?? skill.label.nl ?? skill.label.en ?? skill.uri;

const isChosen = (uri: string): boolean => chosenSkills.some((s) => s.uri === uri);

function add(skill: SkillConceptView): void {
  if (isChosen(skill.uri)) return;
  addSkill({
    uri: skill.uri,
    label: skillLabel(skill),
    framework: skill.framework,
    level: 2,
    outcome: 'achieved',
  });
}

async function search(): Promise<void> {
  const q = input('occupation-search').value.trim();
  const seq = ++searchSeq;
  if (q.length < 2) {
    [results, noMatch] = [[], false];
    renderResults();
    return;
  }
  const reply = await findOccupations(q, pageLang());
  if (seq !== searchSeq) return;
  if (!reply.ok) {
    [results, noMatch] = [[], false];
    renderResults();
    $('occupation-search-status').textContent = reply.issues[0]?.message ?? t('networkError');
    return;
  }
  [lastQuery, results, noMatch] = [q, reply.value.occupations, reply.value.outcome === 'no-match'];
  renderResults();
}

function renderResults(): void {
  $('occupation-search-status').textContent = noMatch ? t('occupationNoMatch', { query: lastQuery }) : '';
  $('occupation-results').replaceChildren(
    ...results.map((occupation) => {
      const label = pageLabel(occupation);
      return el(
        'li',
        { 'data-uri': occupation.uri },
        el(
          'span',
          { class: 'name' },
          label,
          ' ',
          el(
            'span',
            { class: 'hint' },
            t('occupationCounts', {
              essential: occupation.essentialCount,
              optional: occupation.optionalCount,
            }),
          ),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': t('chooseOccupation', { occupation: label }),
            onclick: () => void guarded(() => pick(occupation), announce),
          },
          t('choose'),
        ),
      );
    }),
  );
}

async function pick(occupation: OccupationHit): Promise<void> {
  const reply = await occupationSkills(occupation.uri);
  if (!reply.ok) {
    $('occupation-search-status').textContent = reply.issues[0]?.message ?? t('networkError');
    return;
  }
  // A second pick replaces the first occupation's skills that are still there: a wrong pick costs
  // one more pick, not thirty "Remove" clicks. Skills the assessor added by search stay.
  for (let i = chosenSkills.length - 1; i >= 0; i -= 1) {
    if (addedByPick.has(chosenSkills[i]!.uri)) removeSkill(i);
  }
  picked = reply.value;
  addedByPick = new Set(picked.essential.filter((s) => !isChosen(s.uri)).map((s) => s.uri));
  for (const skill of picked.essential) add(skill);
  [results, noMatch] = [[], false];
  input('occupation-search').value = '';
  renderResults();
  renderSkills();
  const message = t('occupationPicked', {
    occupation: pageLabel(picked.occupation),
    essential: picked.essential.length,
  });
  announce(message);
  input('occupation-search').focus();
}

function addOptional(skill: SkillConceptView): void {
  add(skill);
  renderSkills();
  announce(t('skillAdded', { label: skillLabel(skill) }));
  // The row is gone; the list's summary keeps the keyboard where it was.
  $('occupation-optional-summary').focus();
}

/** The picked occupation and its optional skills not chosen yet; after every change of the skills. */
function renderOccupation(): void {
  const summary = $('occupation-picked');
  const optional = $('occupation-optional');
  summary.hidden = picked === undefined;
  if (picked === undefined) {
    optional.hidden = true;
    summary.textContent = '';
    $('occupation-optional-list').replaceChildren();
    return;
  }
  const occupation = pageLabel(picked.occupation);
  summary.textContent = t('occupationPicked', { occupation, essential: picked.essential.length });
  const open = picked.optional.filter((skill) => !isChosen(skill.uri));
  optional.hidden = open.length === 0;
  $('occupation-optional-summary').textContent = t('optionalSkillsOf', { occupation, count: open.length });
  $('occupation-optional-list').replaceChildren(
    ...open.map((skill) => {
      const label = skillLabel(skill);
      return el(
        'li',
        { 'data-uri': skill.uri },
        el('span', { class: 'name' }, label),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': t('addOptionalSkill', { label }),
            onclick: () => addOptional(skill),
          },
          t('add'),
        ),
      );
    }),
  );
}

/** Forgets the occupation (on sign-out). */
export function resetOccupation(): void {
  [results, noMatch, picked, lastQuery] = [[], false, undefined, ''];
  addedByPick = new Set();
  input('occupation-search').value = '';
  renderResults();
  renderOccupation();
}

export function wireOccupationPicker(): void {
  const box = input('occupation-search');
  box.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void guarded(search, announce), 250);
  });
  box.addEventListener('keydown', (event) => {
    // Enter searches now; it never submits the whole form from this box.
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(searchTimer);
    void guarded(search, announce);
  });
  onSkillsRendered(renderOccupation);
  // Occupations in the page's language, skills in the credential's (after the page has switched).
  for (const id of ['lang', 'cred-lang']) {
    select(id).addEventListener('change', () => {
      renderResults();
      renderOccupation();
    });
  }
}
