import type { ErrorCode } from '../errors.js';
import { fromVcdm11, isVcdm11 } from '../vcdm11.js';

/** A credential JWT payload turned back into the credential document it encodes. */
export interface NormalizedCredential {
  /**
   * The full credential document in VC Data Model 2.0 (a 1.1 `vc`, as `jwt_vc_json` carries it,
   * converted as Open Badges 3.0 §8.2 says), ready for `validateCredential`.
   */
  credential: Record<string, unknown>;
  /** `iss`: the issuer DID that must have signed the JWT. */
  issuer: string;
  /** `sub`: the holder DID the credential is bound to, when present. */
  subject?: string;
  /** `nbf` / `exp` in seconds since the epoch. */
  notBefore?: number;
  expires?: number;
}

/** The outcome of {@link normalizeCredentialJwt}. */
export type NormalizeResult =
  { ok: true; value: NormalizedCredential } | { ok: false; code: ErrorCode; reason: string };

/** Claims with a meaning in the JWT itself; every other top-level member belongs to the credential. */
const JWT_CLAIMS = new Set(['iss', 'sub', 'aud', 'nbf', 'exp', 'iat', 'jti', 'vc', 'nonce']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** RFC 3339 date-time for seconds since the epoch, without milliseconds (as did-jwt-vc writes it). */
export function secondsToDateTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, 'Z');
}

function sameInstant(dateTime: unknown, seconds: number): boolean {
  return typeof dateTime === 'string' && Math.floor(Date.parse(dateTime) / 1000) === seconds;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/**
 * Turns the payload of a VC Data Model 1.1 credential JWT (§6.3.1, as `jwt_vc_json` carries it)
 * back into the credential document: `id` ← `jti`, `issuer` ← `{ id: iss, …payload.issuer }`,
 * the issuance date ← `nbf`, the expiration date ← `exp`, `credentialSubject.id` ← `sub`, and other
 * top-level members (`name`, `description`, …) moved into the document; a 1.1 document is then
 * read as the 2.0 document it renders. Where the JWT claims and the embedded document both say
 * something they must agree: a different issuer is `ERR_ISSUER_MISMATCH`; any other disagreement
 * or a missing `vc` is `ERR_CREDENTIAL_JWT_INVALID`.
 */
export function normalizeCredentialJwt(payload: Record<string, unknown>): NormalizeResult {
  const invalid = (reason: string): NormalizeResult => ({
    ok: false,
    code: 'ERR_CREDENTIAL_JWT_INVALID',
    reason,
  });
  const vc = payload.vc;
  if (!isObject(vc)) return invalid('The JWT has no "vc" claim holding a credential.');
  const iss = payload.iss;
  if (typeof iss !== 'string' || !iss.startsWith('did:')) return invalid('The JWT "iss" claim is not a DID.');

  const credential: Record<string, unknown> = { ...vc };
  for (const [key, value] of Object.entries(payload)) {
    if (!JWT_CLAIMS.has(key) && key !== 'issuer') credential[key] = value;
  }

  const issuers = [vc.issuer, payload.issuer].filter((value) => value !== undefined);
  let profile: Record<string, unknown> = {};
  for (const claimed of issuers) {
    const id = typeof claimed === 'string' ? claimed : isObject(claimed) ? claimed.id : undefined;
    if (id !== undefined && id !== iss) {
      return {
        ok: false,
        code: 'ERR_ISSUER_MISMATCH',
        reason: 'The credential names an issuer other than the one who signed it.',
      };
    }
    if (isObject(claimed)) profile = { ...profile, ...claimed };
  }
  credential.issuer = { ...profile, id: iss };

  if (payload.jti !== undefined) {
    if (typeof payload.jti !== 'string') return invalid('The JWT "jti" claim is not a string.');
    if (vc.id !== undefined && vc.id !== payload.jti)
      return invalid('The JWT "jti" and the credential id differ.');
    credential.id = payload.jti;
  }

  // VC Data Model 1.1 names the validity period issuanceDate / expirationDate, 2.0 validFrom / validUntil.
  const [fromKey, untilKey] = isVcdm11(vc) ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil'];
  let notBefore: number | undefined;
  if (payload.nbf !== undefined) {
    if (!isTime(payload.nbf)) return invalid('The JWT "nbf" claim is not a time.');
    if (vc[fromKey] !== undefined && !sameInstant(vc[fromKey], payload.nbf)) {
      return invalid('The JWT "nbf" and the issuance date differ.');
    }
    notBefore = payload.nbf;
    // The document's own date-time when it has one (the same instant, as checked): the JWT
    // envelope then reads as the same credential as a Data Integrity envelope of it.
    credential[fromKey] ??= secondsToDateTime(payload.nbf);
  }
  let expires: number | undefined;
  if (payload.exp !== undefined) {
    if (!isTime(payload.exp)) return invalid('The JWT "exp" claim is not a time.');
    if (vc[untilKey] !== undefined && !sameInstant(vc[untilKey], payload.exp)) {
      return invalid('The JWT "exp" and the expiration date differ.');
    }
    expires = payload.exp;
    credential[untilKey] ??= secondsToDateTime(payload.exp);
  }

  let subject: string | undefined;
  if (payload.sub !== undefined) {
    if (typeof payload.sub !== 'string') return invalid('The JWT "sub" claim is not a string.');
    subject = payload.sub;
    if (isObject(vc.credentialSubject)) {
      if (vc.credentialSubject.id !== undefined && vc.credentialSubject.id !== subject) {
        return invalid('The JWT "sub" and the credential subject differ.');
      }
      credential.credentialSubject = { ...vc.credentialSubject, id: subject };
    }
  }

  return {
    ok: true,
    value: {
      credential: fromVcdm11(credential),
      issuer: iss,
      ...(subject === undefined ? {} : { subject }),
      ...(notBefore === undefined ? {} : { notBefore }),
      ...(expires === undefined ? {} : { expires }),
    },
  };
}
