import { assignEnvelopes, type Answer, type RequestPreview } from '../share/envelopes.js';
import { describeTypes } from '../share/describe.js';
import { WalletError } from '../errors.js';
import { errorMessage, formatCalendarDate, lang, t } from '../i18n.js';
import type { StoredCredential } from '../store/db.js';
import { errorBox, liveStatusBadge, statusOf, successBox, typeLabel } from './components.js';
import type { WalletContext } from './context.js';
import { disclosurePanel, type DisclosurePanel } from './disclosure-panel.js';
import { h, replaceChildren, uid } from './dom.js';
import { linkScreen } from './link-screen.js';
import { selfDeclaredChoice, sentSummary, type SharePreset } from './self-declared-view.js';

const NOT_SHAREABLE: ReadonlySet<string> = new Set(['revoked', 'suspended', 'unrecognised']);

/** Whether a credential's known status lets it prove anything (unknown counts as yes). */
function shareable(ctx: WalletContext, credential: StoredCredential): boolean {
  return !NOT_SHAREABLE.has(
    ctx.statuses.get(credential.id)?.state ?? credential.lastStatus?.state ?? 'unknown',
  );
}

/**
 * Which credentials to pre-select: every shareable candidate, as far as the request takes them (a
 * query without `multiple` takes one), in the order they are listed.
 */
function preselected(ctx: WalletContext, preview: RequestPreview, preset?: SharePreset): Set<string> {
  const chosen: StoredCredential[] = [];
  for (const { credential } of preview.candidates) {
    if (!shareable(ctx, credential)) continue;
    // Prepared elsewhere (an EVC intake's portfolio): only what the learner chose there.
    if (preset !== undefined && !preset.credentialIds.includes(credential.id)) continue;
    try {
      assignEnvelopes(preview, [...chosen, credential]);
      chosen.push(credential);
    } catch {
      // the request takes no more of this kind
    }
  }
  return new Set(chosen.map((c) => c.id));
}

/** How a credential would answer the request on its own: the first way, by preference. */
function wayOf(preview: RequestPreview, credential: StoredCredential): Answer | undefined {
  try {
    return assignEnvelopes(preview, [credential])[0];
  } catch {
    return undefined;
  }
}

function requestPanel(
  ctx: WalletContext,
  preview: RequestPreview,
  out: HTMLElement,
  preset?: SharePreset,
): HTMLElement {
  // One list of the credentials that answer the request, whichever query and envelope each goes
  // in: the learner chooses credentials; the wallet picks the envelope (assignEnvelopes).
  const inputs: { input: HTMLInputElement; credentialId: string; panel: DisclosurePanel }[] = [];
  const legendId = uid('q');
  const types = describeTypes([...new Set(preview.queries.flatMap((q) => q.types))], lang());
  const checked = preselected(ctx, preview, preset);
  const declared = selfDeclaredChoice(preview.selfDeclared, preset?.selfDeclaredIds);
  const options = preview.candidates.map(({ credential }) => {
    const id = uid('c');
    const input = h('input', {
      id,
      type: 'checkbox',
      value: credential.id,
      'data-credential-id': credential.id,
      // Revoked, suspended or unrecognised credentials are listed, but cannot be chosen.
      checked: checked.has(credential.id),
      disabled: !shareable(ctx, credential),
    });
    // What the verifier will see of it, in the envelope it would go in on its own.
    const panel = disclosurePanel(credential, wayOf(preview, credential), ctx.taxonomy);
    const revoked = h('p', { class: 'help', hidden: true }, t('cannotShareRevoked'));
    const refuse = (state: string): void => {
      if (!NOT_SHAREABLE.has(state)) return;
      input.checked = false;
      input.disabled = true;
      panel.disable();
      revoked.hidden = state !== 'revoked';
    };
    inputs.push({ input, credentialId: credential.id, panel });
    const choice = h(
      'div',
      { class: 'choice' },
      input,
      h(
        'label',
        { for: id },
        h('strong', {}, credential.document.name),
        ` — ${typeLabel(credential)}, ${credential.document.issuer.name}, ${formatCalendarDate(credential.document.validFrom)} `,
        liveStatusBadge(ctx, credential, (status) => refuse(status.state)),
      ),
      revoked,
      panel.element,
    );
    const known = ctx.statuses.get(credential.id)?.state ?? credential.lastStatus?.state;
    if (known !== undefined) refuse(known);
    return choice;
  });
  const fieldsets = h(
    'fieldset',
    {
      class: 'query',
      'aria-labelledby': legendId,
      'data-query-id': preview.queries.map((q) => q.id).join(' '),
    },
    h(
      'legend',
      { id: legendId },
      types.length === 0
        ? t('requestedAnyCredential')
        : t('requestedCredential', { types: types.join(', ') }),
    ),
    options.length > 0 ? null : h('p', { class: 'help' }, t('noMatchingCredentials')),
    options,
  );

  const send = h('button', { type: 'submit' }, t('shareSelected'));
  const decline = h('button', { type: 'button', class: 'secondary' }, t('decline'));
  const form = h(
    'form',
    { class: 'card request', 'aria-labelledby': 'request-title', novalidate: true },
    h('h2', { id: 'request-title', tabindex: -1 }, t('requestFrom', { verifier: preview.verifierName })),
    h('p', { class: 'help' }, `${t('verifierAddress')}: `, h('code', {}, preview.verifierOrigin)),
    preview.purpose === undefined ? null : h('p', {}, `${t('requestPurpose')}: ${preview.purpose}`),
    h('h3', {}, t('chooseCredentials')),
    fieldsets,
    declared?.element,
    h('div', { class: 'actions' }, send, decline),
  );
  decline.addEventListener('click', () => {
    send.disabled = true;
    decline.disabled = true;
    // Declined whether or not the verifier could be told (declineRequest never throws; the code
    // that tells it may fail to load offline).
    void import('../share/presentation.js')
      .then(({ declineRequest }) => declineRequest(preview))
      .catch(() => undefined)
      .then(() =>
        replaceChildren(out, successBox(h('p', { 'data-testid': 'share-declined' }, t('shareDeclined')))),
      );
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = inputs.filter(({ input }) => input.checked);
    const selection = chosen.map(({ credentialId }) => credentialId);
    const disclosures = Object.fromEntries(
      chosen.flatMap(({ credentialId, panel }) => {
        const kept = panel.choice();
        return kept === undefined ? [] : [[credentialId, kept] as const];
      }),
    );
    form.querySelector('[role=alert]')?.remove();
    const declaring = declared?.chosen() ?? [];
    if (selection.length === 0 && declaring.length === 0) {
      form.append(errorBox(new WalletError('ERR_NOTHING_SELECTED')));
      return;
    }
    send.disabled = true;
    decline.disabled = true;
    const status = h('p', { role: 'status' }, t('sharing'));
    form.after(status);
    import('../share/presentation.js')
      .then(({ sendPresentation }) =>
        sendPresentation(preview, selection, ctx.keyring, ctx.db, disclosures, declaring, lang()),
      )
      .then((outcome) => {
        if (outcome.accepted) {
          replaceChildren(
            out,
            successBox(
              h(
                'p',
                { 'data-testid': 'share-outcome', 'data-outcome': 'accepted' },
                t('shareAccepted', { verifier: preview.verifierName }),
              ),
              sentSummary(
                preview.candidates.flatMap(({ credential }) =>
                  selection.includes(credential.id) ? [credential.document.name] : [],
                ),
                preview.selfDeclared.flatMap(({ skill }) =>
                  declaring.includes(skill.id) ? [skill.label] : [],
                ),
              ),
              outcome.redirectUri === undefined
                ? ''
                : h(
                    'p',
                    {},
                    h(
                      'a',
                      // Alone on its line, it is a button-sized target (WCAG 2.5.8), not a text link.
                      { href: outcome.redirectUri, rel: 'noopener noreferrer', class: 'button' },
                      t('continueAtVerifier'),
                    ),
                  ),
            ),
          );
        } else {
          replaceChildren(
            out,
            h(
              'div',
              {
                class: 'message error',
                role: 'alert',
                'data-code': outcome.closed ?? 'ERR_PRESENTATION_REJECTED',
              },
              h(
                'p',
                { 'data-testid': 'share-outcome', 'data-outcome': 'rejected' },
                t('shareRejected', { verifier: preview.verifierName }),
              ),
              // The request closed meanwhile: say so, rather than only the verifier's words.
              outcome.closed === undefined ? null : h('p', {}, errorMessage(outcome.closed)),
              outcome.detail === undefined ? null : h('p', {}, t('verifierSaid', { detail: outcome.detail })),
            ),
          );
        }
        out.querySelector<HTMLElement>('p')?.setAttribute('tabindex', '-1');
        out.querySelector<HTMLElement>('p')?.focus();
      })
      .catch((error: unknown) => {
        status.remove();
        replaceChildren(out, errorBox(error));
      });
  });
  return form;
}

/** Share: open a verifier's request, see who asks what, choose, sign and send. */
export function shareView(
  ctx: WalletContext,
  main: HTMLElement,
  initialRequest?: string,
  preset?: SharePreset,
): void {
  linkScreen(main, {
    idPrefix: 'request',
    title: 'shareTitle',
    intro: 'shareIntro',
    label: 'requestLinkLabel',
    submit: 'openRequest',
    initial: initialRequest,
    open: (link, out) => {
      replaceChildren(out, h('p', { role: 'status' }, t('loading')));
      import('../share/presentation.js')
        .then(({ openRequest }) => openRequest(link, ctx.keyring, ctx.db, lang()))
        .then(async (preview) => {
          // Know each candidate's status before choosing for the learner: nothing revoked is pre-selected.
          await Promise.all(preview.candidates.map((c) => statusOf(ctx, c.credential)));
          return preview;
        })
        .then((preview) => {
          replaceChildren(out, requestPanel(ctx, preview, out, preset));
          out.querySelector<HTMLElement>('h2')?.focus();
        })
        .catch((error: unknown) => replaceChildren(out, errorBox(error)));
    },
  });
}
