import { base58btc, fromBase58btc } from './encoding.js';

const ED25519_PUB = [0xed, 0x01] as const;

/** The `did:key` of a 32-byte Ed25519 public key (multicodec 0xed01, multibase base58btc). */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('An Ed25519 public key is 32 bytes.');
  return `did:key:z${base58btc(Uint8Array.from([...ED25519_PUB, ...publicKey]))}`;
}

/** The verification method id of a did:key (`did:key:z…#z…`). */
export function didKeyVerificationMethod(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** The Ed25519 public key of a did:key, or `undefined` when it is not one. */
export function publicKeyFromDidKey(did: string): Uint8Array | undefined {
  const match = /^did:key:z([1-9A-HJ-NP-Za-km-z]{40,60})$/.exec(did);
  if (match === null) return undefined;
  const bytes = fromBase58btc(match[1]!);
  if (bytes?.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return undefined;
  return bytes.slice(2);
}
