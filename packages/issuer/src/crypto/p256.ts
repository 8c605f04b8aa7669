// P-256 (secp256r1) helpers beside node:crypto: JWK <-> point, and ECDSA's low-S rule. ES256
// signatures are IEEE P1363 `r || s`, 32 bytes each, as JWS carries them.
import { createPublicKey, ECDH, verify as nodeVerify } from 'node:crypto';
// Core's: true when `s` lies in the upper half of the group order, the twin our verifiers refuse.
import { isHighS } from '@skills-passport/core';

export { isHighS };

/** The order n of the P-256 group. */
const ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

/** A public P-256 key as JWK (RFC 7518 §6.2.1); never with `d`. */
export interface P256PublicJwk {
  kty: 'EC';
  crv: 'P-256';
  x: string;
  y: string;
}

const toBigInt = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);

/**
 * The low-S form of an ES256 signature: `s` replaced by `n - s` when it lies in the upper half.
 * ECDSA is malleable (`(r, n - s)` verifies wherever `(r, s)` does); our verifiers accept only the
 * low form, so everything we sign is normalised.
 */
export function toLowS(signature: Uint8Array): Uint8Array {
  if (signature.length !== 64) throw new TypeError('an ES256 signature is 64 bytes (r || s)');
  if (!isHighS(signature)) return signature;
  const low = Uint8Array.from(signature);
  const s = ORDER - toBigInt(signature.subarray(32));
  low.set(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'), 32);
  return low;
}

/** The public JWK of a P-256 point given in hex, compressed (33 bytes, as kms-local keeps it) or not. */
export function p256JwkFromHex(publicKeyHex: string): P256PublicJwk {
  const point = ECDH.convertKey(publicKeyHex, 'prime256v1', 'hex', undefined, 'uncompressed') as Buffer;
  return {
    kty: 'EC',
    crv: 'P-256',
    x: point.subarray(1, 33).toString('base64url'),
    y: point.subarray(33, 65).toString('base64url'),
  };
}

/**
 * The compressed point (33 bytes) of a public P-256 JWK, or `undefined` when `jwk` is anything else:
 * another curve, a private key (`d`), coordinates of the wrong length or a point off the curve.
 */
export function compressedP256(jwk: unknown): Uint8Array | undefined {
  if (typeof jwk !== 'object' || jwk === null) return undefined;
  const j = jwk as Record<string, unknown>;
  if (j.kty !== 'EC' || j.crv !== 'P-256' || 'd' in j || typeof j.x !== 'string' || typeof j.y !== 'string')
    return undefined;
  const x = Buffer.from(j.x, 'base64url');
  const y = Buffer.from(j.y, 'base64url');
  if (
    x.length !== 32 ||
    y.length !== 32 ||
    x.toString('base64url') !== j.x ||
    y.toString('base64url') !== j.y
  )
    return undefined;
  try {
    // Throws for a point that is not on the curve.
    const point = Buffer.concat([Buffer.from([0x04]), x, y]);
    return ECDH.convertKey(point, 'prime256v1', undefined, undefined, 'compressed') as Buffer;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a holder's ES256 signature by a public P-256 JWK with node:crypto; false for anything
 * malformed, never throws. High-S is accepted here, unlike in issuers' signatures: a holder's
 * hardware key or WebCrypto makes either form, and a proof is bound to a single-use nonce.
 */
export function verifyEs256(jwk: P256PublicJwk, data: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  try {
    const key = createPublicKey({ key: { ...jwk }, format: 'jwk' });
    return nodeVerify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}
