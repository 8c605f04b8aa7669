import type { ErrorCode } from '../../errors.js';
import { verifyDataIntegrityProof } from '../../data-integrity/verify-proof.js';
import type { ResolveDidDocument } from '../../data-integrity/types.js';
import { parseCompactJws, type ParsedJws } from '../compact-jws.js';
import { normalizeCredentialJwt } from '../credential-jwt.js';
import { selectVerificationKeys } from '../did-document.js';
import type { Ed25519Verify } from '../ed25519.js';
import type { P256Verify } from '../p256.js';
import { decodeStatusList, type StatusBitstring } from '../status-list.js';
import { decodeTokenStatusList, STATUS_LIST_TOKEN_TYPE } from '../token-status-list.js';
import { validityWindow } from '../validity-window.js';
import { verifyJws } from '../verify-jws.js';
import { issuerOf } from './ldp-vc.js';

/** A verified status list as a verifier keeps it: who signed it, its bits, until when it may stand in. */
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

/** A status list to use, or why there is none; `fetchError` marks a recent copy used because fetching failed. */
export type StatusListLookup =
  | { ok: true; list: VerifiedStatusList; fromCache: boolean; fetchError?: string }
  | { ok: false; code: ErrorCode; reason: string };

/** Fetches, verifies (with {@link verifyStatusListCredential}) and caches status lists: the host's port. */
export interface StatusListService {
  /** The list at `url`; `memo` shares one lookup per URL across one verification. */
  lookup(url: string, memo?: Map<string, Promise<StatusListLookup>>): Promise<StatusListLookup>;
}

export interface StatusListVerificationOptions {
  resolveDid: ResolveDidDocument;
  verifySignature: Ed25519Verify;
  /** ES256 (P-256) verification; WebCrypto's when absent. */
  verifyP256?: P256Verify;
  /** Milliseconds since the epoch. */
  now: () => number;
  clockSkewSeconds: number;
  /** Bound on the decompressed list (default in `decodeStatusList`). */
  maxListBytes?: number;
  /** Used when the list names no ttl; default 5 minutes. Any ttl is capped at one day. */
  defaultTtlMs?: number;
}

/** A status list credential checked: its issuer, purpose, bits and how long it may be reused. */
export type StatusListVerification =
  | {
      ok: true;
      issuer: string;
      purpose: string;
      list: StatusBitstring;
      suspended?: StatusBitstring;
      ttlMs: number;
    }
  | { ok: false; code: ErrorCode; reason: string };

const DAY_MS = 86_400_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The signed list document and its issuer, from a JWT or a Data Integrity credential. */
async function signedList(
  body: string | Record<string, unknown>,
  options: StatusListVerificationOptions,
): Promise<
  | { ok: true; issuer: string; document: Record<string, unknown>; notBefore?: number; expires?: number }
  | { ok: false; code: ErrorCode; reason: string }
> {
  if (typeof body !== 'string') {
    const issuer = issuerOf(body);
    if (issuer === undefined)
      return { ok: false, code: 'ERR_STATUS_LIST_INVALID', reason: 'names no issuer.' };
    const verified = await verifyDataIntegrityProof(body, {
      expectedProofPurpose: 'assertionMethod',
      expectedController: issuer,
      resolveDid: options.resolveDid,
      verifySignature: options.verifySignature,
      now: options.now,
      clockSkewSeconds: options.clockSkewSeconds,
    });
    if (!verified.ok)
      return {
        ok: false,
        code: verified.code === 'ERR_SIGNATURE_INVALID' ? 'ERR_SIGNATURE_INVALID' : 'ERR_STATUS_LIST_INVALID',
        reason: `has no valid Data Integrity proof of its issuer: ${verified.reason}`,
      };
    const seconds = (value: unknown) =>
      typeof value === 'string' && !Number.isNaN(Date.parse(value))
        ? Math.floor(Date.parse(value) / 1000)
        : undefined;
    const notBefore = seconds(body.validFrom);
    const expires = seconds(body.validUntil);
    return {
      ok: true,
      issuer,
      document: body,
      ...(notBefore === undefined ? {} : { notBefore }),
      ...(expires === undefined ? {} : { expires }),
    };
  }
  const parsed = parseCompactJws(body.trim());
  if (!parsed.ok)
    return {
      ok: false,
      code: 'ERR_STATUS_LIST_INVALID',
      reason: `is not an acceptable JWT: ${parsed.reason}`,
    };
  const normalized = normalizeCredentialJwt(parsed.jws.payload);
  if (!normalized.ok)
    return {
      ok: false,
      code: 'ERR_STATUS_LIST_INVALID',
      reason: `is not a credential JWT: ${normalized.reason}`,
    };
  const issuer = normalized.value.issuer;
  const resolved = await options.resolveDid(issuer);
  if (!resolved.ok) return resolved;
  const keys = selectVerificationKeys(resolved.document, issuer, 'assertionMethod', parsed.jws.header.kid);
  if (!keys.ok) return keys;
  const signed = await verifyJws(parsed.jws, keys.keys, options.verifySignature, options.verifyP256);
  if (!signed.ok)
    return { ok: false, code: 'ERR_SIGNATURE_INVALID', reason: "does not match its issuer's key." };
  return {
    ok: true,
    issuer,
    document: normalized.value.credential,
    ...(normalized.value.notBefore === undefined ? {} : { notBefore: normalized.value.notBefore }),
    ...(normalized.value.expires === undefined ? {} : { expires: normalized.value.expires }),
  };
}

/**
 * Checks a fetched Bitstring Status List credential, in either envelope — a VC-JWT (`body` a
 * string) or a Data Integrity document (`body` the parsed JSON): signed by a key its issuer's DID
 * document lists for assertions, of type BitstringStatusListCredential, valid now, with a
 * decodable list within the size bound. Never throws.
 */
export async function verifyStatusListCredential(
  url: string,
  body: string | Record<string, unknown>,
  options: StatusListVerificationOptions,
): Promise<StatusListVerification> {
  const invalid = (reason: string, code: ErrorCode = 'ERR_STATUS_LIST_INVALID'): StatusListVerification => ({
    ok: false,
    code,
    reason: `The status list at ${url} ${reason}`,
  });
  if (typeof body === 'string') {
    const token = parseCompactJws(body.trim());
    if (token.ok && token.jws.header.typ === STATUS_LIST_TOKEN_TYPE)
      return verifyStatusListToken(url, token.jws, options);
  }
  const signed = await signedList(body, options);
  if (!signed.ok)
    return signed.code === 'ERR_STATUS_LIST_INVALID' || signed.code === 'ERR_SIGNATURE_INVALID'
      ? invalid(signed.reason, signed.code)
      : signed;
  const { document, issuer } = signed;
  const types = document.type;
  if (!Array.isArray(types) || !types.includes('BitstringStatusListCredential'))
    return invalid('is not a BitstringStatusListCredential.');
  const verdict = validityWindow({
    now: Math.floor(options.now() / 1000),
    skewSeconds: options.clockSkewSeconds,
    ...(signed.notBefore === undefined ? {} : { notBefore: signed.notBefore }),
    ...(signed.expires === undefined ? {} : { expires: signed.expires }),
  });
  if (verdict !== 'valid') return invalid(`is ${verdict === 'expired' ? 'expired' : 'not yet valid'}.`);
  const subject = document.credentialSubject;
  if (!isObject(subject) || subject.type !== 'BitstringStatusList')
    return invalid('has no BitstringStatusList subject.');
  if (typeof subject.statusPurpose !== 'string') return invalid('names no status purpose.');
  const bound = options.maxListBytes === undefined ? {} : { maxBytes: options.maxListBytes };
  const decoded = await decodeStatusList(subject.encodedList, bound);
  if (!decoded.ok)
    return { ok: false, code: decoded.code, reason: `The status list at ${url}: ${decoded.reason}` };
  const suspended =
    subject.suspended === undefined ? undefined : await decodeStatusList(subject.suspended, bound);
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

/** The DID a `kid` DID URL belongs to (`did:web:x#key-1` → `did:web:x`). */
function didOfKid(kid: unknown): string | undefined {
  if (typeof kid !== 'string' || !kid.startsWith('did:')) return undefined;
  const did = kid.split('#')[0];
  return did === '' ? undefined : did;
}

/**
 * Checks an IETF Token Status List token (draft-ietf-oauth-status-list): `typ: statuslist+jwt`,
 * `sub` exactly the URL it was fetched from, signed (EdDSA or ES256) by a key its issuer's DID
 * document lists for assertions — the issuer named by `iss` or by the DID of `kid` — issued in the
 * past, not expired, with a decodable list within the size bound. Its ttl (seconds) sets reuse.
 */
async function verifyStatusListToken(
  url: string,
  jws: ParsedJws,
  options: StatusListVerificationOptions,
): Promise<StatusListVerification> {
  const invalid = (reason: string, code: ErrorCode = 'ERR_STATUS_LIST_INVALID'): StatusListVerification => ({
    ok: false,
    code,
    reason: `The status list at ${url} ${reason}`,
  });
  const { header, payload } = jws;
  if (payload.sub !== url) return invalid('is the list of another address (sub).');
  const keyOwner = didOfKid(header.kid);
  const issuer = typeof payload.iss === 'string' ? payload.iss : keyOwner;
  if (issuer === undefined || (keyOwner !== undefined && keyOwner !== issuer))
    return invalid('names no issuer, or a key of another issuer.');
  const resolved = await options.resolveDid(issuer);
  if (!resolved.ok) return resolved;
  const keys = selectVerificationKeys(resolved.document, issuer, 'assertionMethod', header.kid);
  if (!keys.ok) return keys;
  const signed = await verifyJws(jws, keys.keys, options.verifySignature, options.verifyP256);
  if (!signed.ok) return invalid("does not match its issuer's key.", 'ERR_SIGNATURE_INVALID');
  const now = Math.floor(options.now() / 1000);
  if (typeof payload.iat !== 'number' || payload.iat > now + options.clockSkewSeconds)
    return invalid('has no issuance time in the past (iat).');
  if (
    payload.exp !== undefined &&
    (typeof payload.exp !== 'number' || payload.exp < now - options.clockSkewSeconds)
  )
    return invalid('is expired.');
  const decoded = await decodeTokenStatusList(payload.status_list, options.maxListBytes);
  if (!decoded.ok)
    return { ok: false, code: decoded.code, reason: `The status list at ${url}: ${decoded.reason}` };
  const ttl =
    typeof payload.ttl === 'number' && Number.isFinite(payload.ttl) && payload.ttl > 0
      ? payload.ttl * 1000
      : (options.defaultTtlMs ?? 300_000);
  return {
    ok: true,
    issuer,
    purpose: 'revocation',
    list: decoded.list,
    suspended: decoded.suspended,
    ttlMs: Math.min(ttl, DAY_MS),
  };
}
