import { generateKeyPairSync, type KeyObject } from 'node:crypto';

// Written apart from core on purpose: test holders encode their did:key with this code, so a test
// checks core's did:key handling against an independent encoding.
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

function base58btc(bytes: Uint8Array): string {
  let n = 0n;
  for (const b of bytes) n = n * 256n + BigInt(b);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)]! + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** The multibase form (`z6Mk…`) of a raw 32-byte Ed25519 public key, as did:key and Multikey write it. */
export function ed25519Multibase(raw: Uint8Array): string {
  return `z${base58btc(Uint8Array.from([0xed, 0x01, ...raw]))}`;
}

/** A fresh Ed25519 holder key as a did:key, with the key's verification method id. */
export interface HolderKey {
  did: string;
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newHolderKey(): HolderKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const multibase = ed25519Multibase(raw);
  return { did: `did:key:${multibase}`, kid: `did:key:${multibase}#${multibase}`, privateKey, publicKey };
}
