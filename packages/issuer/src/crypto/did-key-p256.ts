import { encodeBase58btc } from '@skills-passport/core';

/** The multicodec prefix of a P-256 public key (p256-pub, 0x1200) as its unsigned varint. */
const P256_PUB = Uint8Array.from([0x80, 0x24]);

/**
 * The `did:key` of a P-256 public key (did:key spec, "P-256"): `z` + base58btc of the multicodec
 * prefix and the 33-byte compressed point (`did:key:zDn…`).
 */
export function didKeyFromP256(compressedPoint: Uint8Array): string {
  if (compressedPoint.length !== 33) throw new TypeError('a compressed P-256 point is 33 bytes');
  const bytes = new Uint8Array(P256_PUB.length + compressedPoint.length);
  bytes.set(P256_PUB);
  bytes.set(compressedPoint, P256_PUB.length);
  return `did:key:z${encodeBase58btc(bytes)}`;
}
