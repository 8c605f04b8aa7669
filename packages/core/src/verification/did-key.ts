import type { ErrorCode } from '../errors.js';
import { decodeBase58btc, encodeBase58btc } from './bytes.js';
import type { DidDocument } from './did-document.js';

/** Multicodec prefix of an Ed25519 public key (varint 0xed). */
const ED25519_PUB = [0xed, 0x01] as const;

/** The outcome of {@link decodeDidKey}. */
export type DidKeyResult =
  { ok: true; publicKey: Uint8Array } | { ok: false; code: ErrorCode; reason: string };

/** Keys decoded lately (oldest first); a bounded set, so no input can grow it. */
const recentKeys = new Map<string, Uint8Array>();
const MAX_RECENT_KEYS = 256;
/** The multibase text of recently encoded keys, by their bytes as a string. */
const recentMultibase = new Map<string, string>();

/**
 * Decodes the multibase `z…` value of an Ed25519 key (`0xed01` + 32 bytes); `undefined` otherwise.
 */
export function decodeEd25519Multibase(value: string): Uint8Array | undefined {
  if (!value.startsWith('z') || value.length > 60) return undefined;
  // A holder's did:key comes back with every credential of a presentation, an issuer's key
  // with every credential it signed: base58 is decoded once per key, not once per credential.
  const known = recentKeys.get(value);
  // A copy: what a caller does with its bytes must not reach the next caller.
  if (known !== undefined) return known.slice();
  const bytes = decodeBase58btc(value.slice(1), 40);
  if (bytes?.length !== 34 || bytes[0] !== ED25519_PUB[0] || bytes[1] !== ED25519_PUB[1]) return undefined;
  const key = bytes.slice(2);
  if (recentKeys.size >= MAX_RECENT_KEYS) recentKeys.delete(recentKeys.keys().next().value!);
  recentKeys.set(value, key);
  return key.slice();
}

/** The multibase (`z6Mk…`) form of a 32-byte Ed25519 public key. */
export function encodeEd25519Multibase(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new TypeError('An Ed25519 public key is 32 bytes.');
  // Base58 is slow (a division per digit per byte) and an SD-JWT VC's holder key is read as its
  // did:key with every verification: each key is encoded once.
  const bytesKey = String.fromCharCode(...publicKey);
  const known = recentMultibase.get(bytesKey);
  if (known !== undefined) return known;
  const encoded = `z${encodeBase58btc(Uint8Array.from([...ED25519_PUB, ...publicKey]))}`;
  if (recentMultibase.size >= MAX_RECENT_KEYS) recentMultibase.delete(recentMultibase.keys().next().value!);
  recentMultibase.set(bytesKey, encoded);
  return encoded;
}

/**
 * The public key of an Ed25519 `did:key` (`did:key:z6Mk…`). Other key types, DID URLs with paths,
 * queries or fragments, and malformed values are refused (`ERR_DID_INVALID`).
 */
export function decodeDidKey(did: string): DidKeyResult {
  const match = /^did:key:(z[1-9A-HJ-NP-Za-km-z]{1,60})$/.exec(did);
  if (match === null) return { ok: false, code: 'ERR_DID_INVALID', reason: 'Not a did:key identifier.' };
  const publicKey = decodeEd25519Multibase(match[1]!);
  if (publicKey === undefined) {
    return { ok: false, code: 'ERR_DID_INVALID', reason: 'The did:key does not hold an Ed25519 public key.' };
  }
  return { ok: true, publicKey };
}

/** The `did:key` for a 32-byte Ed25519 public key. */
export function didKeyFromPublicKey(publicKey: Uint8Array): string {
  return `did:key:${encodeEd25519Multibase(publicKey)}`;
}

/**
 * The DID document a `did:key` stands for (one Ed25519 verification method, `did#<multibase>`,
 * usable for authentication and assertions), or the reason it is not a valid did:key.
 */
export function didKeyDocument(
  did: string,
): { ok: true; document: DidDocument } | { ok: false; code: ErrorCode; reason: string } {
  const decoded = decodeDidKey(did);
  if (!decoded.ok) return decoded;
  const multibase = did.slice('did:key:'.length);
  const id = `${did}#${multibase}`;
  return {
    ok: true,
    document: {
      id: did,
      verificationMethod: [
        { id, type: 'Ed25519VerificationKey2020', controller: did, publicKeyMultibase: multibase },
      ],
      authentication: [id],
      assertionMethod: [id],
    },
  };
}
