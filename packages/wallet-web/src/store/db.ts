import type { CredentialDocument, CredentialTypeName } from '@skills-passport/core';
import type { CredentialState } from '../passport/credential-state.js';

export type { CredentialState };

// The wallet's IndexedDB: one database, four object stores. Every write transaction asks for
// `durability: 'strict'`, so a write has reached disk before the wallet says it is done.

const DB_NAME = 'skills-passport-wallet';
const DB_VERSION = 1;
const STORES = ['keyring', 'credentials', 'shares', 'settings'] as const;
type StoreName = (typeof STORES)[number];

/** The holder key as stored: see holder-key.ts for why there are two keys and a wrapped copy. */
export interface KeyringRecord {
  id: 'holder';
  did: string;
  publicKey: Uint8Array;
  /** Ed25519 private key, non-extractable, usage `sign`: what every signature uses. */
  signingKey: CryptoKey;
  /** AES-GCM key, non-extractable, usage `unwrapKey` / `wrapKey`: unlocks `wrappedPrivateKey`. */
  wrapKey: CryptoKey;
  /** The private key (PKCS #8) wrapped with `wrapKey`; only a backup ever unwraps it. */
  wrappedPrivateKey: { iv: Uint8Array; data: ArrayBuffer };
  createdAt: string;
}

/** The last live-status verdict, kept to say "as of" when a check cannot be made. */
export interface StatusSnapshot {
  state: CredentialState;
  checkedAt: string;
}

export interface StoredCredential {
  /** The credential's own id (`jti`). */
  id: string;
  /** The compact JWT exactly as the issuer sent it: what the wallet presents. */
  jwt: string;
  /** The credential document rebuilt from the JWT (VC Data Model 1.1 shape). */
  document: CredentialDocument;
  type: CredentialTypeName;
  issuerDid: string;
  receivedAt: string;
  /** The credential issuer identifier (OpenID4VCI) it came from, when received by an offer. */
  credentialIssuer?: string;
  lastStatus?: StatusSnapshot;
}

export interface ShareLogEntry {
  id: string;
  at: string;
  verifier: { clientId: string; name: string; origin: string };
  /** What the verifier asked for, in its own words (DCQL query ids and credential types). */
  requested: string[];
  credentials: { id: string; name: string }[];
  outcome: 'accepted' | 'rejected' | 'failed';
  detail?: string;
}

export interface Setting {
  key: string;
  value: string;
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function completed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** The wallet's storage. One instance per page. */
export class WalletDb {
  readonly #db: IDBDatabase;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  static async open(): Promise<WalletDb> {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = () => {
      const db = request.result;
      for (const store of STORES) {
        if (!db.objectStoreNames.contains(store)) {
          db.createObjectStore(store, { keyPath: store === 'settings' ? 'key' : 'id' });
        }
      }
    };
    return new WalletDb(await promised(request));
  }

  close(): void {
    this.#db.close();
  }

  async #read<T>(store: StoreName, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    const tx = this.#db.transaction(store, 'readonly');
    return promised(fn(tx.objectStore(store)));
  }

  /** Runs writes in one strict-durability transaction; resolves when it has committed. */
  async write(stores: StoreName[], fn: (tx: IDBTransaction) => void): Promise<void> {
    const tx = this.#db.transaction(stores, 'readwrite', { durability: 'strict' });
    const done = completed(tx);
    fn(tx);
    await done;
  }

  keyring(): Promise<KeyringRecord | undefined> {
    return this.#read('keyring', (s) => s.get('holder') as IDBRequest<KeyringRecord | undefined>);
  }

  putKeyring(record: KeyringRecord): Promise<void> {
    return this.write(['keyring'], (tx) => tx.objectStore('keyring').put(record));
  }

  credentials(): Promise<StoredCredential[]> {
    return this.#read('credentials', (s) => s.getAll() as IDBRequest<StoredCredential[]>);
  }

  credential(id: string): Promise<StoredCredential | undefined> {
    return this.#read('credentials', (s) => s.get(id) as IDBRequest<StoredCredential | undefined>);
  }

  putCredential(credential: StoredCredential): Promise<void> {
    return this.write(['credentials'], (tx) => tx.objectStore('credentials').put(credential));
  }

  deleteCredential(id: string): Promise<void> {
    return this.write(['credentials'], (tx) => tx.objectStore('credentials').delete(id));
  }

  shares(): Promise<ShareLogEntry[]> {
    return this.#read('shares', (s) => s.getAll() as IDBRequest<ShareLogEntry[]>);
  }

  addShare(entry: ShareLogEntry): Promise<void> {
    return this.write(['shares'], (tx) => tx.objectStore('shares').put(entry));
  }

  async setting(key: string): Promise<string | undefined> {
    const row = await this.#read('settings', (s) => s.get(key) as IDBRequest<Setting | undefined>);
    return row?.value;
  }

  putSetting(key: string, value: string): Promise<void> {
    return this.write(['settings'], (tx) => tx.objectStore('settings').put({ key, value }));
  }

  /**
   * Replaces the whole wallet (key, credentials, share log) in one transaction: after a failure
   * nothing has changed. Used by restore.
   */
  replaceAll(
    keyring: KeyringRecord,
    credentials: StoredCredential[],
    shares: ShareLogEntry[],
  ): Promise<void> {
    return this.write(['keyring', 'credentials', 'shares'], (tx) => {
      for (const store of ['keyring', 'credentials', 'shares'] as const) tx.objectStore(store).clear();
      tx.objectStore('keyring').put(keyring);
      for (const c of credentials) tx.objectStore('credentials').put(c);
      for (const s of shares) tx.objectStore('shares').put(s);
    });
  }
}
