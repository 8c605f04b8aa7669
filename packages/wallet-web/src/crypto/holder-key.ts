import type { KeyringRecord } from '../store/db.js';
import { didKeyFromPublicKey } from './did-key.js';

// The holder key (ADR, also in the README):
// - Everyday signing uses an Ed25519 private key imported NON-extractable: script on the page can
//   sign with it but never read it out.
// - A backup must carry the key, or restoring would give the learner a new DID that no longer
//   matches the credentials' subject. So at creation the key is generated extractable exactly once,
//   its PKCS #8 form is wrapped (AES-GCM) with a second, non-extractable wrapping key, and the
//   extractable handle is dropped. Only the backup code unwraps it, in memory, to encrypt it again
//   under the learner's passphrase.
// - Both keys live in IndexedDB as CryptoKey objects (structured clone), never as raw bytes.

const ED25519 = { name: 'Ed25519' } as const;

function randomIv(): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(12));
}

/** Builds the stored keyring for a PKCS #8 Ed25519 private key and its 32-byte public key. */
async function keyringFrom(
  pkcs8: ArrayBuffer,
  publicKey: Uint8Array,
  createdAt: string,
): Promise<KeyringRecord> {
  const signingKey = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  const wrapKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
  // wrapKey needs a CryptoKey; import the PKCS #8 once more, extractable, only to wrap it.
  const exportable = await crypto.subtle.importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
  const iv = randomIv();
  const data = await crypto.subtle.wrapKey('pkcs8', exportable, wrapKey, { name: 'AES-GCM', iv });
  return {
    id: 'holder',
    did: didKeyFromPublicKey(publicKey),
    publicKey: Uint8Array.from(publicKey),
    signingKey,
    wrapKey,
    wrappedPrivateKey: { iv, data },
    createdAt,
  };
}

/** Generates a new holder key. */
export async function createHolderKey(): Promise<KeyringRecord> {
  const pair = await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify']);
  const pkcs8 = await crypto.subtle.exportKey('pkcs8', pair.privateKey);
  const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return keyringFrom(pkcs8, publicKey, new Date().toISOString());
}

/** The PKCS #8 bytes of the holder key, for a backup only. */
export async function exportPrivateKeyForBackup(keyring: KeyringRecord): Promise<ArrayBuffer> {
  const key = await crypto.subtle.unwrapKey(
    'pkcs8',
    keyring.wrappedPrivateKey.data,
    keyring.wrapKey,
    { name: 'AES-GCM', iv: Uint8Array.from(keyring.wrappedPrivateKey.iv) },
    ED25519,
    true,
    ['sign'],
  );
  return crypto.subtle.exportKey('pkcs8', key);
}

/**
 * Rebuilds a keyring from a backed-up PKCS #8 key; checks that the key is Ed25519 and belongs to
 * `did` by signing and verifying a probe with the public key the DID names.
 */
export async function keyringFromBackup(
  pkcs8: ArrayBuffer,
  publicKey: Uint8Array,
  createdAt: string,
): Promise<KeyringRecord> {
  const record = await keyringFrom(pkcs8, publicKey, createdAt);
  const probe = crypto.getRandomValues(new Uint8Array(32));
  const signature = await crypto.subtle.sign(ED25519, record.signingKey, probe);
  const verifyKey = await crypto.subtle.importKey('raw', Uint8Array.from(publicKey), ED25519, false, [
    'verify',
  ]);
  if (!(await crypto.subtle.verify(ED25519, verifyKey, signature, probe))) {
    throw new TypeError('The private key does not match the public key.');
  }
  return record;
}
