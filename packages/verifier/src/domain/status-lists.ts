import {
  parseStrictJson,
  verifyStatusListCredential,
  type Ed25519Verify,
  type P256Verify,
  type StatusListLookup,
  type StatusListService,
  type VerifiedStatusList,
} from '@skills-passport/core';
import type { GuardedFetch } from '../net/guarded-fetch.js';
import { BoundedCache } from './bounded-cache.js';
import type { ResolveDid } from './did-resolver.js';

export type { StatusListLookup, StatusListService, VerifiedStatusList } from '@skills-passport/core';

export interface StatusListServiceOptions {
  fetch: GuardedFetch;
  resolveDid: ResolveDid;
  verifySignature: Ed25519Verify;
  /** ES256 verification for lists signed with P-256 keys (Token Status Lists); WebCrypto's when absent. */
  verifyP256?: P256Verify;
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

  /** The list document as fetched: a JSON object (Data Integrity) or a JWT (a VC-JWT or a status list token). */
  function bodyOf(text: string): string | Record<string, unknown> | undefined {
    const trimmed = text.trim();
    if (!trimmed.startsWith('{')) return trimmed;
    const parsed = parseStrictJson(trimmed, { maxLength: 2 * 1024 * 1024 });
    return parsed.ok &&
      typeof parsed.value === 'object' &&
      parsed.value !== null &&
      !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : undefined;
  }

  async function verifyList(url: string, text: string) {
    const body = bodyOf(text);
    if (body === undefined)
      return {
        ok: false as const,
        code: 'ERR_STATUS_LIST_INVALID' as const,
        reason: `The status list at ${url} is not a JSON document or a JWT.`,
      };
    return verifyStatusListCredential(url, body, {
      resolveDid: options.resolveDid,
      verifySignature: options.verifySignature,
      ...(options.verifyP256 === undefined ? {} : { verifyP256: options.verifyP256 }),
      now: options.now,
      clockSkewSeconds: options.clockSkewSeconds,
      ...(options.maxListBytes === undefined ? {} : { maxListBytes: options.maxListBytes }),
      ...(options.defaultTtlMs === undefined ? {} : { defaultTtlMs: options.defaultTtlMs }),
    });
  }

  async function lookupOnce(url: string): Promise<StatusListLookup> {
    const cached = cache.get(url);
    const reuseForMs = Math.min(options.reuseForMs ?? 0, cached?.ttlMs ?? 0);
    if (cached !== undefined && options.now() < cached.fetchedAt + reuseForMs) {
      return { ok: true, list: cached, fromCache: true };
    }
    const fetched = await options.fetch(url, {
      // Either envelope: a JWT list, or one with a Data Integrity proof (JSON-LD); or an IETF
      // Token Status List token, which SD-JWT VCs name (core tells them apart by `typ`).
      accept: [
        'application/statuslist+jwt',
        'application/vc+jwt',
        'application/jwt',
        'application/ld+json',
        'application/json',
        'text/plain',
      ],
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
      const verified = await verifyList(url, fetched.body);
      if (!verified.ok) return verified;
      const { ok: _ok, ...list } = verified;
      const entry: VerifiedStatusList = {
        url,
        ...list,
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
