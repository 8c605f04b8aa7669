import { decodeDidKey, didKeyDocument, didWebUrl, parseStrictJson } from '@skills-passport/core';
import { WalletError } from '../errors.js';
import { fetchText } from './http.js';

const CACHE_MS = 5 * 60 * 1000;
const cache = new Map<string, { at: number; document: unknown }>();
/** Fetches under way, so a screen checking many credentials of one issuer fetches its DID once. */
const inflight = new Map<string, Promise<unknown>>();

/**
 * Resolves a DID to its DID document: did:key locally, did:web over https (http on localhost
 * only). Documents are kept for five minutes. Throws `ERR_ISSUER_UNREACHABLE` when the document
 * cannot be fetched and `ERR_DID_RESOLUTION_FAILED` when it is not usable, each with a reason a
 * person can act on (which URL, what went wrong).
 */
export async function resolveDid(did: string): Promise<unknown> {
  if (did.startsWith('did:key:')) {
    const result = didKeyDocument(did);
    if (!result.ok || !decodeDidKey(did).ok) {
      throw new WalletError('ERR_DID_RESOLUTION_FAILED', `${did}: not a valid did:key`, {
        reason: 'ERR_DID_INVALID',
      });
    }
    return result.document;
  }
  if (!did.startsWith('did:web:')) {
    throw new WalletError('ERR_DID_RESOLUTION_FAILED', `${did}: only did:web and did:key are supported`, {
      reason: 'ERR_DID_METHOD_UNSUPPORTED',
    });
  }
  const cached = cache.get(did);
  if (cached !== undefined && Date.now() - cached.at < CACHE_MS) return cached.document;
  let pending = inflight.get(did);
  if (pending === undefined) {
    pending = fetchDidWeb(did).finally(() => inflight.delete(did));
    inflight.set(did, pending);
  }
  return pending;
}

async function fetchDidWeb(did: string): Promise<unknown> {
  const location = didWebUrl(did, { allowInsecureLocalhost: true });
  if (!location.ok) {
    throw new WalletError('ERR_DID_RESOLUTION_FAILED', `${did}: ${location.reason}`, {
      reason: location.code,
    });
  }
  // A network failure is ERR_ISSUER_UNREACHABLE (try later); a bad document is not recognised.
  const text = await fetchText(location.url, { unreachable: 'ERR_ISSUER_UNREACHABLE', maxBytes: 100_000 });
  const parsed = parseStrictJson(text);
  if (!parsed.ok) {
    throw new WalletError('ERR_DID_RESOLUTION_FAILED', `${location.url}: ${parsed.reason}`, {
      reason: parsed.code,
    });
  }
  cache.set(did, { at: Date.now(), document: parsed.value });
  return parsed.value;
}

/** Forgets cached DID documents (after a failed check, to retry fresh next time). */
export function forgetDid(did: string): void {
  cache.delete(did);
}
