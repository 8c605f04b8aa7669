// Signing helpers for tests: independent of the code under test (node:crypto signs, Buffer
// encodes), so a bug in our parser cannot cancel out a bug in our fixtures.
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

export interface TestKeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** Raw 32-byte public key. */
  raw: Uint8Array;
  /** base64url of the raw public key (JWK `x`). */
  x: string;
}

export function testKeyPair(): TestKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const x = jwk.x!;
  return { privateKey, publicKey, raw: new Uint8Array(Buffer.from(x, 'base64url')), x };
}

export function b64url(value: string | Uint8Array): string {
  return Buffer.from(value).toString('base64url');
}

/** Signs `payload` under `header` (default `{alg: EdDSA, typ: JWT}`) as a compact JWS. */
export function signCompact(
  payload: unknown,
  key: KeyObject,
  header: Record<string, unknown> = { alg: 'EdDSA', typ: 'JWT' },
): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), key))}`;
}

/** A compact JWS from raw header and payload text (for duplicate members and other oddities). */
export function signRaw(headerText: string, payloadText: string, key: KeyObject): string {
  const input = `${b64url(headerText)}.${b64url(payloadText)}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), key))}`;
}
