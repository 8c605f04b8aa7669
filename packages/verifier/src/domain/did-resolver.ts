import {
  didKeyDocument,
  didWebUrl,
  guardJson,
  parseStrictJson,
  type DidDocument,
  type ErrorCode,
} from '@skills-passport/core';
import type { GuardedFetch } from '../net/guarded-fetch.js';
import { BoundedCache } from './bounded-cache.js';

/** A DID resolved to its document, or a reason a person can act on (which URL, what failed). */
export type DidResolution =
  { ok: true; document: DidDocument } | { ok: false; code: ErrorCode; reason: string };

/** Resolves the DIDs verification meets: `did:key` locally, `did:web` over guarded HTTP. */
export type ResolveDid = (did: string) => Promise<DidResolution>;

export interface DidResolverOptions {
  fetch: GuardedFetch;
  allowInsecureLocalhost: boolean;
  /** Most documents kept; default 500. */
  cacheEntries?: number;
  /** How long a resolved document is reused; default 5 minutes. */
  cacheTtlMs?: number;
  maxDocumentBytes?: number;
  now?: () => number;
}

/**
 * Builds the resolver: did:key documents are derived, did:web documents fetched from the URL the
 * DID names (https, or http for localhost in development), refused unless their `id` equals the
 * DID, and cached with a bound on entries and age. Other methods are `ERR_DID_METHOD_UNSUPPORTED`.
 */
export function createDidResolver(options: DidResolverOptions): ResolveDid {
  const cache = new BoundedCache<{ document: DidDocument; until: number }>(options.cacheEntries ?? 500);
  const ttl = options.cacheTtlMs ?? 5 * 60_000;
  const now = options.now ?? Date.now;

  return async (did) => {
    if (typeof did !== 'string' || did.length > 1000)
      return { ok: false, code: 'ERR_DID_INVALID', reason: 'Not a DID.' };
    if (did.startsWith('did:key:')) return didKeyDocument(did);
    if (!did.startsWith('did:web:')) {
      return {
        ok: false,
        code: 'ERR_DID_METHOD_UNSUPPORTED',
        reason: `Only did:web and did:key are supported, not ${did.split(':').slice(0, 2).join(':')}.`,
      };
    }
    const cached = cache.get(did);
    if (cached !== undefined && cached.until > now()) return { ok: true, document: cached.document };

    const location = didWebUrl(did, { allowInsecureLocalhost: options.allowInsecureLocalhost });
    if (!location.ok) return location;
    const fetched = await options.fetch(location.url, {
      accept: ['application/did+json', 'application/json', 'application/did+ld+json'],
      maxBytes: options.maxDocumentBytes ?? 64 * 1024,
    });
    if (!fetched.ok)
      return {
        ok: false,
        code: fetched.code === 'ERR_FETCH_BLOCKED' ? 'ERR_FETCH_BLOCKED' : 'ERR_DID_RESOLUTION_FAILED',
        reason: `Resolving ${did} at ${location.url} failed: ${fetched.reason}`,
      };
    if (fetched.status !== 200)
      return { ok: false, code: 'ERR_DID_RESOLUTION_FAILED', reason: `${location.url} sent no document.` };
    const parsed = parseStrictJson(fetched.body);
    if (
      !parsed.ok ||
      typeof parsed.value !== 'object' ||
      parsed.value === null ||
      Array.isArray(parsed.value) ||
      guardJson(parsed.value) !== undefined
    ) {
      return {
        ok: false,
        code: 'ERR_DID_DOCUMENT_INVALID',
        reason: `${location.url} did not return a usable JSON DID document.`,
      };
    }
    const document = parsed.value as DidDocument;
    if (document.id !== did) {
      return {
        ok: false,
        code: 'ERR_DID_DOCUMENT_INVALID',
        reason: `The document at ${location.url} is for ${String(document.id)}, not ${did}.`,
      };
    }
    cache.set(did, { document, until: now() + ttl });
    return { ok: true, document };
  };
}
