import {
  decodeStatusList,
  normalizeCredentialJwt,
  parseCompactJws,
  selectVerificationKeys,
  validityWindow,
  verifyJws,
  type Ed25519Verify,
  type ErrorCode,
  type StatusBitstring,
} from '@skills-passport/core';
import type { GuardedFetch } from '../net/guarded-fetch.js';
import { BoundedCache } from './bounded-cache.js';
import type { ResolveDid } from './did-resolver.js';

/** A verified status list as cached: who signed it, for which purpose, and until when it may stand in. */
export interface VerifiedStatusList {
  url: string;
  issuer: string;
  purpose: string;
  list: StatusBitstring;
  /** Which of the set bits are suspensions, when the list says (our context's `suspended`). */
  suspended?: StatusBitstring;
  fetchedAt: number;
  ttlMs: number;
  etag?: string;
}

/** A status list to use, or why there is none; `stale` marks a cached copy used because fetching failed. */
export type StatusListLookup =
  | { ok: true; list: VerifiedStatusList; fromCache: boolean; fetchError?: string }
  | { ok: false; code: ErrorCode; reason: string };

export interface StatusListServiceOptions {
  fetch: GuardedFetch;
  resolveDid: ResolveDid;
  verifySignature: Ed25519Verify;
  now: () => number;
  clockSkewSeconds: number;
  cacheEntries?: number;
  /** Used when a list names no ttl; default 5 minutes. Any ttl is capped at one day. */
  defaultTtlMs?: number;
  maxListBytes?: number;
  /**
   * Reuse a verified list for this long without asking the issuer again (never beyond its ttl).
   * Default 0: every lookup asks.
   */
  reuseForMs?: number;
}

/** Fetches, verifies and caches Bitstring Status List credentials. */
export interface StatusListService {
  /** The list at `url`; `memo` shares one lookup per URL across one verification. */
  lookup(url: string, memo?: Map<string, Promise<StatusListLookup>>): Promise<StatusListLookup>;
}

const DAY_MS = 86_400_000;

/**
 * By default every lookup asks the issuer again (with `If-None-Match`, so an unchanged list costs a
 * 304): a revocation counts from the moment it is published. With `reuseForMs`, a verified list is
 * reused without asking for that long, never beyond its `ttl` (throughput over immediacy). When the issuer cannot be reached, a list
 * verified within its `ttl` stands in, and the caller reports that as a warning; an older one
 * never does. A fetched list must be a status list credential signed by a key in its issuer's
 * DID document; anything else is refused, whatever the cache holds.
 */
export function createStatusListService(options: StatusListServiceOptions): StatusListService {
  const cache = new BoundedCache<VerifiedStatusList>(options.cacheEntries ?? 1000);

  async function verifyListJwt(
    url: string,
    body: string,
  ): Promise<
    | {
        ok: true;
        issuer: string;
        purpose: string;
        list: StatusBitstring;
        suspended?: StatusBitstring;
        ttlMs: number;
      }
    | { ok: false; code: ErrorCode; reason: string }
  > {
    const invalid = (reason: string) => ({
      ok: false as const,
      code: 'ERR_STATUS_LIST_INVALID' as ErrorCode,
      reason: `The status list at ${url} ${reason}`,
    });
    const parsed = parseCompactJws(body.trim());
    if (!parsed.ok) return invalid(`is not an acceptable JWT: ${parsed.reason}`);
    const normalized = normalizeCredentialJwt(parsed.jws.payload);
    if (!normalized.ok) return invalid(`is not a credential JWT: ${normalized.reason}`);
    const issuer = normalized.value.issuer;
    const resolved = await options.resolveDid(issuer);
    if (!resolved.ok) return { ok: false, code: resolved.code, reason: resolved.reason };
    const keys = selectVerificationKeys(resolved.document, issuer, 'assertionMethod', parsed.jws.header.kid);
    if (!keys.ok) return { ok: false, code: keys.code, reason: keys.reason };
    const signed = await verifyJws(parsed.jws, keys.keys, options.verifySignature);
    if (!signed.ok)
      return {
        ok: false,
        code: 'ERR_SIGNATURE_INVALID',
        reason: `The signature on the status list at ${url} does not match its issuer's key.`,
      };
    const credential = normalized.value.credential;
    const types = credential.type;
    if (!Array.isArray(types) || !types.includes('BitstringStatusListCredential'))
      return invalid('is not a BitstringStatusListCredential.');
    const verdict = validityWindow({
      now: Math.floor(options.now() / 1000),
      skewSeconds: options.clockSkewSeconds,
      ...(normalized.value.notBefore === undefined ? {} : { notBefore: normalized.value.notBefore }),
      ...(normalized.value.expires === undefined ? {} : { expires: normalized.value.expires }),
    });
    if (verdict !== 'valid') return invalid(`is ${verdict === 'expired' ? 'expired' : 'not yet valid'}.`);
    const subject = credential.credentialSubject as Record<string, unknown> | undefined;
    if (typeof subject !== 'object' || subject === null || subject.type !== 'BitstringStatusList')
      return invalid('has no BitstringStatusList subject.');
    if (typeof subject.statusPurpose !== 'string') return invalid('names no status purpose.');
    const decoded = await decodeStatusList(
      subject.encodedList,
      options.maxListBytes === undefined ? {} : { maxBytes: options.maxListBytes },
    );
    if (!decoded.ok)
      return { ok: false, code: decoded.code, reason: `The status list at ${url}: ${decoded.reason}` };
    const suspended =
      subject.suspended === undefined
        ? undefined
        : await decodeStatusList(
            subject.suspended,
            options.maxListBytes === undefined ? {} : { maxBytes: options.maxListBytes },
          );
    if (suspended !== undefined && !suspended.ok)
      return { ok: false, code: suspended.code, reason: `The status list at ${url}: ${suspended.reason}` };
    const ttl =
      typeof subject.ttl === 'number' && Number.isFinite(subject.ttl) && subject.ttl > 0
        ? subject.ttl
        : (options.defaultTtlMs ?? 300_000);
    return {
      ok: true,
      issuer,
      purpose: subject.statusPurpose,
      list: decoded.list,
      ...(suspended === undefined ? {} : { suspended: suspended.list }),
      ttlMs: Math.min(ttl, DAY_MS),
    };
  }

  async function lookupOnce(url: string): Promise<StatusListLookup> {
    const cached = cache.get(url);
    const reuseForMs = Math.min(options.reuseForMs ?? 0, cached?.ttlMs ?? 0);
    if (cached !== undefined && options.now() < cached.fetchedAt + reuseForMs) {
      return { ok: true, list: cached, fromCache: true };
    }
    const fetched = await options.fetch(url, {
      accept: ['application/vc+jwt', 'application/jwt', 'text/plain'],
      maxBytes: 1024 * 1024,
      ...(cached?.etag === undefined ? {} : { etag: cached.etag }),
    });
    const now = options.now();
    if (fetched.ok && fetched.status === 304 && cached !== undefined) {
      const refreshed = { ...cached, fetchedAt: now };
      cache.set(url, refreshed);
      return { ok: true, list: refreshed, fromCache: true };
    }
    if (fetched.ok && fetched.status === 200) {
      const verified = await verifyListJwt(url, fetched.body);
      if (!verified.ok) return verified;
      const entry: VerifiedStatusList = {
        url,
        ...verified,
        fetchedAt: now,
        ...(fetched.etag === undefined ? {} : { etag: fetched.etag }),
      };
      cache.set(url, entry);
      return { ok: true, list: entry, fromCache: false };
    }
    const reason = fetched.ok ? `${url} answered 304 to a request without a cached copy.` : fetched.reason;
    if (cached !== undefined && now < cached.fetchedAt + cached.ttlMs) {
      return { ok: true, list: cached, fromCache: true, fetchError: reason };
    }
    return {
      ok: false,
      code: 'ERR_STATUS_LIST_UNREACHABLE',
      reason: `The status list could not be fetched and no recent copy is at hand: ${reason}`,
    };
  }

  return {
    lookup(url, memo) {
      const pending = memo?.get(url);
      if (pending !== undefined) return pending;
      const started = lookupOnce(url);
      memo?.set(url, started);
      return started;
    },
  };
}
