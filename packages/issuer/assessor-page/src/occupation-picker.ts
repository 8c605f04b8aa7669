// Starting from an ESCO occupation: search it by Dutch or English label (in the page's language),
// pick it, and the skills ESCO lists as essential for it become the credential's skills, each with
// the usual level (and outcome) and each removable. Its optional skills wait in a collapsed list the
// assessor adds from one by one: ESCO lists up to 318 of them for an occupation, most of them for
// one specialism or another, and an assessor assesses what the learner showed, not all of them.
import { occupationSearch, type OccupationSearch } from '@skills-passport/page-kit/occupation-search';
import { findOccupations, guarded, occupationSkills } from './api.js';
import type { OccupationHit, OccupationSkills, OccupationView, SkillConceptView } from './api-types.js';
import { onSkillsRendered, renderSkills } from './chosen-skills.js';
import { credentialLang } from './credential-kind.js';
import { $, announce, el, input, rowButton, select } from './dom.js';
import { pageLang, t } from './locale.js';
import { addSkill, chosenSkills, removeSkill } from './selection.js';

let search: OccupationSearch | undefined;
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

async function pick(occupation: OccupationHit): Promise<void> {
  const reply = await occupationSkills(occupation.uri);
  if (!reply.ok) {
    search?.fail(reply.issues[0]?.message ?? t('networkError'));
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
        rowButton(t('add'), t('addOptionalSkill', { label }), () => addOptional(skill)),
      );
    }),
  );
}

/** Forgets the occupation (on sign-out). */
export function resetOccupation(): void {
  picked = undefined;
  addedByPick = new Set();
  search?.clear();
  renderOccupation();
}

/** Finds occupations, a failure thrown with the words the page shows. */
async function find(query: string): Promise<{ outcome: string; occupations: OccupationHit[] }> {
  const reply = await findOccupations(query, pageLang());
  if (!reply.ok) throw new Error(reply.issues[0]?.message ?? t('networkError'));
  return reply.value;
}

export function wireOccupationPicker(): void {
  search = occupationSearch<OccupationHit>({
    box: input('occupation-search'),
    status: $('occupation-search-status'),
    list: $('occupation-results'),
    find,
    onPick: (hit) => void guarded(() => pick(hit), announce),
    delayMs: 250,
    words: {
      label: pageLabel,
      noMatch: (query) => t('occupationNoMatch', { query }),
      counts: (hit) => t('occupationCounts', { essential: hit.essentialCount, optional: hit.optionalCount }),
      choose: () => t('choose'),
      chooseNamed: (occupation) => t('chooseOccupation', { occupation }),
    },
    classes: { label: 'name', counts: 'hint' },
  });
  onSkillsRendered(renderOccupation);
  // Occupations in the page's language, skills in the credential's (after the page has switched).
  for (const id of ['lang', 'cred-lang']) {
    select(id).addEventListener('change', () => {
      search?.render();
      renderOccupation();
    });
  }
}
