import type { ErrorCode } from '../errors.js';
import { decodeBase64url } from '../verification/bytes.js';
import { parseCompactJws } from '../verification/compact-jws.js';
import { p256PointOfJwk, type DidKey } from '../verification/did-document.js';
import type { Ed25519Verify } from '../verification/ed25519.js';
import type { P256Verify } from '../verification/p256.js';
import { verifyJws } from '../verification/verify-jws.js';
import { sdDigest } from './digest.js';

type Json = Record<string, unknown>;

/** What the verifier expects of the Key Binding JWT: its own nonce and client_id, and freshness. */
export interface KeyBindingExpectation {
  nonce: string;
  /** The verifier's full client_id, with its prefix (`decentralized_identifier:did:web:…`). */
  audience: string;
  /** How old the KB-JWT may be, in seconds; five minutes unless said. */
  maxAgeSeconds?: number;
}

export type KeyBindingResult = { ok: true } | { ok: false; code: ErrorCode; reason: string };

/** The holder's key from `cnf.jwk`: a public Ed25519 (OKP) or P-256 (EC) key, as a {@link DidKey}. */
export function holderKeyOf(cnf: unknown): DidKey | undefined {
  if (typeof cnf !== 'object' || cnf === null || Array.isArray(cnf)) return undefined;
  const jwk = (cnf as Json).jwk;
  if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk) || 'd' in jwk) return undefined;
  const key = jwk as Json;
  if (key.kty === 'OKP' && key.crv === 'Ed25519' && typeof key.x === 'string') {
    const x = decodeBase64url(key.x);
    return x?.length === 32 ? { id: 'cnf', alg: 'EdDSA', publicKey: x } : undefined;
  }
  const point = p256PointOfJwk(key);
  return point === undefined ? undefined : { id: 'cnf', alg: 'ES256', publicKey: point };
}

/**
 * Checks the Key Binding JWT of a presentation (RFC 9901 §4.3, §7.3): `typ: kb+jwt`, signed with
 * the holder key in `cnf` (its `alg` bound to that key's type), the verifier's nonce and full
 * client_id as `aud`, issued within the allowed age, and `sd_hash` over exactly what was presented.
 */
export async function verifyKeyBinding(
  kbJwt: string | undefined,
  presented: string,
  holderKey: DidKey,
  expected: KeyBindingExpectation,
  ports: {
    verifyEd25519: Ed25519Verify;
    verifyP256?: P256Verify;
    now: () => number;
    clockSkewSeconds: number;
  },
): Promise<KeyBindingResult> {
  if (kbJwt === undefined)
    return { ok: false, code: 'ERR_KB_JWT_MISSING', reason: 'The presentation has no Key Binding JWT.' };
  const parsed = parseCompactJws(kbJwt);
  if (!parsed.ok)
    return {
      ok: false,
      code: parsed.code === 'ERR_JWS_MALFORMED' ? 'ERR_KB_JWT_INVALID' : parsed.code,
      reason: `The Key Binding JWT is not acceptable: ${parsed.reason}`,
    };
  const { header, payload } = parsed.jws;
  if (header.typ !== 'kb+jwt')
    return { ok: false, code: 'ERR_KB_JWT_INVALID', reason: 'The Key Binding JWT is not of type kb+jwt.' };
  // A holder's key may live in hardware that makes high-S ECDSA signatures as often as low ones;
  // the KB-JWT is bound to a single-use nonce, so its malleable twin gains an attacker nothing.
  const signed = await verifyJws(parsed.jws, [holderKey], ports.verifyEd25519, ports.verifyP256, {
    acceptHighS: true,
  });
  if (!signed.ok)
    return {
      ok: false,
      code: signed.code === 'ERR_SIGNATURE_INVALID' ? 'ERR_KB_JWT_INVALID' : signed.code,
      reason: 'The Key Binding JWT is not signed by the key the credential is bound to.',
    };
  if (payload.nonce !== expected.nonce)
    return {
      ok: false,
      code: 'ERR_NONCE_INVALID',
      reason: 'The Key Binding JWT answers another request (nonce).',
    };
  if (payload.aud !== expected.audience)
    return {
      ok: false,
      code: 'ERR_AUDIENCE_INVALID',
      reason: 'The Key Binding JWT is meant for another verifier (aud).',
    };
  const now = Math.floor(ports.now() / 1000);
  const iat = payload.iat;
  if (
    typeof iat !== 'number' ||
    !Number.isFinite(iat) ||
    iat > now + ports.clockSkewSeconds ||
    now - iat > (expected.maxAgeSeconds ?? 300) + ports.clockSkewSeconds
  )
    return {
      ok: false,
      code: 'ERR_PRESENTATION_STALE',
      reason: 'The Key Binding JWT is too old or from the future (iat).',
    };
  if (payload.sd_hash !== sdDigest(presented))
    return {
      ok: false,
      code: 'ERR_KB_JWT_SD_HASH',
      reason: 'The Key Binding JWT covers other disclosures than those presented (sd_hash).',
    };
  return { ok: true };
}
