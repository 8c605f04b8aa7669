// One issued credential in the list: what became of its offer, and the actions its status allows —
// show the open offer, offer it again, suspend, reinstate, revoke (with a reason and an explicit
// confirmation).
import { changeStatus, guarded, revokeCredential } from './api.js';
import type { CredentialView } from './api-types.js';
import { announce, domId, el } from './dom.js';
import { canOfferAgain, handoverOf, needsOfferAgain, type Handover } from './handover.js';
import { formatDate, t } from './locale.js';
import { newOfferPanel, offerAgainForm } from './offer-again.js';
import { offerBox } from './offer-box.js';
import { offerMailLine } from './offer-mail.js';

type DoneKey = 'suspendedDone' | 'unsuspendedDone' | 'revokedDone' | 'offeredAgain';
type Replace = (view: CredentialView, messageKey: DoneKey) => void;

const alert = (message: string) => el('p', { class: 'error', role: 'alert' }, message);

function offerToggle(details: HTMLElement, item: CredentialView): HTMLButtonElement {
  const toggle = el(
    'button',
    { type: 'button', class: 'secondary', 'aria-expanded': 'false' },
    t('showOffer'),
  );
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') === 'true';
    toggle.setAttribute('aria-expanded', open ? 'false' : 'true');
    toggle.textContent = open ? t('showOffer') : t('hideOffer');
    details.replaceChildren(...(open ? [] : [offerBox(item).box]));
  });
  return toggle;
}

/** What became of the offer: the line "Offer: …", the forms the wallet took, and what to do next. */
function handoverBlock(item: CredentialView, handover: Handover): HTMLElement {
  const date = item.offer === null ? '' : formatDate(item.offer.expiresAt);
  return el(
    'div',
    { class: `handover handover-${handover.kind}` },
    el('p', { class: 'handover-summary' }, t(handover.summary, { date })),
    handover.formats === null ? null : el('p', { class: 'meta' }, t(handover.formats)),
    handover.next.map((key) => el('p', { class: 'next' }, t(key))),
  );
}

/** The revocation step: a reason, a warning, and an explicit confirmation. */
function revokeForm(details: HTMLElement, item: CredentialView, replace: Replace): void {
  const id = domId('reason', item.id);
  const reason = el('textarea', { id, rows: '2' });
  const error = el('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const showError = (message: string) => {
    error.textContent = message;
    error.hidden = false;
  };
  const form = el(
    'form',
    { class: 'revoke', novalidate: true },
    el('p', { class: 'warning' }, t('revokeWarning')),
    el('div', { class: 'field' }, el('label', { for: id }, t('revokeReason')), reason, error),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'danger' }, t('revokeConfirm')),
      el(
        'button',
        { type: 'button', class: 'secondary', onclick: () => details.replaceChildren() },
        t('cancel'),
      ),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (reason.value.trim() === '') {
      showError(t('reasonRequired'));
      reason.setAttribute('aria-invalid', 'true');
      reason.setAttribute('aria-describedby', error.id);
      reason.focus();
      return;
    }
    void guarded(async () => {
      const reply = await revokeCredential(item.id, reason.value.trim());
      if (reply.ok) replace(reply.value, 'revokedDone');
      else showError(reply.issues.map((i) => i.message).join(' '));
    }, showError);
  });
  details.replaceChildren(form);
  reason.focus();
}

/** The card of one credential; `onUpdated` hears of a new status (the card redraws itself). */
export function credentialCard(
  item: CredentialView,
  onUpdated: (view: CredentialView) => void,
): HTMLLIElement {
  const details = el('div', { class: 'details' });
  const actions = el('div', { class: 'actions' });
  const handover = handoverOf(item);
  const redraw = (view: CredentialView): HTMLLIElement => {
    const fresh = credentialCard(view, onUpdated);
    li.replaceWith(fresh);
    return fresh;
  };
  const newOffer = newOfferPanel(item, () => redraw(item).querySelector('h3')?.focus());
  const li = el(
    'li',
    { class: 'card', 'data-id': item.id },
    el('h3', { id: domId('cred', item.id), tabindex: '-1' }, item.learner.name),
    item.learner.contact === null ? null : el('p', { class: 'contact' }, item.learner.contact),
    el('p', {}, el('strong', {}, item.title), ` — ${t(`type.${item.type}`)}`),
    el('p', {}, el('span', { class: `status status-${item.status}` }, t(`status.${item.status}`))),
    el('p', { class: 'meta' }, t('createdOn', { date: formatDate(item.createdAt) })),
    item.revokedAt === null
      ? null
      : el(
          'p',
          { class: 'meta' },
          t('revokedOn', { date: formatDate(item.revokedAt), reason: item.revocationReason ?? '' }),
        ),
    item.status === 'suspended' && item.suspendedAt !== null
      ? el('p', { class: 'meta' }, t('suspendedOn', { date: formatDate(item.suspendedAt) }))
      : null,
    handover === null ? null : handoverBlock(item, handover),
    offerMailLine(item, (view) => {
      onUpdated(view);
      redraw(view).querySelector('h3')?.focus();
    }),
    newOffer,
    actions,
    details,
  );
  const replace: Replace = (view, messageKey) => {
    onUpdated(view);
    const fresh = redraw(view);
    announce(t(messageKey, { name: view.learner.name }));
    const target = messageKey === 'offeredAgain' ? fresh.querySelector<HTMLElement>('.new-offer h4') : null;
    (target ?? fresh.querySelector('h3'))?.focus();
  };
  const statusButton = (change: 'suspend' | 'unsuspend', done: DoneKey) =>
    el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () =>
          void guarded(
            async () => {
              const reply = await changeStatus(item.id, change);
              if (reply.ok) replace(reply.value, done);
              else details.replaceChildren(alert(reply.issues.map((i) => i.message).join(' ')));
            },
            (message) => details.replaceChildren(alert(message)),
          ),
      },
      t(change),
    );

  if (newOffer === null && item.offer?.state === 'open' && item.status !== 'revoked')
    actions.append(offerToggle(details, item));
  if (canOfferAgain(item)) {
    const again: HTMLButtonElement = el(
      'button',
      {
        type: 'button',
        class: needsOfferAgain(handover) ? false : 'secondary',
        onclick: () => offerAgainForm(details, item, again, (view) => replace(view, 'offeredAgain')),
      },
      t('offerAgain'),
    );
    actions.append(again);
  }
  if (item.status === 'issued') actions.append(statusButton('suspend', 'suspendedDone'));
  if (item.status === 'suspended') actions.append(statusButton('unsuspend', 'unsuspendedDone'));
  if (item.status !== 'revoked') {
    actions.append(
      el(
        'button',
        { type: 'button', class: 'danger', onclick: () => revokeForm(details, item, replace) },
        t('revoke'),
      ),
    );
  }
  return li;
}
