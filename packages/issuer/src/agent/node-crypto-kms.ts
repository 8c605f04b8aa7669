import { createECDH, createPrivateKey, sign as nodeSign, type KeyObject } from 'node:crypto';
import type { IKey, ManagedKeyInfo, MinimalImportableKey, TKeyType } from '@veramo/core';
import { AbstractKeyManagementSystem, type AbstractPrivateKeyStore } from '@veramo/key-manager';
import { KeyManagementSystem } from '@veramo/kms-local';
import { toLowS } from '../crypto/p256.js';

/** How long a decrypted signing key stays in memory after its last use, and how many are kept. */
const HANDLE_TTL_MS = 10 * 60 * 1000;
const MAX_HANDLES = 1000;

/** The algorithms signed here, by the key type each is bound to. */
const ALGORITHMS_OF: Readonly<Record<'Ed25519' | 'Secp256r1', readonly (string | undefined)[]>> = {
  Ed25519: [undefined, 'EdDSA', 'Ed25519'],
  Secp256r1: [undefined, 'ES256'],
};

const SIGNED_HERE = ['Ed25519', 'Secp256r1'] as const;

interface Handle {
  key: KeyObject;
  type: 'Ed25519' | 'Secp256r1';
  lastUsed: number;
}

/**
 * A Veramo key management system that signs EdDSA (Ed25519) and ES256 (P-256) with node:crypto
 * (OpenSSL) instead of kms-local's pure JavaScript, and keeps decrypted private keys as `KeyObject`
 * handles in memory for a bounded time. Key creation, import and storage stay with kms-local, so
 * private keys remain encrypted at rest in the same private key store. ES256 signatures are always
 * returned in low-S form: our verifiers refuse the high-S twin.
 */
export class NodeCryptoKms extends AbstractKeyManagementSystem {
  readonly #local: KeyManagementSystem;
  readonly #handles = new Map<string, Handle>();

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

  /** Signatures come back base64url-encoded, as kms-local returns them (ES256: `r || s`, 64 bytes). */
  async sign(args: {
    keyRef: Pick<IKey, 'kid'>;
    algorithm?: string;
    data: Uint8Array;
    [x: string]: unknown;
  }): Promise<string> {
    const handle = await this.#handle(args.keyRef.kid);
    if (handle === undefined) return this.#local.sign(args);
    if (!ALGORITHMS_OF[handle.type].includes(args.algorithm))
      throw new Error(`not_supported: cannot sign ${args.algorithm} with a ${handle.type} key`);
    if (handle.type === 'Ed25519') return nodeSign(null, args.data, handle.key).toString('base64url');
    const signature = nodeSign('sha256', args.data, { key: handle.key, dsaEncoding: 'ieee-p1363' });
    return Buffer.from(toLowS(signature)).toString('base64url');
  }

  async #handle(kid: string): Promise<Handle | undefined> {
    const now = this.now();
    const cached = this.#handles.get(kid);
    if (cached !== undefined && now - cached.lastUsed < HANDLE_TTL_MS) {
      cached.lastUsed = now;
      return cached;
    }
    const stored = await this.privateKeys.getKey({ alias: kid });
    const type = SIGNED_HERE.find((t) => t === stored.type);
    if (type === undefined) return undefined;
    const handle: Handle = { key: privateKeyObject(type, stored.privateKeyHex), type, lastUsed: now };
    if (this.#handles.size >= MAX_HANDLES) {
      const oldest = [...this.#handles.entries()].sort((a, b) => a[1].lastUsed - b[1].lastUsed)[0];
      if (oldest !== undefined) this.#handles.delete(oldest[0]);
    }
    this.#handles.set(kid, handle);
    return handle;
  }
}

/** A node:crypto key from kms-local's stored private key hex. */
function privateKeyObject(type: 'Ed25519' | 'Secp256r1', privateKeyHex: string): KeyObject {
  const bytes = Buffer.from(privateKeyHex, 'hex');
  if (type === 'Ed25519') {
    // kms-local stores the 32-byte seed followed by the 32-byte public key.
    return createPrivateKey({
      key: {
        kty: 'OKP',
        crv: 'Ed25519',
        d: bytes.subarray(0, 32).toString('base64url'),
        x: bytes.subarray(32, 64).toString('base64url'),
      },
      format: 'jwk',
    });
  }
  // kms-local stores the 32-byte scalar; the JWK wants the public point too.
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(bytes);
  const point = ecdh.getPublicKey();
  return createPrivateKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      d: bytes.toString('base64url'),
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33, 65).toString('base64url'),
    },
    format: 'jwk',
  });
}
