// The offer e-mail of a credential, in an assessor's words: sent, opened, collected, or not sent
// and why — with "Send the e-mail again" when it failed and the offer is still open. No e-mail
// address, no line: the hand-over line above already says how to pass the offer on.
import { guarded, resendOfferMail } from './api.js';
import type { CredentialView } from './api-types.js';
import { announce, el } from './dom.js';
import { isTextKey } from './i18n.js';
import { formatDate, t } from './locale.js';

const REASONS = new Set([
  'smtp_refused',
  'smtp_unreachable',
  'smtp_auth',
  'outbox_write',
  'offer_closed',
  'send_failed',
]);

function reasonText(reason: string | null): string {
  const key = `mailReason.${reason !== null && REASONS.has(reason) ? reason : 'send_failed'}`;
  return isTextKey(key) ? t(key) : '';
}

/** The line on the offer e-mail, or null when there was none to send. */
export function offerMailLine(
  item: CredentialView,
  onUpdated: (view: CredentialView) => void,
): HTMLElement | null {
  const offer = item.offer;
  if (offer === null || offer.mail === null || item.status === 'revoked') return null;
  const line = (text: string) => el('p', { class: `mail mail-${offer.handover}` }, text);
  switch (offer.handover) {
    case 'claimed':
      return line(t('mail.claimed'));
    case 'opened':
      return line(t('mail.opened', { date: formatDate(offer.openedAt ?? offer.mail.at) }));
    case 'sent':
      return line(t('mail.sent', { date: formatDate(offer.mail.at) }));
    case 'sending':
      return line(t('mail.sending'));
    case 'failed': {
      const box = el(
        'div',
        { class: 'mail mail-failed' },
        el('p', {}, t('mail.failed', { reason: reasonText(offer.mail.reason) })),
      );
      if (offer.state !== 'open') return box;
      const error = el('p', { class: 'error', role: 'alert', hidden: true });
      const again = el('button', { type: 'button', class: 'secondary' }, t('mailAgain'));
      again.addEventListener('click', () => {
        again.disabled = true;
        void guarded(
          async () => {
            const reply = await resendOfferMail(item.id);
            if (reply.ok) {
              announce(t('mailAgainDone', { name: item.learner.name }));
              onUpdated(reply.value);
            } else {
              error.textContent = reply.issues.map((i) => i.message).join(' ');
              error.hidden = false;
              again.disabled = false;
            }
          },
          (message) => {
            error.textContent = message;
            error.hidden = false;
            again.disabled = false;
          },
        );
      });
      box.append(el('p', { class: 'actions' }, again), error);
      return box;
    }
    default:
      return null;
  }
}
