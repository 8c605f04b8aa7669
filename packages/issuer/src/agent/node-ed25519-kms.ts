import { createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import type { IKey, ManagedKeyInfo, MinimalImportableKey, TKeyType } from '@veramo/core';
import { AbstractKeyManagementSystem, type AbstractPrivateKeyStore } from '@veramo/key-manager';
import { KeyManagementSystem } from '@veramo/kms-local';

/** How long a decrypted signing key stays in memory after its last use, and how many are kept. */
const HANDLE_TTL_MS = 10 * 60 * 1000;
const MAX_HANDLES = 1000;

/**
 * A Veramo key management system for Ed25519 that signs with node:crypto (OpenSSL) instead of the
 * pure-JavaScript Ed25519 of kms-local, and keeps decrypted private keys as non-exportable-in-practice
 * `KeyObject` handles in memory for a bounded time. Key creation, import and storage stay with
 * kms-local, so private keys remain encrypted at rest in the same private key store.
 */
export class NodeEd25519Kms extends AbstractKeyManagementSystem {
  readonly #local: KeyManagementSystem;
  readonly #handles = new Map<string, { key: KeyObject; lastUsed: number }>();

  constructor(
    private readonly privateKeys: AbstractPrivateKeyStore,
    private readonly now: () => number = Date.now,
  ) {
    super();
    this.#local = new KeyManagementSystem(privateKeys);
  }

  importKey(args: Exclude<MinimalImportableKey, 'kms'>): Promise<ManagedKeyInfo> {
    return this.#local.importKey(args);
  }

  listKeys(): Promise<ManagedKeyInfo[]> {
    return this.#local.listKeys();
  }

  createKey(args: { type: TKeyType; meta?: Record<string, unknown> }): Promise<ManagedKeyInfo> {
    return this.#local.createKey(args);
  }

  deleteKey(args: { kid: string }): Promise<boolean> {
    this.#handles.delete(args.kid);
    return this.#local.deleteKey(args);
  }

  sharedSecret(args: {
    myKeyRef: Pick<IKey, 'kid'>;
    theirKey: Pick<IKey, 'publicKeyHex' | 'type'>;
  }): Promise<string> {
    return this.#local.sharedSecret(args);
  }

  /** EdDSA signatures come back base64url-encoded, as kms-local returns them. */
  async sign(args: {
    keyRef: Pick<IKey, 'kid'>;
    algorithm?: string;
    data: Uint8Array;
    [x: string]: unknown;
  }): Promise<string> {
    if (args.algorithm !== undefined && args.algorithm !== 'EdDSA' && args.algorithm !== 'Ed25519') {
      return this.#local.sign(args);
    }
    const handle = await this.#handle(args.keyRef.kid);
    if (handle === undefined) return this.#local.sign(args);
    return nodeSign(null, args.data, handle).toString('base64url');
  }

  async #handle(kid: string): Promise<KeyObject | undefined> {
    const now = this.now();
    const cached = this.#handles.get(kid);
    if (cached !== undefined && now - cached.lastUsed < HANDLE_TTL_MS) {
      cached.lastUsed = now;
      return cached.key;
    }
    const stored = await this.privateKeys.getKey({ alias: kid });
    if (stored.type !== 'Ed25519') return undefined;
    // kms-local stores the 32-byte seed followed by the 32-byte public key.
    const bytes = Buffer.from(stored.privateKeyHex, 'hex');
    const key = createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: bytes.subarray(0, 32).toString('base64url'),
        x: bytes.subarray(32, 64).toString('base64url'),
      },
      format: 'jwk',
    });
    if (this.#handles.size >= MAX_HANDLES) {
      const oldest = [...this.#handles.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (oldest !== undefined) this.#handles.delete(oldest[0]);
    }
    this.#handles.set(kid, { key, lastUsed: now });
    return key;
  }
}
