// The list of issued credentials: filters, paging, and the cohort it is narrowed to.
import { guarded, listCredentials, signedInKey } from './api.js';
import type { CredentialView } from './api-types.js';
import { credentialCard } from './credential-card.js';
import { $, el, input, select } from './dom.js';
import { t } from './locale.js';
import { forgetNewOffers } from './offer-again.js';

const list = {
  items: [] as CredentialView[],
  cursor: null as string | null,
  batch: null as string | null,
};

/** Forgets the list and the new offers made on it (on sign-out). */
export function resetList(): void {
  forgetNewOffers();
  list.items = [];
  list.cursor = null;
  list.batch = null;
}

/** Narrows the list to one cohort, with the other filters cleared. */
export function filterByBatch(batchId: string): void {
  list.batch = batchId;
  input('filter-learner').value = '';
  select('filter-type').value = '';
  select('filter-status').value = '';
}

export function showListError(message: string): void {
  $('list-message').textContent = message;
}

/** Loads the first page (`reset`) or the next one. */
export async function loadList(reset: boolean): Promise<void> {
  if (signedInKey() === null) return;
  const params = new URLSearchParams();
  const learner = input('filter-learner').value.trim();
  if (learner !== '') params.set('learner', learner);
  if (select('filter-type').value !== '') params.set('type', select('filter-type').value);
  if (select('filter-status').value !== '') params.set('status', select('filter-status').value);
  if (list.batch !== null) params.set('batch', list.batch);
  if (!reset && list.cursor !== null) params.set('cursor', list.cursor);
  params.set('limit', '25');
  $('list-message').textContent = t('loading');
  const reply = await listCredentials(params);
  if (!reply.ok) {
    showListError(reply.issues.map((i) => i.message).join(' '));
    return;
  }
  list.items = reset ? reply.value.items : [...list.items, ...reply.value.items];
  list.cursor = reply.value.nextCursor;
  renderList();
}

/** Loads the first page, showing a lost connection in the list's message. */
export function reloadList(): void {
  void guarded(() => loadList(true), showListError);
}

function updated(view: CredentialView): void {
  const index = list.items.findIndex((c) => c.id === view.id);
  if (index >= 0) list.items[index] = view;
}

export function renderList(): void {
  $('credential-list').replaceChildren(...list.items.map((item) => credentialCard(item, updated)));
  $('list-more').hidden = list.cursor === null;
  $('list-message').textContent =
    signedInKey() === null
      ? ''
      : list.items.length === 0
        ? t('noResults')
        : t('resultsCount', { n: list.items.length });
  const batchNote = $('list-batch');
  batchNote.hidden = list.batch === null;
  batchNote.replaceChildren();
  if (list.batch !== null) {
    batchNote.append(
      `${t('navCohort')}: ${list.batch} `,
      el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            list.batch = null;
            reloadList();
          },
        },
        `${t('all')} ✕`,
      ),
    );
  }
}

export function wireList(): void {
  $('list-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    reloadList();
  });
  for (const id of ['filter-type', 'filter-status']) select(id).addEventListener('change', reloadList);
  $('list-more').addEventListener('click', () => void guarded(() => loadList(false), showListError));
}
