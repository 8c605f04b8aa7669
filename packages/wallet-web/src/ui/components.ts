import { CREDENTIAL_TYPE_INFO } from '@skills-passport/core';
import { errorMessage, formatDate, lang, t, tAny } from '../i18n.js';
import { isWalletError, type WalletErrorCode } from '../errors.js';
import type { CheckRecord, CredentialState, StoredCredential } from '../store/db.js';
import type * as LiveStatusChecks from '../verify/live-status.js';
import type { CheckedCredential, LiveCheck, LiveStatus } from '../verify/live-status.js';
import type { WalletContext } from './context.js';
import { h } from './dom.js';

/** A status badge: text, not colour alone, carries the meaning. */
export function statusBadge(state: CredentialState): HTMLElement {
  return h('span', { class: `badge badge-${state}`, 'data-status': state }, t(`status_${state}`));
}

/** A badge that fills itself in when the live status arrives. */
export function liveStatusBadge(
  ctx: WalletContext,
  credential: CheckedCredential,
  onStatus?: (s: LiveStatus) => void,
): HTMLElement {
  const holder = h('span', { class: 'status-holder' });
  const show = (status: LiveStatus): void => showStatus(holder, credential, status);
  // Until the check is back: what this visit last saw, else a neutral "checking" badge.
  const shown = ctx.statuses.get(credential.id) ?? { state: 'unknown', stale: false };
  show(shown);
  void statusOf(ctx, credential).then((status) => {
    if (status !== shown) show(status);
    onStatus?.(status);
  });
  return holder;
}

/** Shows `status` in a badge holder: the badge, and when it could not be checked, the last known one. */
export function showStatus(holder: HTMLElement, credential: CheckedCredential, status: LiveStatus): void {
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
}

type LiveStatusModule = typeof LiveStatusChecks;
let checks: Promise<LiveStatusModule> | undefined;
/**
 * The verification code (core's pipeline, JSON-LD, the schemas): loaded with the first status, or
 * before, by a screen that is about to show some (so it loads while the credentials are read).
 */
export function statusChecks(): Promise<LiveStatusModule> {
  checks ??= import('../verify/live-status.js');
  return checks;
}

const pending = new Map<string, Promise<LiveStatus>>();
const checkedAt = new Map<string, number>();
/** A status this recent is shown as is; older ones are checked again when shown. */
const FRESH_MS = 10_000;
/**
 * How old the recorded "last known" status may grow before an unchanged status is written again:
 * it only dates what the passport says when a check cannot be made, and rewriting 1,000 records
 * on every visit would cost more than the visit.
 */
const RECORD_AGAIN_MS = 10 * 60 * 1000;

/** Check records waiting to be written, by credential id (one transaction per batch). */
const checkQueue = new Map<string, CheckRecord>();
let checkFlush: Promise<void> | undefined;
/** Settles once every check record queued so far has been written (or failed to be). */
let recorded: Promise<void> = Promise.resolve();

/**
 * Records last-known statuses and remembered verifications, only what changed: one transaction
 * for the credentials whose checks ended in the same task (a screen's worth, when they were
 * remembered), written at once so a learner who moves on right away does not lose them.
 */
function recordCheck(ctx: WalletContext, record: CheckRecord): void {
  checkQueue.set(record.id, record);
  if (checkFlush !== undefined) return;
  checkFlush = new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => {
    checkFlush = undefined;
    const batch = [...checkQueue.values()];
    checkQueue.clear();
    return ctx.db.putChecks(batch).catch((error: unknown) => console.error(error));
  });
  const previous = recorded;
  const flush = checkFlush;
  recorded = Promise.all([previous, flush]).then(() => undefined);
}

/**
 * Records which DID documents and status lists the remembered verifications of `credentials`
 * were made with, so the next visit fetches them as soon as it opens (nothing is written when
 * they are the same as last time).
 */
export async function recordStatusSources(
  ctx: WalletContext,
  credentials: readonly CheckedCredential[],
): Promise<void> {
  const { statusSources } = await statusChecks();
  await ctx.db
    .putStatusSources(statusSources(credentials.map((c) => c.checkMemo)))
    .catch((error: unknown) => console.error(error));
}

/**
 * Settles when the statuses and verifications checked so far are recorded: a screen says its
 * checks are done only then, as a page left before its records commit loses them (and the next
 * visit verifies everything afresh).
 */
export function checksRecorded(): Promise<void> {
  return recorded;
}

/**
 * The live status of a credential, computed when it is shown (checks within the last few seconds
 * are reused, so one screen checks each credential once; `again` checks anyway) and recorded as its
 * last known status.
 */
export function statusOf(
  ctx: WalletContext,
  credential: CheckedCredential,
  options: { again?: boolean } = {},
): Promise<LiveStatus> {
  const known = ctx.statuses.get(credential.id);
  if (
    options.again !== true &&
    known !== undefined &&
    Date.now() - (checkedAt.get(credential.id) ?? 0) < FRESH_MS
  )
    return Promise.resolve(known);
  let promise = pending.get(credential.id);
  if (promise === undefined) {
    promise = statusChecks()
      .then(({ liveCheck, liveEnvelope }) =>
        liveCheck(credential, async () => {
          const full = 'live' in credential ? await fullCredential(ctx, credential.id) : credential;
          return full === undefined ? undefined : liveEnvelope(full);
        }),
      )
      .then((check) => {
        pending.delete(credential.id);
        return settle(ctx, credential, check);
      });
    pending.set(credential.id, promise);
  }
  return promise;
}

/** Credentials to read in full (their envelopes), by id: one transaction for those asked in the same task. */
const fullQueue = new Map<string, ((credential: StoredCredential | undefined) => void)[]>();

/**
 * A credential in full, for one the passport showed from its small record and must verify afresh
 * (its remembered verification no longer holds): usually none, all of them after a restore.
 */
function fullCredential(ctx: WalletContext, id: string): Promise<StoredCredential | undefined> {
  return new Promise((resolve) => {
    const first = fullQueue.size === 0;
    fullQueue.set(id, [...(fullQueue.get(id) ?? []), resolve]);
    if (!first) return;
    setTimeout(() => {
      const batch = [...fullQueue];
      fullQueue.clear();
      ctx.db.credentialsById(batch.map(([key]) => key)).then(
        (credentials) => batch.forEach(([, waiting], i) => waiting.forEach((done) => done(credentials[i]))),
        (error: unknown) => {
          console.error(error);
          batch.forEach(([, waiting]) => waiting.forEach((done) => done(undefined)));
        },
      );
    }, 0);
  });
}

/**
 * Takes, before a screen is built, the statuses that need no more than what is at hand: those
 * whose remembered verification still holds against the DID documents and lists already fetched
 * (the passport fetches them while it reads the credentials). Each card is then built once, with
 * its status; the other credentials are checked as their cards are shown.
 */
export function statusesAtHand(
  ctx: WalletContext,
  checks: LiveStatusModule,
  credentials: readonly CheckedCredential[],
): void {
  for (const credential of credentials) {
    if (pending.has(credential.id)) continue;
    const status = checks.rememberedStatus(credential);
    if (status !== undefined) settle(ctx, credential, { status });
  }
}

/** Notes a check's outcome for this visit and records it when it says something new. */
function settle(ctx: WalletContext, credential: CheckedCredential, { status, memo }: LiveCheck): LiveStatus {
  ctx.statuses.set(credential.id, status);
  checkedAt.set(credential.id, Date.now());
  const last = credential.lastStatus;
  const now = new Date();
  const outdated =
    last === undefined ||
    last.state !== status.state ||
    now.getTime() - Date.parse(last.checkedAt) > RECORD_AGAIN_MS;
  if (memo !== undefined || (!status.stale && outdated)) {
    const lastStatus = status.stale ? last : { state: status.state, checkedAt: now.toISOString() };
    if (lastStatus !== undefined) credential.lastStatus = lastStatus;
    if (memo !== undefined) credential.checkMemo = memo;
    recordCheck(ctx, {
      id: credential.id,
      ...(lastStatus === undefined ? {} : { lastStatus }),
      ...(credential.checkMemo === undefined ? {} : { memo: credential.checkMemo }),
    });
  }
  return status;
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
