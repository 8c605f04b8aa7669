// Starting a vacancy from an ESCO occupation: search it by Dutch or English label, pick it, and its
// essential skills become the request's required skills; its optional skills wait in a list the
// employer adds from. Everything stays editable in the chosen-skills list below.
import { occupationSearch, type OccupationSearch } from '@skills-passport/page-kit/occupation-search';
import { findOccupations, occupationSkills } from './api.js';
import type { OccupationHit, OccupationSkills, SkillHit } from './api-types.js';
import { $, input } from './dom.js';
import { fill, pageLang, t } from './locale.js';
import { addSkills, isChosen, removeOccupationSkills, skillOfferRow } from './skill-picker.js';

let search: OccupationSearch | undefined;
let picked: OccupationSkills | undefined;
/** The title the page filled in, in both languages: replaced on a new pick, never the employer's own. */
let filledTitles: string[] = [];

const labelOf = (concept: { label: Partial<Record<'nl' | 'en', string>>; uri: string }): string =>
  concept.label[pageLang()] ?? concept.label.nl ?? concept.label.en ?? concept.uri;

async function pick(occupation: OccupationHit): Promise<void> {
  let skills: OccupationSkills;
  try {
    skills = await occupationSkills(occupation.uri);
  } catch (error) {
    search?.fail(error instanceof Error ? error.message : String(error));
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
  search?.render();
  renderOccupation();
}

/** Starts afresh after a request was made. */
export function clearOccupation(): void {
  [picked, filledTitles] = [undefined, []];
  search?.clear();
  renderOccupation();
}

export function wireOccupationPicker(): void {
  search = occupationSearch<OccupationHit>({
    box: input('occupation-search'),
    status: $('occupation-search-status'),
    list: $('occupation-results'),
    find: (query) => findOccupations(query, pageLang()),
    onPick: (hit) => void pick(hit),
    delayMs: 200,
    words: {
      label: labelOf,
      noMatch: (query) => fill('noOccupationMatch', { query }),
      counts: (hit) =>
        fill('occupationCounts', {
          essential: String(hit.essentialCount),
          optional: String(hit.optionalCount),
        }),
      choose: () => t('choose'),
      chooseNamed: (occupation) => fill('chooseOccupation', { occupation }),
    },
    classes: { counts: 'muted' },
  });
}
