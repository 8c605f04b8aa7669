import {
  isSkillCredential,
  preferredLabel,
  type SkillAlignment,
  type SkillTaxonomy,
} from '@skills-passport/core';
import { formatCalendarDate, lang, plural, t } from '../i18n.js';
import { subjectName } from '../receive/holder-name.js';
import type { StoredCredential } from '../store/db.js';
import { row } from './components.js';
import { levelName } from './credential-view.js';
import { h, uid } from './dom.js';

/** One received, verified credential as the learner checks it: title, issuer, name, skills, validity. */
function reviewCard(credential: StoredCredential, taxonomy: SkillTaxonomy): HTMLElement {
  const doc = credential.document;
  const titleId = uid('review');
  const skillName = (a: SkillAlignment): string => {
    const concept = taxonomy.get(a.targetUrl);
    return concept === undefined ? a.targetName : preferredLabel(concept, lang());
  };
  // A development plan has no skill results to list.
  const scales = isSkillCredential(doc) ? doc.credentialSubject.achievement.resultDescription : [];
  const skills = (isSkillCredential(doc) ? doc.credentialSubject.result : []).flatMap((r) =>
    'alignment' in r && r.alignment[0] !== undefined
      ? [
          h(
            'li',
            {},
            h('span', { class: 'skill' }, skillName(r.alignment[0])),
            ': ',
            h('span', { class: 'level' }, levelName(scales, r.resultDescription, r.achievedLevel)),
          ),
        ]
      : [],
  );
  const from = formatCalendarDate(doc.validFrom);
  const validity =
    doc.validUntil === undefined
      ? t('reviewValidFrom', { from })
      : t('reviewValidFromUntil', { from, until: formatCalendarDate(doc.validUntil) });
  return h(
    'section',
    { class: 'review', 'aria-labelledby': titleId },
    h('h3', { id: titleId }, doc.name),
    h(
      'dl',
      { class: 'claims' },
      row(t('reviewIssuer'), doc.issuer.name),
      row(t('reviewHolderName'), subjectName(credential) ?? t('reviewNoName')),
      row(t('reviewValidity'), validity),
      row(
        skills.length === 0 ? t('reviewNoSkills') : plural('skillCount', skills.length),
        skills.length === 0 ? undefined : h('ul', { class: 'review-skills' }, skills),
      ),
    ),
  );
}

/**
 * Shows the credentials the issuer handed over, after every check and before anything is stored
 * (a modal `<dialog>`): resolves true when the learner keeps them, false on "Do not keep" or
 * Escape. The dialog removes itself when answered.
 */
export function reviewInPage(
  parent: HTMLElement,
  credentials: readonly StoredCredential[],
  taxonomy: SkillTaxonomy,
): Promise<boolean> {
  return new Promise((resolve) => {
    const titleId = uid('dialog');
    const introId = uid('dialogtext');
    let answer = false;
    const dialog = h(
      'dialog',
      { 'aria-labelledby': titleId, 'aria-describedby': introId, class: 'confirm review-dialog' },
      h('h2', { id: titleId }, t('reviewTitle')),
      h('p', { id: introId }, t('reviewIntro')),
      credentials.map((c) => reviewCard(c, taxonomy)),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          {
            type: 'button',
            onclick: () => {
              answer = true;
              dialog.close();
            },
          },
          t('reviewKeep'),
        ),
        h(
          'button',
          { type: 'button', class: 'secondary', onclick: () => dialog.close() },
          t('reviewDecline'),
        ),
      ),
    );
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    parent.append(dialog);
    dialog.showModal();
  });
}
