// The adviser tab of the assessor page, for the staff of a learn-work desk (Leerwerkloket): ask
// the learner for the passport (an advice request, shown as link and QR code), read what was
// shared and the gap for an occupation chosen together, then compose and issue the development
// plan (adviser-plan.ts). The tab draws itself from the state (adviser-state.ts) in the page's
// language and draws again when the language changes.
import { occupationSearch, type OccupationSearch } from '@skills-passport/page-kit/occupation-search';
import QRCode from 'qrcode';
import { account } from './account.js';
import { findOccupations, guarded } from './api.js';
import type { OccupationHit } from './api-types.js';
import {
  allModules,
  askForPassport,
  getIntake,
  intakeGap,
  listIntakes,
  type IntakeSummary,
} from './adviser-api.js';
import { renderPlan, resetPlan } from './adviser-plan.js';
import { renderGap, renderShared } from './adviser-shared.js';
import { resetAdviserState, state } from './adviser-state.js';
import { w, type AdviserWord } from './adviser-words.js';
import { $, announce, el, rowButton, select } from './dom.js';
import { formatDate, pageLang } from './locale.js';
import { copyLink } from './offer-box.js';

/** How often the tab asks whether the learner answered, while a request waits and the tab shows. */
const POLL_MS = 3000;

let search: OccupationSearch | undefined;
let requests: IntakeSummary[] = [];
let poll: ReturnType<typeof setTimeout> | undefined;
/** Texts of the fixed parts: drawn again on a language switch. */
const labelled: [HTMLElement, AdviserWord][] = [];

const area = (id: string): HTMLElement => $(id);

/** True when the signed-in organisation is a learn-work desk (the tab is theirs alone). */
export function isAdviser(): boolean {
  return account()?.organisation.kind === 'learn-work-desk';
}

function text<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  key: AdviserWord,
  attrs: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = el(tag, attrs, w(key));
  labelled.push([node, key]);
  return node;
}

function renderRequests(): void {
  const list = area('adviser-requests');
  const advice = requests.filter((r) => r.purpose === 'advice');
  list.replaceChildren(
    advice.length === 0
      ? el('p', { class: 'hint' }, w('noRequests'))
      : el(
          'ul',
          { class: 'results' },
          ...advice.map((r) => {
            const name = r.learnerName ?? w('unknownLearner');
            return el(
              'li',
              { 'data-intake': r.id },
              el('span', { class: 'name' }, r.status === 'received' ? name : formatDate(r.createdAt)),
              el('span', { class: `hint intake-${r.status}` }, w(`status.${r.status}`)),
              r.status === 'received'
                ? rowButton(
                    w('open'),
                    w('openNamed', { name }),
                    () => void guarded(() => openIntake(r.id), announce),
                  )
                : null,
            );
          }),
        ),
  );
}

function renderWaiting(): void {
  const box = area('adviser-waiting');
  const waiting = state.waiting;
  if (waiting === null) {
    box.replaceChildren();
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const img = el('img', { alt: w('requestQrAlt'), width: '200', height: '200' });
  void QRCode.toDataURL(waiting.requestLink, { margin: 2, width: 400 }).then((url) => (img.src = url));
  const link = el('input', { id: 'adviser-request-link', class: 'link', readonly: true });
  link.value = waiting.requestLink;
  box.replaceChildren(
    el('p', { id: 'adviser-request-ready', tabindex: '-1' }, w('requestReady')),
    el(
      'div',
      { class: 'offer' },
      img,
      el(
        'div',
        {},
        el('label', { for: 'adviser-request-link' }, w('requestLink')),
        link,
        el(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => void copyLink(link),
          },
          w('copy'),
        ),
        el('p', { class: 'hint' }, w('expires', { time: formatDate(waiting.expiresAt) })),
      ),
    ),
    el('p', { role: 'status', class: 'hint' }, w('waiting')),
    el(
      'button',
      { type: 'button', class: 'secondary', onclick: () => void guarded(checkForAnswer, announce) },
      w('checkAgain'),
    ),
  );
}

/** Draws every part of the tab from the state. */
function render(): void {
  for (const [node, key] of labelled) node.textContent = w(key);
  renderWaiting();
  renderRequests();
  renderShared(area('adviser-shared'));
  area('adviser-gap-area').hidden = state.intake === null;
  renderGap(area('adviser-gap-result'));
  renderPlan(area('adviser-plan'), render);
  search?.render();
}

async function reloadRequests(): Promise<void> {
  const reply = await listIntakes();
  if (reply.ok) requests = reply.value.items;
  renderRequests();
}

/** Opens an answered request: what was shared, and the plan's learner name from it. */
async function openIntake(id: string): Promise<void> {
  const reply = await getIntake(id);
  if (!reply.ok) {
    announce(reply.issues[0]?.message ?? w('networkError'));
    return;
  }
  state.intake = reply.value;
  state.gap = null;
  state.chosen = [];
  state.learnerName = reply.value.learnerName ?? '';
  if (state.waiting?.id === id) state.waiting = null;
  resetPlan();
  render();
  $('adviser-shared-title').focus();
  if (state.modules === null)
    void guarded(async () => {
      state.modules = await allModules();
      render();
    }, announce);
}

async function checkForAnswer(): Promise<void> {
  const waiting = state.waiting;
  if (waiting === null) return;
  await reloadRequests();
  const answered = requests.find((r) => r.id === waiting.id && r.status === 'received');
  if (answered !== undefined) await openIntake(answered.id);
}

function schedulePoll(): void {
  clearTimeout(poll);
  poll = setTimeout(() => {
    if (state.waiting === null || $('view-adviser').hidden) return;
    void guarded(checkForAnswer, () => undefined).finally(schedulePoll);
  }, POLL_MS);
}

async function ask(): Promise<void> {
  const purpose = (document.getElementById('adviser-purpose') as HTMLTextAreaElement).value.trim();
  announce(w('asking'));
  const reply = await askForPassport(purpose === '' ? w('purposeDefault') : purpose);
  if (!reply.ok) {
    announce(reply.issues[0]?.message ?? w('networkError'));
    return;
  }
  state.waiting = reply.value;
  render();
  $('adviser-request-ready').focus();
  announce(w('requestReady'));
  void guarded(reloadRequests, () => undefined);
  schedulePoll();
}

async function pickOccupation(hit: OccupationHit): Promise<void> {
  const intake = state.intake;
  if (intake === null) return;
  const reply = await intakeGap(intake.id, hit.uri);
  if (!reply.ok) {
    search?.fail(reply.issues[0]?.message ?? w('networkError'));
    return;
  }
  state.gap = reply.value;
  resetPlan();
  render();
  $('adviser-gap-summary').focus();
  announce($('adviser-gap-summary').textContent ?? '');
}

/** Called when the tab is shown: the list of requests, fresh. */
export function showAdviser(): void {
  void guarded(reloadRequests, () => undefined);
  if (state.waiting !== null) schedulePoll();
}

/** Forgets everything the tab holds (on sign-out). */
export function resetAdviser(): void {
  clearTimeout(poll);
  resetAdviserState();
  resetPlan();
  requests = [];
  search?.clear();
  if (document.getElementById('adviser-waiting') !== null) render();
}

/** Builds the tab's fixed parts into `#view-adviser` and wires them. */
export function wireAdviser(): void {
  const view = $('view-adviser');
  const purpose = el('textarea', {
    id: 'adviser-purpose',
    rows: '2',
    maxlength: '300',
    'aria-describedby': 'adviser-purpose-hint',
  });
  purpose.value = w('purposeDefault');
  const box = el('input', {
    id: 'adviser-occupation-search',
    type: 'search',
    autocomplete: 'off',
    'aria-describedby': 'adviser-occupation-hint adviser-occupation-status',
  });
  view.replaceChildren(
    text('h2', 'title', { id: 'adviser-title', tabindex: '-1' }),
    text('p', 'intro'),
    el(
      'section',
      { 'aria-labelledby': 'adviser-ask-title' },
      text('h3', 'askTitle', { id: 'adviser-ask-title' }),
      el(
        'form',
        {
          id: 'adviser-ask',
          novalidate: true,
          onsubmit: (event: Event) => {
            event.preventDefault();
            void guarded(ask, announce);
          },
        },
        el(
          'div',
          { class: 'field' },
          text('label', 'purpose', { for: 'adviser-purpose' }),
          purpose,
          text('p', 'purposeHint', { class: 'hint', id: 'adviser-purpose-hint' }),
        ),
        text('button', 'ask', { type: 'submit' }),
      ),
      el('div', { id: 'adviser-waiting', hidden: 'hidden' }),
      text('h4', 'requestsTitle'),
      el('div', { id: 'adviser-requests' }),
    ),
    el('section', { id: 'adviser-shared', 'aria-labelledby': 'adviser-shared-title', hidden: 'hidden' }),
    el(
      'section',
      { id: 'adviser-gap-area', 'aria-labelledby': 'adviser-gap-title', hidden: 'hidden' },
      text('h3', 'gapTitle', { id: 'adviser-gap-title' }),
      el(
        'div',
        { class: 'field' },
        text('label', 'occupation', { for: 'adviser-occupation-search' }),
        box,
        text('p', 'occupationHint', { class: 'hint', id: 'adviser-occupation-hint' }),
        el('p', { id: 'adviser-occupation-status', class: 'hint', role: 'status' }),
        el('ul', { id: 'adviser-occupation-results', class: 'results' }),
      ),
      el('div', { id: 'adviser-gap-result' }),
    ),
    el('section', { id: 'adviser-plan', 'aria-labelledby': 'adviser-plan-title', hidden: 'hidden' }),
  );
  search = occupationSearch<OccupationHit>({
    box,
    status: $('adviser-occupation-status'),
    list: $('adviser-occupation-results'),
    find: async (query) => {
      const reply = await findOccupations(query, pageLang());
      if (!reply.ok) throw new Error(reply.issues[0]?.message ?? w('networkError'));
      return reply.value;
    },
    onPick: (hit) => void guarded(() => pickOccupation(hit), announce),
    delayMs: 250,
    words: {
      label: (hit) => hit.label[pageLang()] ?? hit.label.nl ?? hit.label.en ?? hit.uri,
      noMatch: (query) => w('occupationNoMatch', { query }),
      counts: (hit) => w('occupationCounts', { essential: hit.essentialCount }),
      choose: () => w('choose'),
      chooseNamed: (occupation) => w('chooseOccupation', { occupation }),
    },
    classes: { label: 'name', counts: 'hint' },
  });
  // The page switches its language first (its listener was added before this one).
  select('lang').addEventListener('change', () => {
    if (purpose.value === w('purposeDefault') || purpose.defaultValue === purpose.value) {
      purpose.value = w('purposeDefault');
      purpose.defaultValue = purpose.value;
    }
    render();
  });
  purpose.defaultValue = purpose.value;
  render();
}

/**
 * Shows the adviser tab to learn-work desks only, and hides from them the tabs for issuing skill
 * credentials by hand or by the group: a desk issues plans, which the adviser tab composes.
 */
export function showAdviserTab(): void {
  const adviser = isAdviser();
  for (const tab of document.querySelectorAll<HTMLButtonElement>('#tabs button')) {
    if (tab.dataset.view === 'adviser') tab.hidden = !adviser;
    else if (tab.dataset.view === 'issue' || tab.dataset.view === 'cohort') tab.hidden = adviser;
  }
}
