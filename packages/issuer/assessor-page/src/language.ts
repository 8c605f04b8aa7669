// Shows the whole page in the chosen language.
import { renderSkills } from './chosen-skills.js';
import { renderCohortCommon, rerenderBatch } from './cohort.js';
import { renderTypeOptions } from './credential-kind.js';
import { renderCatalogue } from './catalogue-view.js';
import { renderList } from './credential-list.js';
import { select } from './dom.js';
import { reshowErrors } from './field-errors.js';
import { renderIntakes } from './intake-view.js';
import { showType } from './issue-form.js';
import { pageLang, setPageLang, t, text } from './locale.js';
import { renderOutbox } from './outbox.js';
import { renderWho } from './session.js';
import { fillStaticOptions } from './static-options.js';

export function applyText(): void {
  const lang = pageLang();
  document.documentElement.lang = lang;
  document.title = t('pageTitle');
  select('lang').value = lang;
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const key = node.dataset.i18n;
    if (key !== undefined) node.textContent = text(key);
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-i18n-aria-label]')) {
    const key = node.dataset.i18nAriaLabel;
    if (key !== undefined) node.setAttribute('aria-label', text(key));
  }
  fillStaticOptions();
  renderWho();
  renderTypeOptions();
  renderSkills();
  renderCohortCommon();
  renderList();
  rerenderBatch();
  renderOutbox();
  renderCatalogue();
  renderIntakes();
}

export function wireLanguage(): void {
  select('lang').addEventListener('change', () => {
    setPageLang(select('lang').value === 'en' ? 'en' : 'nl');
    applyText();
    showType();
    reshowErrors();
  });
}
