// Starting a vacancy from an ESCO occupation: search it by Dutch or English label, pick it, and its
// essential skills become the request's required skills; its optional skills wait in a list the
// employer adds from. Everything stays editable in the chosen-skills list below.
import { findOccupations, occupationSkills } from './api.js';
import type { OccupationHit, OccupationSkills, SkillHit } from './api-types.js';
import { $, el, input } from './dom.js';
import { fill, pageLang, t } from './locale.js';
import { addSkills, isChosen, removeOccupationSkills, skillOfferRow } from './skill-picker.js';

let searchTimer: ReturnType<typeof setTimeout> | undefined;
/** Counts searches, so an answer that arrives after a newer search began is dropped. */
let searchSeq = 0;
let lastQuery = '';
let results: OccupationHit[] = [];
let noMatch = false;
let picked: OccupationSkills | undefined;
/** The title the page filled in, in both languages: replaced on a new pick, never the employer's own. */
let filledTitles: string[] = [];

const labelOf = (concept: { label: Partial<Record<'nl' | 'en', string>>; uri: string }): string =>
  concept.label[pageLang()] ?? concept.label.nl ?? concept.label.en ?? concept.uri;

async function search(): Promise<void> {
  const q = input('occupation-search').value.trim();
  const seq = ++searchSeq;
  if (q.length < 2) {
    [results, noMatch] = [[], false];
    renderResults();
    return;
  }
  try {
    const found = await findOccupations(q, pageLang());
    if (seq !== searchSeq) return;
    [lastQuery, results, noMatch] = [q, found.occupations, found.outcome === 'no-match'];
  } catch (error) {
    if (seq !== searchSeq) return;
    [results, noMatch] = [[], false];
    $('occupation-search-status').textContent = error instanceof Error ? error.message : String(error);
    $('occupation-results').replaceChildren();
    return;
  }
  renderResults();
}

function renderResults(): void {
  $('occupation-search-status').textContent = noMatch ? fill('noOccupationMatch', { query: lastQuery }) : '';
  $('occupation-results').replaceChildren(
    ...results.map((occupation) => {
      const label = labelOf(occupation);
      return el(
        'li',
        { 'data-uri': occupation.uri },
        el(
          'span',
          {},
          label,
          ' ',
          el(
            'span',
            { class: 'muted' },
            fill('occupationCounts', {
              essential: String(occupation.essentialCount),
              optional: String(occupation.optionalCount),
            }),
          ),
        ),
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': fill('chooseOccupation', { occupation: label }),
            onclick: () => void pick(occupation),
          },
          t('choose'),
        ),
      );
    }),
  );
}

async function pick(occupation: OccupationHit): Promise<void> {
  let skills: OccupationSkills;
  try {
    skills = await occupationSkills(occupation.uri);
  } catch (error) {
    $('occupation-search-status').textContent = error instanceof Error ? error.message : String(error);
    return;
  }
  picked = skills;
  // The vacancy's name defaults to the occupation, unless the employer already typed one.
  const title = input('request-title');
  if (title.value.trim() === '' || filledTitles.includes(title.value)) {
    title.value = labelOf(skills.occupation);
    filledTitles = Object.values(skills.occupation.label);
  }
  // A second pick replaces the first occupation's skills: a wrong pick costs one more pick, not
  // thirty "Remove" clicks. Skills the employer added one by one stay.
  removeOccupationSkills();
  addSkills(skills.essential, { required: true, fromOccupation: true });
  [results, noMatch] = [[], false];
  input('occupation-search').value = '';
  renderResults();
  renderOccupation();
}

/**
 * The picked occupation and its optional skills. ESCO v1.2 lists up to 318 optional skills for an
 * occupation, 17 or more for half of them ("may have", often for a specialism): all of them as
 * optional would bury the essential ones and ask the candidate's wallet for much that does not
 * matter for this vacancy. So they wait in a collapsed list, each one added as optional with one
 * click, and leave the list once added.
 */
export function renderOccupation(): void {
  const summary = $('occupation-picked');
  const optional = $('occupation-optional');
  summary.hidden = picked === undefined;
  if (picked === undefined) {
    optional.hidden = true;
    return;
  }
  summary.textContent = fill('occupationPicked', {
    occupation: labelOf(picked.occupation),
    essential: String(picked.essential.length),
  });
  const open: SkillHit[] = picked.optional.filter((skill) => !isChosen(skill.uri));
  optional.hidden = open.length === 0;
  $('occupation-optional-summary').textContent = fill('optionalSkillsOf', {
    occupation: labelOf(picked.occupation),
    count: String(open.length),
  });
  $('occupation-optional-list').replaceChildren(
    ...open.map((skill) =>
      skillOfferRow(skill, 'addAsOptional', 'addOptionalSkill', () =>
        addSkills([skill], { required: false, fromOccupation: true }),
      ),
    ),
  );
}

/** Labels in the page's language after a switch. */
export function rerenderOccupation(): void {
  renderResults();
  renderOccupation();
}

/** Starts afresh after a request was made. */
export function clearOccupation(): void {
  [results, noMatch, picked, filledTitles] = [[], false, undefined, []];
  input('occupation-search').value = '';
  rerenderOccupation();
}

export function wireOccupationPicker(): void {
  input('occupation-search').addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void search(), 200);
  });
}
