import {
  parseCompactJws,
  parseStatusIndex,
  validityWindow,
  verifyCredential,
  type CheckId,
  type CredentialEnvelope,
  type CredentialVerificationDeps,
  type EnvelopeFormat,
} from '@skills-passport/core';
import type { CredentialState } from '../passport/credential-state.js';
import {
  liveFormat,
  type CheckMemo,
  type CheckRecord,
  type PassportEntry,
  type StatusSources,
  type StoredCredential,
} from '../store/db.js';
import { didFingerprint, resolveDid } from './did-resolver.js';
import { statusEntriesPrint, walletStatusLists } from './status-lists.js';

export { askStatusListsAgain } from './status-lists.js';
import { CLOCK_SKEW_SECONDS, walletDeps } from './wallet-verification.js';

// The passport shows each credential's status as it is now: core's pipeline verifies it when it
// is shown. Verifying 1,000 credentials on every visit costs seconds, almost all of it spent
// re-proving what cannot have changed, so a verification is remembered with the credential
// (the `checks` store) and reused while everything it was computed from is unchanged:
//
// - verifyCredential is a function of the envelope, the DID documents and status lists it is
//   given, and the clock. The envelope of a stored credential never changes (storing a credential
//   anew, or restoring a backup, drops what was remembered of it).
// - The DID documents and status lists are fetched again on every visit (one fetch per issuer and
//   per list, not per credential) and compared with those the verification used: a DID document
//   by fingerprint (a rotated or withdrawn issuer key makes it verify afresh), a list by what it
//   says of this credential's own entries and what a check of them also reads (issuer, purpose,
//   size): a change of this credential's status makes it verify afresh, another credential's
//   revocation in the same list does not.
// - The clock: validity dates are judged afresh from the remembered period every time. Nothing
//   else in a verification that passed depends on the time (a status list that has expired is no
//   longer fetched successfully, so it has no fingerprint); a proof that carries its own expiry,
//   and any verification that did not pass, is not remembered at all.
// - The rules: a memo names the version of the wallet's checks it was made under; another
//   version verifies afresh.

/** Raise when the wallet's checks, schemas or pipeline change: no older memo is then reused. */
export const CHECK_MEMO_VERSION = 2;

/** A credential's live status as the passport shows it. */
export interface LiveStatus {
  state: CredentialState;
  /** True when the state is the last known one because a check could not be made now. */
  stale: boolean;
}

/**
 * A credential as a live check needs it: its id, envelope format, last status and remembered
 * verification (the passport's small record will do; the envelope is asked for only when the
 * credential must be verified afresh).
 */
export type CheckedCredential = StoredCredential | PassportEntry;

/** A live status, and the verification to remember when it was made afresh and may be. */
export interface LiveCheck {
  status: LiveStatus;
  memo?: CheckMemo;
}

/** Checks whose failure means the credential is not (any longer) recognised as the issuer's. */
const RECOGNITION: readonly CheckId[] = [
  'credential_format',
  'issuer_did',
  'signature',
  'issuer_consistency',
  'schema',
];
const STATUS: readonly CheckId[] = ['status_entry', 'revocation_status', 'suspension_status'];

/**
 * The envelope the passport checks: the VC-JWT when the credential came in one (one signature,
 * and its status list is a JWT too), else the Data Integrity credential (JSON-LD canonicalization
 * of the credential and its list costs far more).
 */
export function liveEnvelope(stored: StoredCredential): CredentialEnvelope {
  if (stored.jwt !== undefined) return { format: 'jwt_vc_json', jwt: stored.jwt };
  if (stored.sdJwt !== undefined) return { format: 'dc+sd-jwt', token: stored.sdJwt };
  return { format: 'ldp_vc', credential: stored.ldp ?? {} };
}

/** Whether a remembered verification still holds: same rules, same DID documents, same lists. */
async function memoHolds(memo: CheckMemo | undefined, format: EnvelopeFormat): Promise<boolean> {
  if (memo?.version !== CHECK_MEMO_VERSION || memo.format !== format) return false;
  await Promise.all([
    ...Object.keys(memo.dids).map((did) => resolveDid(did)),
    ...Object.keys(memo.lists).map((url) => walletStatusLists.lookup(url)),
  ]);
  return holdsNow(memo);
}

/** Whether the DID documents and list entries the wallet holds now are those `memo` was made with. */
function holdsNow(memo: CheckMemo, freshOnly = false): boolean {
  return (
    Object.entries(memo.dids).every(([did, fingerprint]) => didFingerprint(did) === fingerprint) &&
    Object.entries(memo.lists).every(
      ([url, { indexes, print }]) => statusEntriesPrint(url, indexes, freshOnly) === print,
    )
  );
}

/**
 * The credential's status from its remembered verification, when that holds against the DID
 * documents and status lists fetched moments ago (see {@link prefetchFor}); else
 * `undefined`, and {@link liveCheck} fetches or verifies what it must.
 */
export function rememberedStatus(stored: CheckedCredential, now = Date.now()): LiveStatus | undefined {
  const memo = stored.checkMemo;
  if (memo?.version !== CHECK_MEMO_VERSION || memo.format !== liveFormat(stored)) return undefined;
  // Only lists fetched just now: a status list is asked again on every visit.
  return holdsNow(memo, true) ? stateOf(memo, stored, now) : undefined;
}

function proofExpires(envelope: CredentialEnvelope): boolean {
  if (envelope.format !== 'ldp_vc') return false;
  const proofs: unknown[] = [envelope.credential.proof].flat();
  return proofs.some((p) => typeof p === 'object' && p !== null && 'expires' in p);
}

/** Verifies with core's pipeline afresh, noting which DID documents and lists it used. */
async function verifyAfresh(
  envelope: CredentialEnvelope,
): Promise<CheckMemo | Omit<CheckMemo, 'dids' | 'lists'>> {
  const dids = new Set<string>();
  const lists = new Set<string>();
  const deps: CredentialVerificationDeps = {
    ...walletDeps,
    resolveDid: (did) => {
      dids.add(did);
      return walletDeps.resolveDid(did);
    },
    statusLists: {
      lookup: (url, memo) => {
        lists.add(url);
        return walletDeps.statusLists.lookup(url, memo);
      },
    },
  };
  const verification = await verifyCredential(envelope, deps);
  const result = {
    version: CHECK_MEMO_VERSION,
    format: envelope.format,
    checks: verification.checks.map(({ id, status, code }) => ({
      id,
      status,
      ...(code === undefined ? {} : { code }),
    })),
    ...(verification.notBefore === undefined ? {} : { notBefore: verification.notBefore }),
    ...(verification.expires === undefined ? {} : { expires: verification.expires }),
  };
  const recognised = !result.checks.some((c) => c.status === 'fail' && RECOGNITION.includes(c.id));
  const didPrints = [...dids].map((did) => [did, didFingerprint(did)] as const);
  const entries = statusIndexes(statusOfEnvelope(envelope, verification.credential?.credentialStatus));
  const listPrints = [...lists].map((url) => {
    const indexes = entries.get(url) ?? [];
    return [url, { indexes, print: statusEntriesPrint(url, indexes) }] as const;
  });
  const complete =
    didPrints.every(([, print]) => print !== undefined) &&
    listPrints.every(([, { indexes, print }]) => indexes.length > 0 && print !== undefined);
  if (!recognised || !complete || proofExpires(envelope)) return result;
  return {
    ...result,
    dids: Object.fromEntries(didPrints) as Record<string, string>,
    lists: Object.fromEntries(listPrints) as CheckMemo['lists'],
  };
}

/**
 * A credential's status entries: its document's, or an SD-JWT VC's Token Status List reference
 * (which the document rebuilt from its claims does not carry) read as one such entry.
 */
function statusOfEnvelope(envelope: CredentialEnvelope, documentStatus: unknown): unknown {
  if (envelope.format !== 'dc+sd-jwt') return documentStatus;
  const issuerJwt = parseCompactJws(envelope.token.split('~')[0] ?? '');
  const status = issuerJwt.ok ? issuerJwt.jws.payload.status : undefined;
  const reference =
    typeof status === 'object' && status !== null
      ? (status as Record<string, unknown>).status_list
      : undefined;
  if (typeof reference !== 'object' || reference === null) return undefined;
  const { idx, uri } = reference as Record<string, unknown>;
  return { statusListCredential: uri, statusListIndex: typeof idx === 'number' ? String(idx) : idx };
}

/**
 * The list indexes of a credential's status entries, by list. A list the verification used but
 * that no entry read here names gets none, and the verification is not remembered.
 */
function statusIndexes(status: unknown): Map<string, number[]> {
  const byList = new Map<string, number[]>();
  for (const entry of [status].flat()) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { statusListCredential: url, statusListIndex } = entry as Record<string, unknown>;
    const index = parseStatusIndex(statusListIndex);
    if (typeof url !== 'string' || index === undefined) continue;
    byList.set(url, [...(byList.get(url) ?? []), index]);
  }
  return byList;
}

/** The state a verification gives at `now`: recognition, then status, then the dates. */
function stateOf(
  memo: Pick<CheckMemo, 'checks' | 'expires'>,
  stored: CheckedCredential,
  now: number,
): LiveStatus {
  const lastKnown: LiveStatus = { state: stored.lastStatus?.state ?? 'unknown', stale: true };
  const failed = memo.checks.filter((c) => c.status === 'fail');
  const opening = failed.find((c) => RECOGNITION.includes(c.id));
  // The issuer's web address did not answer: nothing can be said now but what was known before.
  if (opening !== undefined)
    return opening.code === 'ERR_ISSUER_UNREACHABLE' ? lastKnown : { state: 'unrecognised', stale: false };
  if (failed.some((c) => c.code === 'ERR_CREDENTIAL_REVOKED')) return { state: 'revoked', stale: false };
  if (failed.some((c) => c.code === 'ERR_CREDENTIAL_SUSPENDED')) return { state: 'suspended', stale: false };
  const window = validityWindow({
    now: Math.floor(now / 1000),
    skewSeconds: CLOCK_SKEW_SECONDS,
    ...(memo.expires === undefined ? {} : { expires: memo.expires }),
  });
  if (window === 'expired') return { state: 'expired', stale: false };
  // A list that could not be had now (or only a stand-in copy): the last known state, said so.
  if (memo.checks.some((c) => STATUS.includes(c.id) && c.status !== 'pass')) return lastKnown;
  return { state: 'valid', stale: false };
}

/**
 * Starts fetching the DID documents and status lists that the remembered verifications in
 * `records` were made with (each once), so that checking the credentials they belong to finds
 * them at hand: the passport reads its check records before its credentials, and the fetches run
 * while the credentials are read. Only ever fetches what a check would; never throws.
 */
export function prefetchFor(records: readonly CheckRecord[]): void {
  prefetch(statusSources(records.map((r) => r.memo)));
}

/** Starts fetching DID documents and status lists (each once); never throws. */
export function prefetch({ dids, lists }: StatusSources): void {
  for (const did of dids) void resolveDid(did);
  for (const url of lists) void walletStatusLists.lookup(url);
}

/** The DID documents and status lists that remembered verifications were made with, each once. */
export function statusSources(memos: Iterable<CheckMemo | undefined>): StatusSources {
  const dids = new Set<string>();
  const lists = new Set<string>();
  for (const memo of memos) {
    if (memo?.version !== CHECK_MEMO_VERSION) continue;
    for (const did in memo.dids) dids.add(did);
    for (const url in memo.lists) lists.add(url);
  }
  return { dids: [...dids].sort(), lists: [...lists].sort() };
}

/**
 * The credential's status right now: not recognised (its signature no longer checks out against
 * the issuer's published keys, or it no longer follows the model), revoked, suspended, expired or
 * valid; when the issuer or its status list cannot be reached, the last known state, marked as
 * such. Reuses the verification remembered with the credential while it holds (see above), else
 * asks `envelopeOf` for the envelope and verifies it; a verification made afresh comes back as
 * `memo` for the caller to record.
 */
export async function liveCheck(
  stored: CheckedCredential,
  envelopeOf: () => Promise<CredentialEnvelope | undefined>,
  now = Date.now(),
): Promise<LiveCheck> {
  const memo = stored.checkMemo;
  if (memo !== undefined && (await memoHolds(memo, liveFormat(stored))))
    return { status: stateOf(memo, stored, now) };
  const envelope = await envelopeOf();
  // Deleted meanwhile: nothing to say but what was known.
  if (envelope === undefined)
    return { status: { state: stored.lastStatus?.state ?? 'unknown', stale: true } };
  const fresh = await verifyAfresh(envelope);
  return {
    status: stateOf(fresh, stored, now),
    ...('dids' in fresh ? { memo: fresh } : {}),
  };
}
