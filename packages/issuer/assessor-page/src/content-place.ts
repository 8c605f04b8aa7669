// The credential content fields live once in the page and are shown where they are used: in the
// issue form for one learner, in the cohort form for a whole group. Moving the one set of fields
// (rather than keeping a second copy) keeps the skill search, outcomes and type switch working
// unchanged, and the cohort never takes content the assessor cannot see on its own tab.
import { $ } from './dom.js';

export type ContentPlace = 'issue' | 'cohort';

/** Moves the content fields into the issue form (before its submit button) or the cohort form. */
export function placeContent(place: ContentPlace): void {
  const content = $('credential-content');
  if (place === 'cohort') $('cohort-content-slot').append(content);
  else $('issue-submit').before(content);
}
