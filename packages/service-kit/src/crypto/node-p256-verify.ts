import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { P256Verify } from '@skills-passport/core';

/** Public keys seen recently, imported once: importing costs about as much as verifying. */
const MAX_KEYS = 1000;
const keys = new Map<string, KeyObject>();

function keyFor(point: Uint8Array): KeyObject {
  const id = Buffer.from(point).toString('base64url');
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
    const x = Buffer.from(point.subarray(1, 33)).toString('base64url');
    const y = Buffer.from(point.subarray(33, 65)).toString('base64url');
    key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
    keys.set(id, key);
  }
  return key;
}

/**
 * ES256 verification by node:crypto (OpenSSL) for the verification pipeline on servers:
 * synchronous where WebCrypto's is a thread-pool round trip, with imported keys cached. Takes
 * the 65-byte uncompressed point and the 64-byte `r || s` signature JWS carries; the caller
 * refuses high-S signatures before asking (core's `verifyJws`).
 */
export const nodeP256Verify: P256Verify = (publicKey, message, signature) => {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04 || signature.length !== 64)
    return Promise.resolve(false);
  try {
    return Promise.resolve(
      verify('sha256', message, { key: keyFor(publicKey), dsaEncoding: 'ieee-p1363' }, signature),
    );
  } catch {
    return Promise.resolve(false);
  }
};
