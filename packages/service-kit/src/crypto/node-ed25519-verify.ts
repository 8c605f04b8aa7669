import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Ed25519Verify } from '@skills-passport/core';

/** Public keys seen recently, imported once: importing costs about as much as verifying. */
const MAX_KEYS = 1000;
const keys = new Map<string, KeyObject>();

function keyFor(publicKey: Uint8Array): KeyObject {
  const id = Buffer.from(publicKey).toString('base64url');
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: id }, format: 'jwk' });
    keys.set(id, key);
  }
  return key;
}

/**
 * Ed25519 verification by node:crypto (OpenSSL), the server side's port for the verification
 * pipeline: synchronous, with imported keys cached. The browser wallet keeps the WebCrypto one.
 * It agrees with every Wycheproof vector (see its test).
 */
export const nodeEd25519Verify: Ed25519Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 32 || signature.length !== 64) return Promise.resolve(false);
  try {
    return Promise.resolve(verify(null, message, keyFor(publicKey), signature));
  } catch {
    return Promise.resolve(false);
  }
};
