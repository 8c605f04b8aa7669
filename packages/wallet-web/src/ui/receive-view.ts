import { HOLDER_NAME_SETTING, otherNames } from '../receive/holder-name.js';
import type { OfferPreview } from '../receive/issuance.js';
import type { StoredCredential } from '../store/db.js';
import { confirmInPage } from './confirm-dialog.js';
import { errorMessage, lang, plural, t } from '../i18n.js';
import { errorBox, successBox } from './components.js';
import type { WalletContext } from './context.js';
import { h, replaceChildren, uid } from './dom.js';
import { linkScreen } from './link-screen.js';
import { reviewInPage } from './offer-review.js';

/**
 * Whether to keep credentials made out to another name than the learner's own (asked once, on
 * the Wallet screen): a warning in the page before anything is stored. Another person's
 * credential in this wallet would prove nothing about its holder, and a verifier that compares
 * names would refuse it; a name spelled otherwise, or a former name, is the learner's call.
 */
async function nameAgrees(
  ctx: WalletContext,
  credentials: readonly StoredCredential[],
  parent: HTMLElement,
): Promise<boolean> {
  const holder = await ctx.db.setting(HOLDER_NAME_SETTING);
  const others = otherNames(holder, credentials);
  if (holder === undefined || others.length === 0) return true;
  return confirmInPage(parent, {
    title: t('nameWarningTitle'),
    body: t('nameWarningText', { names: others.map((n) => `“${n}”`).join(', '), holder }),
    confirm: t('nameWarningKeep'),
    cancel: t('nameWarningDecline'),
  });
}

function offerPanel(ctx: WalletContext, preview: OfferPreview, out: HTMLElement): HTMLElement {
  const pinId = uid('pin');
  const pinHelpId = uid('pinhelp');
  const pin =
    preview.txCode === undefined
      ? undefined
      : h('input', {
          id: pinId,
          type: 'password',
          inputmode: preview.txCode.inputMode === 'numeric' ? 'numeric' : 'text',
          autocomplete: 'one-time-code',
          'aria-describedby': pinHelpId,
          required: true,
          ...(preview.txCode.length === undefined ? {} : { maxlength: preview.txCode.length }),
        });
  const accept = h('button', { type: 'submit' }, t('accept'));
  const decline = h('button', { type: 'button', class: 'secondary' }, t('decline'));
  const panel = h(
    'form',
    { class: 'card offer', 'aria-labelledby': 'offer-title', novalidate: true },
    h('h2', { id: 'offer-title' }, t('offerFrom', { issuer: preview.issuerName })),
    h(
      'ul',
      { class: 'offered' },
      preview.credentials.map((c) =>
        h(
          'li',
          {},
          h('strong', {}, c.name),
          c.description === undefined ? '' : h('span', {}, ` — ${c.description}`),
        ),
      ),
    ),
    h('p', { class: 'help' }, `${t('offerIssuerAddress')}: `, h('code', {}, preview.credentialIssuer)),
    pin === undefined
      ? null
      : h(
          'div',
          { class: 'field' },
          h('label', { for: pinId }, t('pinLabel')),
          pin,
          h(
            'p',
            { id: pinHelpId, class: 'help' },
            preview.txCode?.description ??
              (preview.txCode?.length === undefined
                ? t('pinHelp')
                : plural('pinHelpLength', preview.txCode.length)),
          ),
        ),
    h('div', { class: 'actions' }, accept, decline),
  );
  // Declining while the credentials are on their way (fetched, being checked): nothing is stored,
  // and the issuer is told the learner did not keep them.
  let receiving = false;
  let declined = false;
  const showDeclined = (): void => replaceChildren(out, successBox(h('p', {}, t('declined'))));
  decline.addEventListener('click', () => {
    if (!receiving) {
      showDeclined();
      return;
    }
    declined = true;
    decline.disabled = true;
  });
  // The PIN is checked here, at its field, before anything is sent. The message is in the page
  // only while it holds (an empty alert would still be found by assistive tech and by tests).
  const pinError = h('p', { id: uid('pinerror'), class: 'field-error', role: 'alert' });
  const pinProblem = (): { text: string; code?: string } | undefined => {
    if (pin === undefined) return undefined;
    const value = pin.value.trim();
    if (value === '') return { text: errorMessage('ERR_PIN_REQUIRED'), code: 'ERR_PIN_REQUIRED' };
    const length = preview.txCode?.length;
    if (length !== undefined && value.length !== length) return { text: plural('pinWrongLength', length) };
    return undefined;
  };
  pin?.addEventListener('input', () => {
    if (!pinError.isConnected) return;
    pinError.remove();
    pin.removeAttribute('aria-invalid');
    pin.setAttribute('aria-describedby', pinHelpId);
  });
  panel.addEventListener('submit', (event) => {
    event.preventDefault();
    const problem = pinProblem();
    if (pin !== undefined && problem !== undefined) {
      pinError.textContent = problem.text;
      if (problem.code === undefined) delete pinError.dataset.code;
      else pinError.dataset.code = problem.code;
      pin.after(pinError);
      pin.setAttribute('aria-invalid', 'true');
      pin.setAttribute('aria-describedby', `${pinError.id} ${pinHelpId}`);
      pin.focus();
      return;
    }
    accept.disabled = true;
    receiving = true;
    declined = false;
    const status = h('p', { role: 'status' }, t('receiving'));
    panel.after(status);
    import('../receive/issuance.js')
      .then(({ acceptOffer }) =>
        acceptOffer(preview, ctx.keyring, ctx.db, {
          ...(pin === undefined ? {} : { txCode: pin.value }),
          declined: () => declined,
          // The learner sees what was verified (title, issuer, name, skills, validity) and keeps
          // it or not; then the name warning when it names someone else.
          beforeStore: async (credentials) =>
            (await reviewInPage(out, credentials, ctx.taxonomy)) && (await nameAgrees(ctx, credentials, out)),
        }),
      )
      .then((outcome) => {
        receiving = false;
        if ('declined' in outcome) {
          showDeclined();
          return;
        }
        const stored = outcome.stored;
        const first = stored[0];
        replaceChildren(
          out,
          successBox(
            ...stored.map((c) => h('p', {}, t('received', { name: c.document.name }))),
            first === undefined
              ? ''
              : h(
                  'p',
                  {},
                  h('a', { href: `#/credential/${encodeURIComponent(first.id)}` }, t('viewCredential')),
                ),
          ),
        );
        (out.querySelector('a') ?? out).focus();
      })
      .catch((error: unknown) => {
        receiving = false;
        status.remove();
        accept.disabled = false;
        decline.disabled = false;
        panel.after(errorBox(error));
      });
  });
  return panel;
}

/** Receive a credential: paste / scan an offer, see who offers what, accept with a PIN if asked. */
export function receiveView(ctx: WalletContext, main: HTMLElement, initialOffer?: string): void {
  linkScreen(main, {
    idPrefix: 'offer',
    title: 'receiveTitle',
    intro: 'receiveIntro',
    label: 'offerLinkLabel',
    submit: 'openOffer',
    initial: initialOffer,
    open: (link, out) => {
      replaceChildren(out, h('p', { role: 'status' }, t('loading')));
      import('../receive/issuance.js')
        .then(({ openOffer }) => openOffer(link, ctx.keyring, lang()))
        .then((preview) => {
          replaceChildren(out, offerPanel(ctx, preview, out));
          out.querySelector<HTMLElement>('h2')?.setAttribute('tabindex', '-1');
          out.querySelector<HTMLElement>('h2')?.focus();
        })
        .catch((error: unknown) => replaceChildren(out, errorBox(error)));
    },
  });
}
