// The outbox view: where offer e-mails land when the issuer has no mail server (the demo, the
// embedded start) — each with its addressee, subject, time and the claim page the learner would
// open from it. Newest first; refreshed each time the view is shown.
import { guarded, listOutbox } from './api.js';
import type { OutboxView } from './api-types.js';
import { $, el } from './dom.js';
import { formatDate, t } from './locale.js';

let last: OutboxView | null = null;

/** Draws the outbox as it was last read (also after a change of language). */
export function renderOutbox(): void {
  const list = $('outbox-list');
  const message = $('outbox-message');
  if (last === null) {
    list.replaceChildren();
    return;
  }
  $('outbox-intro').textContent = last.enabled ? t('outboxIntro') : t('outboxOff');
  message.textContent = last.enabled && last.items.length === 0 ? t('outboxEmpty') : '';
  list.replaceChildren(
    ...last.items.map((mail) =>
      el(
        'li',
        { class: 'card outbox-mail' },
        el('h3', {}, mail.subject),
        el('p', { class: 'meta' }, t('outboxTo', { to: mail.to, date: formatDate(mail.at) })),
        el(
          'p',
          {},
          el('a', { href: mail.claimUrl, target: '_blank', rel: 'noreferrer noopener' }, t('outboxOpen')),
        ),
      ),
    ),
  );
}

/** Reads the outbox again and draws it. */
export function reloadOutbox(): void {
  void guarded(
    async () => {
      const reply = await listOutbox();
      if (reply.ok) last = reply.value;
      renderOutbox();
    },
    (message) => {
      $('outbox-message').textContent = message;
    },
  );
}

export function wireOutbox(): void {
  $('outbox-reload').addEventListener('click', () => reloadOutbox());
}
