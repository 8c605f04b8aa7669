import { WalletError } from '../errors.js';
import { formatDate, plural, t } from '../i18n.js';
import {
  publications,
  publicationService,
  publish,
  setPublicationService,
  withdraw,
  type Publication,
} from '../publish/publication.js';
import { credentialChoice } from './choose-credentials.js';
import { errorBox, successBox } from './components.js';
import { confirmInPage } from './confirm-dialog.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';
import { qrImage } from './qr-code.js';

/** A published link: the link itself, its QR code and a copy button. */
export function linkBlock(url: string): HTMLElement {
  const copied = h('span', { role: 'status', class: 'copied' });
  const labelId = uid('link');
  return h(
    'div',
    { class: 'published-link' },
    h('p', { id: labelId, class: 'label' }, t('publishedLinkLabel')),
    h(
      'p',
      {},
      h('a', { href: url, 'aria-describedby': labelId, 'data-testid': 'published-url', class: 'url' }, url),
    ),
    qrImage(url),
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: () => {
            void navigator.clipboard?.writeText(url).then(() => {
              copied.textContent = t('copied');
            });
          },
        },
        t('copyLink'),
      ),
      ' ',
      copied,
    ),
  );
}

/** The links this wallet published, each withdrawable (asked first). */
function publishedList(ctx: WalletContext, list: HTMLElement, out: HTMLElement): void {
  void publications(ctx.db).then((all) => {
    if (all.length === 0) {
      replaceChildren(list, h('p', { 'data-testid': 'published-none' }, t('publishedNone')));
      return;
    }
    replaceChildren(
      list,
      h(
        'ul',
        { class: 'published' },
        all.map((p) => publishedItem(ctx, p, list, out)),
      ),
    );
  });
}

function publishedItem(ctx: WalletContext, p: Publication, list: HTMLElement, out: HTMLElement): HTMLElement {
  const item: HTMLElement = h(
    'li',
    { 'data-publication-id': p.id },
    h('p', {}, h('a', { href: p.url, class: 'url' }, p.url)),
    h(
      'p',
      { class: 'help' },
      t('publishedItem', { date: formatDate(p.createdAt), until: formatDate(p.expiresAt) }),
    ),
    h(
      'p',
      {},
      plural('publishedCredentials', p.credentials.length, {
        names: p.credentials.map((c) => c.name).join(', '),
      }),
    ),
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'danger',
          onclick: (event: Event) => {
            const button = event.currentTarget as HTMLButtonElement;
            void confirmInPage(item, {
              title: t('withdrawConfirmTitle'),
              body: t('withdrawConfirmText'),
              confirm: t('withdrawConfirm'),
            }).then(async (yes) => {
              if (!yes) return;
              button.disabled = true;
              try {
                await withdraw(ctx.db, p);
                replaceChildren(out, successBox(h('p', { 'data-testid': 'withdrawn' }, t('withdrawn'))));
              } catch (error) {
                replaceChildren(out, errorBox(error));
              } finally {
                button.disabled = false;
                publishedList(ctx, list, out);
                out.querySelector<HTMLElement>('p')?.setAttribute('tabindex', '-1');
                out.querySelector<HTMLElement>('p')?.focus();
              }
            });
          },
        },
        t('withdraw'),
      ),
    ),
  );
  return item;
}

/**
 * Publish: the learner chooses credentials, is told plainly who can see them, publishes them to
 * the publication service and gets the link with its QR code; below, every link published and not
 * withdrawn, each with its withdraw button.
 */
export async function publishView(ctx: WalletContext, main: HTMLElement): Promise<void> {
  const [credentials, service] = await Promise.all([ctx.db.passport(), publicationService(ctx.db)]);
  credentials.sort((a, b) => b.validFrom.localeCompare(a.validFrom));
  const choice = await credentialChoice(ctx, credentials, {
    legend: t('publishChoose'),
    notAllowed: t('publishNotAllowed'),
  });
  const serviceId = uid('service');
  const serviceHelp = uid('servicehelp');
  const serviceInput = h('input', {
    id: serviceId,
    type: 'url',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: false,
    value: service,
    'aria-describedby': serviceHelp,
  });
  const out = h('div', { class: 'outcome' });
  const listOut = h('div', { class: 'outcome' });
  const list = h('div', {});
  const send = h('button', { type: 'submit' }, t('publishButton'));
  const warningId = uid('warning');
  const form = h(
    'form',
    {
      class: 'publish-form',
      novalidate: true,
      'aria-describedby': warningId,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const chosen = choice.chosen();
        send.disabled = true;
        replaceChildren(out, h('p', { role: 'status' }, t('publishing')));
        (async () => {
          if (chosen.length === 0) throw new WalletError('ERR_NOTHING_SELECTED');
          const origin = await setPublicationService(ctx.db, serviceInput.value);
          serviceInput.value = origin;
          const full = (await ctx.db.credentialsById(chosen)).filter((c) => c !== undefined);
          return publish(ctx.db, origin, full);
        })()
          .then((publication) => {
            replaceChildren(
              out,
              successBox(
                h(
                  'p',
                  { 'data-testid': 'published' },
                  t('published', { date: formatDate(publication.expiresAt) }),
                ),
                linkBlock(publication.url),
              ),
            );
            publishedList(ctx, list, listOut);
          })
          .catch((error: unknown) => replaceChildren(out, errorBox(error)))
          .finally(() => {
            send.disabled = false;
            out.querySelector<HTMLElement>('p')?.setAttribute('tabindex', '-1');
            out.querySelector<HTMLElement>('p')?.focus();
          });
      },
    },
    h(
      'p',
      { id: warningId, class: 'message warning', 'data-testid': 'publish-warning' },
      t('publishWarning'),
    ),
    choice.element,
    h(
      'div',
      { class: 'field' },
      h('label', { for: serviceId }, t('publishServiceLabel')),
      serviceInput,
      h('p', { id: serviceHelp, class: 'help' }, t('publishServiceHelp')),
    ),
    h('div', { class: 'actions' }, send),
  );
  publishedList(ctx, list, listOut);
  replaceChildren(
    main,
    h('p', {}, h('a', { href: '#/passport', class: 'back' }, `← ${t('backToPassport')}`)),
    h('h1', { tabindex: -1 }, t('publishTitle')),
    h('p', {}, t('publishIntro')),
    form,
    out,
    h(
      'section',
      { 'aria-labelledby': 'published-title' },
      h('h2', { id: 'published-title' }, t('publishedTitle')),
      listOut,
      list,
    ),
  );
}
