// The fixture organisation's P-256 key (ES256), as the SD-JWT VC ecosystem's high-assurance profile
// asks: signatures in JWS form (r ‖ s, IEEE P1363) with s in its low form, since our verifiers
// refuse the high-S twin of a signature; and the IETF Token Status List token its SD-JWT VCs name.
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** The order n of P-256: s and n − s both verify, only s ≤ n/2 is accepted. */
const ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');

/** A P-256 key pair and its public JWK. */
export function p256Key(): {
  privateKey: KeyObject;
  jwk: { kty: string; crv: string; x: string; y: string };
} {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, jwk: { kty: kty!, crv: crv!, x: x!, y: y! } };
}

/** The base64url ES256 signature of a JWS signing input, low-S. */
export function es256Sign(signingInput: string, key: KeyObject): string {
  const raw = nodeSign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
  let s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
  if (s > ORDER / 2n) s = ORDER - s;
  return Buffer.concat([raw.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex')]).toString(
    'base64url',
  );
}

/** A compact ES256 JWS of `header` (alg added) and `payload`. */
export function es256Jws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): string {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${b64({ alg: 'ES256', ...header })}.${b64(payload)}`;
  return `${input}.${es256Sign(input, key)}`;
}

/** Token Status List statuses (draft-ietf-oauth-status-list §7.1). */
const REVOKED = 1;
const SUSPENDED = 2;

/**
 * The `status_list` claim of a Token Status List token: 2 bits per credential (least significant
 * first within each byte), ZLIB-compressed, base64url.
 */
export function tokenStatusList(
  revoked: ReadonlySet<number>,
  suspended: ReadonlySet<number>,
  size = 16_384,
): { bits: 2; lst: string } {
  const bytes = new Uint8Array(size / 4);
  const set = (index: number, value: number) => {
    bytes[index >> 2]! |= value << ((index & 3) * 2);
  };
  for (const index of revoked) set(index, REVOKED);
  for (const index of suspended) set(index, SUSPENDED);
  return { bits: 2, lst: deflateSync(bytes).toString('base64url') };
}
