import {
  credentialStatusAt,
  parseCompactJws,
  parseStrictJson,
  verifyStatusListCredential,
  webCryptoEd25519Verify,
  type ErrorCode,
  type StatusListLookup,
  type StatusListService,
  type VerifiedStatusList,
} from '@skills-passport/core';
import { isCoreCode, isWalletError } from '../errors.js';
import { resolveDid } from './did-resolver.js';
import { fetchText } from './http.js';

/** How long a verified list is used without asking the issuer again (or less, if its ttl says so). */
const FRESH_MS = 5_000;
const CLOCK_SKEW_SECONDS = 60;

interface Cached {
  list: VerifiedStatusList;
  /** The last attempt to fetch it again failed: this copy only stands in. */
  stale: boolean;
}

const cache = new Map<string, Cached>();
/** Copies fetched before this moment are not fresh any more (the learner asked to check now). */
let askedAgainAt = 0;

/**
 * Makes the next lookup of every list ask its issuer again ("check now", the passport's timed
 * re-check). Copies are kept: one still stands in, within its ttl, for a list that cannot be fetched.
 */
export function askStatusListsAgain(): void {
  askedAgainAt = Date.now();
}
const inflight = new Map<string, Promise<StatusListLookup>>();

/**
 * The body of a fetched list: a Data Integrity credential (JSON), else a VC-JWT or a Token Status
 * List token (`statuslist+jwt`), both compact JWS that core tells apart by their `typ`.
 */
function readBody(text: string): { ok: true; body: string | Record<string, unknown> } | Refusal {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    const parsed = parseStrictJson(trimmed);
    if (!parsed.ok) return { ok: false, code: parsed.code, reason: parsed.reason };
    const value = parsed.value;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return { ok: false, code: 'ERR_STATUS_LIST_INVALID', reason: 'not a credential' };
    return { ok: true, body: value as Record<string, unknown> };
  }
  // Not JSON, so it must be a compact JWS: say which rule of one it breaks.
  const parsed = parseCompactJws(trimmed);
  if (!parsed.ok) return { ok: false, code: parsed.code, reason: parsed.reason };
  return { ok: true, body: trimmed };
}

interface Refusal {
  ok: false;
  code: ErrorCode;
  reason: string;
}

async function load(url: string): Promise<StatusListLookup> {
  const previous = cache.get(url);
  let text: string;
  try {
    text = await fetchText(url, {
      unreachable: 'ERR_STATUS_LIST_UNREACHABLE',
      // The issuer serves lists with max-age = ttl (5 minutes by default) and an ETag: a copy in
      // the browser's HTTP cache could hide a revocation that long. Revalidating costs a 304.
      cache: 'no-cache',
      // A Token Status List token (an SD-JWT VC's list) is a JWT too: its text goes to core as is.
      accept:
        'application/vc+jwt, application/statuslist+jwt, application/jwt, application/vc+ld+json, application/ld+json, application/json',
      maxBytes: 2 * 1024 * 1024,
    });
  } catch (error) {
    const code: ErrorCode =
      isWalletError(error) && isCoreCode(error.code) ? error.code : 'ERR_STATUS_LIST_UNREACHABLE';
    const reason = isWalletError(error) ? (error.detail ?? url) : url;
    // A recent verified copy stands in while the issuer cannot be reached, within its ttl; the
    // pipeline says so (a warning, "according to a copy from N minutes ago").
    if (previous !== undefined) previous.stale = true;
    if (
      code === 'ERR_STATUS_LIST_UNREACHABLE' &&
      previous !== undefined &&
      Date.now() - previous.list.fetchedAt < previous.list.ttlMs
    )
      return { ok: true, list: previous.list, fromCache: true, fetchError: reason };
    return { ok: false, code, reason };
  }
  const read = readBody(text);
  if (!read.ok) return { ...read, reason: `${url}: ${read.reason}` };
  const verified = await verifyStatusListCredential(url, read.body, {
    resolveDid,
    verifySignature: webCryptoEd25519Verify,
    now: Date.now,
    clockSkewSeconds: CLOCK_SKEW_SECONDS,
  });
  if (!verified.ok) return verified;
  const list: VerifiedStatusList = {
    url,
    issuer: verified.issuer,
    purpose: verified.purpose,
    list: verified.list,
    ...(verified.suspended === undefined ? {} : { suspended: verified.suspended }),
    fetchedAt: Date.now(),
    ttlMs: verified.ttlMs,
  };
  cache.set(url, { list, stale: false });
  return { ok: true, list, fromCache: false };
}

/**
 * The wallet's status lists, for core's verification pipeline: fetched with the wallet's guarded
 * fetch (https, or http on loopback; bounded in size), verified with `verifyStatusListCredential`
 * in either envelope, and reused for a few seconds (less when the list's ttl says so), so a
 * screen of many credentials fetches each list once. When a list cannot be fetched, a verified
 * copy still within its ttl stands in, marked as such. Never throws.
 */
export const walletStatusLists: StatusListService = {
  lookup(url, memo) {
    const known = memo?.get(url);
    if (known !== undefined) return known;
    const found = lookupOnce(url);
    memo?.set(url, found);
    return found;
  },
};

/** The verified copy of the list at `url` when it is recent enough to be used without asking again. */
function fresh(url: string): Cached | undefined {
  const cached = cache.get(url);
  return cached !== undefined &&
    !cached.stale &&
    cached.list.fetchedAt > askedAgainAt &&
    Date.now() - cached.list.fetchedAt < Math.min(FRESH_MS, cached.list.ttlMs)
    ? cached
    : undefined;
}

function lookupOnce(url: string): Promise<StatusListLookup> {
  const cached = fresh(url);
  if (cached !== undefined) return Promise.resolve({ ok: true, list: cached.list, fromCache: true });
  let pending = inflight.get(url);
  if (pending === undefined) {
    pending = load(url)
      .catch((error: unknown): StatusListLookup => ({
        ok: false,
        code: 'ERR_STATUS_LIST_UNREACHABLE',
        reason: error instanceof Error ? error.message : url,
      }))
      .finally(() => inflight.delete(url));
    inflight.set(url, pending);
  }
  return pending;
}

/**
 * What the list at `url` says of the entries at `indexes`, with everything else of the list a
 * status check of them reads (its issuer, purpose and size, whether it tells suspensions apart):
 * the same text exactly when such a check would come out the same, so one credential's changed
 * status does not make the others of its list verify afresh. `undefined` when the wallet holds no
 * verified copy it fetched successfully within the list's ttl (never fetched, the last fetch
 * failed, or too old); with `freshOnly`, also when a lookup now would ask the issuer again.
 */
export function statusEntriesPrint(
  url: string,
  indexes: readonly number[],
  freshOnly = false,
): string | undefined {
  const cached = freshOnly ? fresh(url) : cache.get(url);
  if (cached === undefined || cached.stale || Date.now() - cached.list.fetchedAt >= cached.list.ttlMs)
    return undefined;
  const { issuer, purpose, list, suspended } = cached.list;
  const states = indexes.map(
    (index) => `${index}:${credentialStatusAt(list, suspended, index) ?? 'outside'}`,
  );
  return JSON.stringify([issuer, purpose, list.length, suspended !== undefined, states]);
}
