import type { ErrorCode } from '../errors.js';
import type { ParsedJws } from './compact-jws.js';
import type { DidKey } from './did-document.js';
import type { Ed25519Verify } from './ed25519.js';

/** The outcome of {@link verifyJws}: which key signed, or why none did. */
export type VerifyJwsResult = { ok: true; keyId: string } | { ok: false; code: ErrorCode; reason: string };

/**
 * Checks a parsed JWS against candidate keys (already narrowed to the header's `kid` when it has
 * one) and reports the first key whose signature verifies; `ERR_SIGNATURE_INVALID` when none does.
 */
export async function verifyJws(
  jws: ParsedJws,
  keys: DidKey[],
  verify: Ed25519Verify,
): Promise<VerifyJwsResult> {
  for (const key of keys) {
    if (await verify(key.publicKey, jws.signingInput, jws.signature)) return { ok: true, keyId: key.id };
  }
  return {
    ok: false,
    code: 'ERR_SIGNATURE_INVALID',
    reason: "The signature does not match the signer's published key.",
  };
}
