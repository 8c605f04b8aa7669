// Offering a credential again (POST /api/credentials/:id/offer): a short confirmation that says what
// it does, then the new offer on the card — QR code, link, and the PIN, which the page holds only
// until the assessor closes the panel or signs out, as it does after issuing.
import { guarded, offerAgain } from './api.js';
import type { CredentialView, Issued } from './api-types.js';
import { domId, el } from './dom.js';
import { formatDate, t } from './locale.js';
import { copyLink, offerBox } from './offer-box.js';

/** New offers made on this page, by credential id: the link they were made for and their PIN. */
const newOffers = new Map<string, { uri: string; txCode: string | undefined }>();

/** Forgets every new offer and its PIN (on sign-out). */
export function forgetNewOffers(): void {
  newOffers.clear();
}

/**
 * The new offer made for `item` on this page, while it is still the credential's open offer and
 * the assessor has not closed it; else `undefined`.
 */
function newOfferOf(item: CredentialView): { uri: string; txCode: string | undefined } | undefined {
  const made = newOffers.get(item.id);
  if (made === undefined) return undefined;
  if (item.status !== 'revoked' && item.offer?.state === 'open' && item.offer.uri === made.uri) return made;
  newOffers.delete(item.id);
  return undefined;
}

/**
 * The panel of a new offer made on this page, or `null` when there is none to show. `onClose`
 * redraws the card without it.
 */
export function newOfferPanel(item: CredentialView, onClose: () => void): HTMLElement | null {
  const made = newOfferOf(item);
  if (made === undefined || item.offer === null) return null;
  const titleId = domId('new-offer', item.id);
  const copy = el('button', { type: 'button', class: 'secondary' }, t('copy'));
  const pin =
    made.txCode === undefined
      ? null
      : el(
          'div',
          {},
          el('p', {}, t('pinIs'), ' ', el('strong', { class: 'pin' }, made.txCode)),
          el('p', { class: 'hint' }, t('pinHint')),
        );
  const { box, link } = offerBox(item, [
    copy,
    el('p', {}, t('offerExpires', { date: formatDate(item.offer.expiresAt) })),
    pin,
  ]);
  copy.addEventListener('click', () => void copyLink(link));
  return el(
    'section',
    { class: 'new-offer', 'aria-labelledby': titleId },
    el('h4', { id: titleId, tabindex: '-1' }, t('newOfferTitle', { name: item.learner.name })),
    el('p', {}, t('offerIntro')),
    box,
    el(
      'button',
      {
        type: 'button',
        class: 'secondary',
        onclick: () => {
          newOffers.delete(item.id);
          onClose();
        },
      },
      t('newOfferDone'),
    ),
  );
}

/**
 * The confirmation in `details`: what offering again does, whether to protect it with a PIN (as
 * the last offer was, unless changed), and the buttons. `onOffered` gets the credential with its
 * new offer; the panel then shows it. `opener` gets the focus back on cancel.
 */
export function offerAgainForm(
  details: HTMLElement,
  item: CredentialView,
  opener: HTMLButtonElement,
  onOffered: (view: CredentialView) => void,
): void {
  const titleId = domId('again', item.id);
  const pinId = domId('again-pin', item.id);
  const pin = el('input', { id: pinId, type: 'checkbox', checked: item.offer?.txCodeRequired === true });
  const error = el('p', { class: 'error', role: 'alert', hidden: true });
  const submit = el('button', { type: 'submit' }, t('offerAgainConfirm'));
  const heading = el(
    'h4',
    { id: titleId, tabindex: '-1' },
    t('offerAgainTitle', { name: item.learner.name }),
  );
  const form = el(
    'form',
    {
      class: 'offer-again',
      novalidate: true,
      'aria-labelledby': titleId,
      'aria-describedby': `${titleId}-explain`,
    },
    heading,
    el('p', { id: `${titleId}-explain` }, t('offerAgainExplain')),
    el('p', { class: 'hint' }, t('offerAgainWhen')),
    el('div', { class: 'field check' }, pin, el('label', { for: pinId }, t('offerAgainPin'))),
    error,
    el(
      'div',
      { class: 'actions' },
      submit,
      el(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            details.replaceChildren();
            opener.focus();
          },
        },
        t('cancel'),
      ),
    ),
  );
  const showError = (message: string) => {
    error.textContent = message;
    error.hidden = false;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    submit.textContent = t('offeringAgain');
    error.hidden = true;
    void guarded(async () => {
      const reply = await offerAgain(item.id, pin.checked);
      if (reply.ok) {
        remember(reply.value);
        onOffered(reply.value.credential);
        return;
      }
      showError(reply.status === 409 ? t('offerAgainRevoked') : reply.issues.map((i) => i.message).join(' '));
    }, showError).finally(() => {
      submit.disabled = false;
      submit.textContent = t('offerAgainConfirm');
    });
  });
  details.replaceChildren(form);
  heading.focus();
}

function remember({ credential, txCode }: Issued): void {
  if (credential.offer !== null) newOffers.set(credential.id, { uri: credential.offer.uri, txCode });
}
