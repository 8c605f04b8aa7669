import type { ErrorCode } from '../errors.js';
import type { ParsedJws } from './compact-jws.js';
import type { DidKey } from './did-document.js';
import type { Ed25519Verify } from './ed25519.js';
import { isHighS, webCryptoP256Verify, type P256Verify } from './p256.js';

/** The outcome of {@link verifyJws}: which key signed, or why none did. */
export type VerifyJwsResult = { ok: true; keyId: string } | { ok: false; code: ErrorCode; reason: string };

/**
 * Checks a parsed JWS against candidate keys (already narrowed to the header's `kid` when it has
 * one) and reports the first key whose signature verifies. The header's `alg` is bound to the key
 * type: EdDSA verifies with Ed25519 keys only, ES256 with P-256 keys only
 * (`ERR_JWS_ALG_KEY_MISMATCH` when no candidate is of the right type); a high-S ES256 signature is
 * `ERR_SIGNATURE_NOT_CANONICAL` unless `acceptHighS` (a holder's signature: hardware keys and
 * WebCrypto make either form); otherwise `ERR_SIGNATURE_INVALID` when none verifies.
 */
export async function verifyJws(
  jws: ParsedJws,
  keys: DidKey[],
  verifyEd25519: Ed25519Verify,
  verifyP256: P256Verify = webCryptoP256Verify,
  options: { acceptHighS?: boolean } = {},
): Promise<VerifyJwsResult> {
  const alg = jws.header.alg;
  const usable = keys.filter((key) => (key.alg ?? 'EdDSA') === alg);
  if (usable.length === 0)
    return {
      ok: false,
      code: 'ERR_JWS_ALG_KEY_MISMATCH',
      reason: `The header says ${alg}, but the signer's key is of another type.`,
    };
  if (alg === 'ES256' && options.acceptHighS !== true && isHighS(jws.signature))
    return {
      ok: false,
      code: 'ERR_SIGNATURE_NOT_CANONICAL',
      reason: 'The ECDSA signature is in its high-S form; only the canonical low-S form is accepted.',
    };
  const verify = alg === 'ES256' ? verifyP256 : verifyEd25519;
  for (const key of usable) {
    if (await verify(key.publicKey, jws.signingInput, jws.signature)) return { ok: true, keyId: key.id };
  }
  return {
    ok: false,
    code: 'ERR_SIGNATURE_INVALID',
    reason: "The signature does not match the signer's published key.",
  };
}
