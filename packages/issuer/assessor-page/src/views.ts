// The four views of the workspace (issue, list, cohort, outbox) and the tabs between them.
import { renderCohortCommon } from './cohort.js';
import { placeContent } from './content-place.js';
import { reloadList } from './credential-list.js';
import { $ } from './dom.js';
import { reloadOutbox } from './outbox.js';

export type View = 'issue' | 'list' | 'cohort' | 'outbox';
const VIEWS: readonly View[] = ['issue', 'list', 'cohort', 'outbox'];

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
  $(`${view}-title`).focus();
}

export function wireTabs(): void {
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
    tab.addEventListener('click', () => {
      if (isView(tab.dataset.view)) showView(tab.dataset.view);
    });
  }
}
