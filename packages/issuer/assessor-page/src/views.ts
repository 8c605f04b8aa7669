// The four views of the workspace (issue, list, cohort, outbox) and the tabs between them.
import { renderCohortCommon } from './cohort.js';
import { placeContent } from './content-place.js';
import { reloadList } from './credential-list.js';
import { $ } from './dom.js';
import { reloadIntakes } from './intake-view.js';
import { reloadOutbox } from './outbox.js';
import { showAdviser } from './adviser.js';
import { reloadCatalogue } from './catalogue-view.js';

export type View = 'issue' | 'list' | 'cohort' | 'outbox' | 'intakes' | 'catalogue' | 'adviser';
const VIEWS: readonly View[] = ['issue', 'list', 'cohort', 'outbox', 'intakes', 'catalogue', 'adviser'];

const isView = (value: string | undefined): value is View => VIEWS.includes(value as View);

export function showView(view: View): void {
  for (const name of VIEWS) $(`view-${name}`).hidden = name !== view;
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
    if (tab.dataset.view === view) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  if (view === 'issue' || view === 'cohort') placeContent(view);
  if (view === 'list') reloadList();
  if (view === 'cohort') renderCohortCommon();
  if (view === 'outbox') reloadOutbox();
  if (view === 'catalogue') reloadCatalogue();
  if (view === 'intakes') reloadIntakes();
  if (view === 'adviser') showAdviser();
  $(`${view}-title`).focus();
}

export function wireTabs(): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
    tab.addEventListener('click', () => {
      if (isView(tab.dataset.view)) showView(tab.dataset.view);
    });
  }
}
