import { CREDENTIAL_TYPE_INFO } from '@skills-passport/core';
import { errorMessage, formatDate, lang, t, tAny } from '../i18n.js';
import { isWalletError, type WalletErrorCode } from '../errors.js';
import type { CredentialState, StoredCredential } from '../store/db.js';
import { liveStatus, type LiveStatus } from '../verify/check-credential.js';
import type { WalletContext } from './context.js';
import { h } from './dom.js';

/** A status badge: text, not colour alone, carries the meaning. */
export function statusBadge(state: CredentialState): HTMLElement {
  return h('span', { class: `badge badge-${state}`, 'data-status': state }, t(`status_${state}`));
}

/** A badge that fills itself in when the live status arrives. */
export function liveStatusBadge(
  ctx: WalletContext,
  credential: StoredCredential,
  onStatus?: (s: LiveStatus) => void,
): HTMLElement {
  const holder = h('span', { class: 'status-holder' });
  const show = (status: LiveStatus): void => {
    holder.replaceChildren(statusBadge(status.state));
    if (status.stale && status.state !== 'unknown') {
      holder.append(
        ' ',
        h(
          'small',
          { class: 'stale' },
          t('statusStale', {
            state: t(`status_${status.state}`),
            date: formatDate(credential.lastStatus?.checkedAt),
          }),
        ),
      );
    }
  };
  // Until the check is back: what this visit last saw, else a neutral "checking" badge.
  show(ctx.statuses.get(credential.id) ?? { state: 'unknown', stale: false });
  void statusOf(ctx, credential).then((status) => {
    show(status);
    onStatus?.(status);
  });
  return holder;
}

const pending = new Map<string, Promise<LiveStatus>>();
const checkedAt = new Map<string, number>();
/** A status this recent is shown as is; older ones are checked again when shown. */
const FRESH_MS = 10_000;

/** Last-known statuses waiting to be written, by credential id (one transaction per batch). */
const lastStatusQueue = new Map<string, StoredCredential['lastStatus']>();
let lastStatusFlush: ReturnType<typeof setTimeout> | undefined;
const LAST_STATUS_BATCH_MS = 50;

/**
 * Records last-known statuses: one strict transaction for every status checked within a few
 * milliseconds of each other, not one read and one write per credential (a screen of 1,000
 * credentials would otherwise wait for 2,000 transactions before it could show a status).
 */
function recordLastStatus(ctx: WalletContext, id: string, lastStatus: StoredCredential['lastStatus']): void {
  lastStatusQueue.set(id, lastStatus);
  lastStatusFlush ??= setTimeout(() => {
    lastStatusFlush = undefined;
    const batch = [...lastStatusQueue];
    lastStatusQueue.clear();
    void ctx.db
      .write(['credentials'], (tx) => {
        const store = tx.objectStore('credentials');
        for (const [credentialId, status] of batch) {
          const get = store.get(credentialId);
          get.onsuccess = () => {
            const current = get.result as StoredCredential | undefined;
            // Deleted meanwhile: nothing to record.
            if (current !== undefined) store.put({ ...current, lastStatus: status });
          };
        }
      })
      .catch((error: unknown) => console.error(error));
  }, LAST_STATUS_BATCH_MS);
}

/**
 * The live status of a credential, computed when it is shown (checks within the last few seconds
 * are reused, so one screen checks each credential once) and recorded as its last known status.
 */
export function statusOf(ctx: WalletContext, credential: StoredCredential): Promise<LiveStatus> {
  const known = ctx.statuses.get(credential.id);
  if (known !== undefined && Date.now() - (checkedAt.get(credential.id) ?? 0) < FRESH_MS)
    return Promise.resolve(known);
  let promise = pending.get(credential.id);
  if (promise === undefined) {
    promise = liveStatus(credential).then((status) => {
      ctx.statuses.set(credential.id, status);
      checkedAt.set(credential.id, Date.now());
      pending.delete(credential.id);
      if (!status.stale) {
        recordLastStatus(ctx, credential.id, { state: status.state, checkedAt: new Date().toISOString() });
      }
      return status;
    });
    pending.set(credential.id, promise);
  }
  return promise;
}

export function typeLabel(credential: Pick<StoredCredential, 'type'>): string {
  return CREDENTIAL_TYPE_INFO[credential.type].label[lang()];
}

export function learningLabel(credential: Pick<StoredCredential, 'type'>): string {
  return t(CREDENTIAL_TYPE_INFO[credential.type].learning);
}

/** An error box (role=alert) with the plain-language message for an error. */
export function errorBox(error: unknown): HTMLElement {
  const code: WalletErrorCode = isWalletError(error) ? error.code : 'ERR_INTERNAL';
  if (!isWalletError(error)) console.error(error);
  return h(
    'div',
    {
      class: 'message error',
      role: 'alert',
      'data-code': code,
      'data-reason': isWalletError(error) ? error.reason : undefined,
    },
    h('p', {}, errorMessage(code)),
    isWalletError(error) && error.detail !== undefined && code === 'ERR_PRESENTATION_REJECTED'
      ? h('p', {}, t('verifierSaid', { detail: error.detail }))
      : null,
    isWalletError(error) && error.detail !== undefined && code !== 'ERR_PRESENTATION_REJECTED'
      ? h(
          'details',
          {},
          h('summary', {}, lang() === 'nl' ? 'Technische details' : 'Technical details'),
          h('p', {}, error.detail),
        )
      : null,
  );
}

export function successBox(...children: (Node | string)[]): HTMLElement {
  return h('div', { class: 'message success', role: 'status' }, ...children);
}

/** A definition-list row, skipped when there is no value. */
export function row(label: string, value: Node | string | undefined | null): Node[] {
  if (value === undefined || value === null || value === '') return [];
  return [h('dt', {}, label), h('dd', {}, value)];
}

export function tStatusHelp(state: CredentialState): string | undefined {
  const help = tAny(`statusHelp_${state}`, '');
  return help === '' ? undefined : help;
}
