import type { IKey, ManagedKeyInfo } from '@veramo/core';
import { AbstractKeyStore } from '@veramo/key-manager';

/**
 * A Veramo key store that keeps key metadata (kid, type, kms, public key) in memory in front of a
 * persistent store. The key manager looks a key up on every signature; from the database that costs
 * more than the signature itself. Key metadata never changes once written, so the cache needs no
 * invalidation beyond deletion.
 */
export class CachedKeyStore extends AbstractKeyStore {
  readonly #cache = new Map<string, IKey>();

  constructor(readonly inner: AbstractKeyStore) {
    super();
  }

  async importKey(args: Partial<IKey>): Promise<boolean> {
    const result = await this.inner.importKey(args);
    if (args.kid !== undefined) this.#cache.delete(args.kid);
    return result;
  }

  async getKey(args: { kid: string }): Promise<IKey> {
    const cached = this.#cache.get(args.kid);
    if (cached !== undefined) return cached;
    const key = await this.inner.getKey(args);
    this.#cache.set(args.kid, key);
    return key;
  }

  async deleteKey(args: { kid: string }): Promise<boolean> {
    this.#cache.delete(args.kid);
    return this.inner.deleteKey(args);
  }

  listKeys(args: object): Promise<ManagedKeyInfo[]> {
    return this.inner.listKeys(args);
  }
}
