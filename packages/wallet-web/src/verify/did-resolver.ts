import {
  decodeDidKey,
  didKeyDocument,
  didWebUrl,
  parseStrictJson,
  type ResolveDidDocument,
} from '@skills-passport/core';
import { base64url, utf8 } from '../crypto/encoding.js';
import { isCoreCode, isWalletError } from '../errors.js';
import { fetchText } from './http.js';

/** What {@link resolveDid} answers: the shape core's verification pipeline takes. */
export type DidResolution = Awaited<ReturnType<ResolveDidDocument>>;

const CACHE_MS = 5 * 60 * 1000;
/** An issuer that could not be reached is tried again after this long, not once per credential. */
const UNREACHABLE_MS = 5_000;
const unreachable = new Map<string, { at: number; resolution: DidResolution }>();
const cache = new Map<string, { at: number; document: unknown; fingerprint: string }>();
/** Fetches under way, so a screen checking many credentials of one issuer fetches its DID once. */
const inflight = new Map<string, Promise<DidResolution>>();

/**
 * Resolves a DID to its DID document: did:key locally, did:web over https (http on localhost
 * only). Documents are kept for five minutes. Never throws: a document that cannot be fetched is
 * `ERR_ISSUER_UNREACHABLE` (try later), one that is not usable `ERR_DID_*` or the JSON parser's
 * code, each with a reason a person can act on (which URL, what went wrong).
 */
export const resolveDid: ResolveDidDocument = (did) => {
  if (did.startsWith('did:key:')) {
    const result = didKeyDocument(did);
    if (!result.ok || !decodeDidKey(did).ok)
      return Promise.resolve({ ok: false, code: 'ERR_DID_INVALID', reason: `${did}: not a valid did:key` });
    return Promise.resolve({ ok: true, document: result.document });
  }
  if (!did.startsWith('did:web:'))
    return Promise.resolve({
      ok: false,
      code: 'ERR_DID_METHOD_UNSUPPORTED',
      reason: `${did}: only did:web and did:key are supported`,
    });
  const cached = cache.get(did);
  if (cached !== undefined && Date.now() - cached.at < CACHE_MS)
    return Promise.resolve({ ok: true, document: cached.document });
  const failed = unreachable.get(did);
  if (failed !== undefined && Date.now() - failed.at < UNREACHABLE_MS)
    return Promise.resolve(failed.resolution);
  let pending = inflight.get(did);
  if (pending === undefined) {
    pending = fetchDidWeb(did).then((resolution) => {
      inflight.delete(did);
      if (!resolution.ok && resolution.code === 'ERR_ISSUER_UNREACHABLE')
        unreachable.set(did, { at: Date.now(), resolution });
      return resolution;
    });
    inflight.set(did, pending);
  }
  return pending;
};

async function fetchDidWeb(did: string): Promise<DidResolution> {
  const location = didWebUrl(did, { allowInsecureLocalhost: true });
  if (!location.ok) return { ok: false, code: location.code, reason: `${did}: ${location.reason}` };
  let text: string;
  try {
    text = await fetchText(location.url, { unreachable: 'ERR_ISSUER_UNREACHABLE', maxBytes: 100_000 });
  } catch (error) {
    // A network failure or an error status: the issuer may be back later.
    return {
      ok: false,
      code: isWalletError(error) && isCoreCode(error.code) ? error.code : 'ERR_ISSUER_UNREACHABLE',
      reason: isWalletError(error) ? (error.detail ?? location.url) : location.url,
    };
  }
  const parsed = parseStrictJson(text);
  if (!parsed.ok) return { ok: false, code: parsed.code, reason: `${location.url}: ${parsed.reason}` };
  const fingerprint = base64url(await crypto.subtle.digest('SHA-256', utf8(text)));
  cache.set(did, { at: Date.now(), document: parsed.value, fingerprint });
  return { ok: true, document: parsed.value };
}

/**
 * What the wallet last resolved `did` to, as a short fingerprint: the DID itself for a did:key
 * (its document follows from it), the SHA-256 of the fetched document for a did:web (so a rotated
 * or withdrawn key gives another fingerprint). `undefined` when it has not been resolved in the
 * last five minutes.
 */
export function didFingerprint(did: string): string | undefined {
  if (did.startsWith('did:key:')) return did;
  const cached = cache.get(did);
  return cached === undefined || Date.now() - cached.at >= CACHE_MS ? undefined : cached.fingerprint;
}

/** Forgets a cached DID document (after a failed check, to retry fresh next time). */
export function forgetDid(did: string): void {
  cache.delete(did);
  unreachable.delete(did);
}
