import type {
  CheckId,
  CheckStatus,
  CredentialDocument,
  CredentialFormat,
  CredentialTypeName,
  ErrorCode,
} from '@skills-passport/core';
import type { CredentialState } from '../passport/credential-state.js';

export type { CredentialState };

// The wallet's IndexedDB: one database, five object stores. Every write transaction asks for
// `durability: 'strict'`, so a write has reached disk before the wallet says it is done.
// Version 2 added `checks` (the last live status and the remembered verification of each
// credential, small records kept apart so the passport can update them without rewriting the
// credentials); a version 1 database is upgraded in place, its credentials untouched.

const DB_NAME = 'skills-passport-wallet';
const DB_VERSION = 2;
const STORES = ['keyring', 'credentials', 'shares', 'settings', 'checks'] as const;
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

/**
 * A verification of one credential remembered between visits, valid only while everything it
 * was made from is unchanged (see verify/live-status.ts for why that is safe): the envelope it
 * checked, the fingerprints of the DID documents and status lists it used, and its checks without
 * their wording. Never backed up: a restored wallet verifies afresh.
 */
export interface CheckMemo {
  /** The wallet's verification rules it was made under; another version is never reused. */
  version: number;
  format: CredentialFormat;
  dids: Record<string, string>;
  lists: Record<string, string>;
  checks: { id: CheckId; status: CheckStatus; code?: ErrorCode }[];
  /** The credential's validity period, seconds since the epoch: dates are judged afresh each time. */
  notBefore?: number;
  expires?: number;
}

/** A record of the `checks` store. */
export interface CheckRecord {
  id: string;
  lastStatus?: StatusSnapshot;
  memo?: CheckMemo;
}

/**
 * One credential as the wallet keeps it, in every envelope it was received in (at least one).
 * Both envelopes, when there are two, carry the same credential (see receive/same-credential.ts).
 */
export interface StoredCredential {
  /** The credential's own id (`jti`). */
  id: string;
  /** The VC-JWT (`jwt_vc_json`) exactly as the issuer sent it, when it came in that envelope. */
  jwt?: string;
  /** The VC 2.0 document with its Data Integrity proof (`ldp_vc`) exactly as the issuer sent it. */
  ldp?: Record<string, unknown>;
  /** The credential document (VC Data Model 2.0), as core read it from its envelope. */
  document: CredentialDocument;
  type: CredentialTypeName;
  issuerDid: string;
  receivedAt: string;
  /** The credential issuer identifier (OpenID4VCI) it came from, when received by an offer. */
  credentialIssuer?: string;
  /** The last live status (from the `checks` store; older wallets kept it in the record). */
  lastStatus?: StatusSnapshot;
  /** The remembered verification (from the `checks` store). */
  checkMemo?: CheckMemo;
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

  /**
   * Runs writes in one transaction, strict durability unless said otherwise; resolves when it has
   * committed.
   */
  async write(
    stores: StoreName[],
    fn: (tx: IDBTransaction) => void,
    durability: IDBTransactionDurability = 'strict',
  ): Promise<void> {
    const tx = this.#db.transaction(stores, 'readwrite', { durability });
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

  /**
   * Every credential, with its last status and remembered verification, read in one transaction.
   * The check records come first (small, while the credentials take a while): `onChecks` sees
   * them as soon as they are read, so a screen can fetch what its checks will need meanwhile.
   */
  async credentials(onChecks?: (checks: CheckRecord[]) => void): Promise<StoredCredential[]> {
    const tx = this.#db.transaction(['credentials', 'checks'], 'readonly');
    const [checks, credentials] = await Promise.all([
      promised(tx.objectStore('checks').getAll() as IDBRequest<CheckRecord[]>).then((records) => {
        onChecks?.(records);
        return records;
      }),
      promised(tx.objectStore('credentials').getAll() as IDBRequest<StoredCredential[]>),
    ]);
    const byId = new Map(checks.map((c) => [c.id, c]));
    return credentials.map((c) => withCheck(c, byId.get(c.id)));
  }

  async credential(id: string): Promise<StoredCredential | undefined> {
    const tx = this.#db.transaction(['credentials', 'checks'], 'readonly');
    const [credential, check] = await Promise.all([
      promised(tx.objectStore('credentials').get(id) as IDBRequest<StoredCredential | undefined>),
      promised(tx.objectStore('checks').get(id) as IDBRequest<CheckRecord | undefined>),
    ]);
    return credential === undefined ? undefined : withCheck(credential, check);
  }

  /** Stores credentials (and their first status) in one transaction. */
  putCredentials(credentials: StoredCredential[]): Promise<void> {
    return this.write(['credentials', 'checks'], (tx) => {
      for (const credential of credentials) {
        const { lastStatus, checkMemo: _memo, ...record } = credential;
        tx.objectStore('credentials').put(record);
        // A credential stored anew is verified anew: no remembered verification carries over.
        tx.objectStore('checks').put({
          id: credential.id,
          ...(lastStatus === undefined ? {} : { lastStatus }),
        });
      }
    });
  }

  deleteCredential(id: string): Promise<void> {
    return this.write(['credentials', 'checks'], (tx) => {
      tx.objectStore('credentials').delete(id);
      tx.objectStore('checks').delete(id);
    });
  }

  /**
   * Records last statuses and remembered verifications, for credentials still held. Relaxed
   * durability: both are what the wallet can always compute again, so a write lost in a crash
   * costs one verification, while a strict commit per screen of statuses costs a disk flush.
   */
  putChecks(records: CheckRecord[]): Promise<void> {
    return this.write(
      ['credentials', 'checks'],
      (tx) => {
        const credentials = tx.objectStore('credentials');
        const checks = tx.objectStore('checks');
        for (const record of records) {
          // Deleted meanwhile: nothing to record.
          const key = credentials.getKey(record.id);
          key.onsuccess = () => {
            if (key.result !== undefined) checks.put(record);
          };
        }
      },
      'relaxed',
    );
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
   * nothing has changed. Used by restore; remembered verifications and statuses go too.
   */
  replaceAll(
    keyring: KeyringRecord,
    credentials: StoredCredential[],
    shares: ShareLogEntry[],
  ): Promise<void> {
    return this.write(['keyring', 'credentials', 'shares', 'checks'], (tx) => {
      for (const store of ['keyring', 'credentials', 'shares', 'checks'] as const)
        tx.objectStore(store).clear();
      tx.objectStore('keyring').put(keyring);
      for (const { lastStatus: _status, checkMemo: _memo, ...c } of credentials)
        tx.objectStore('credentials').put(c);
      for (const s of shares) tx.objectStore('shares').put(s);
    });
  }
}

/** A credential with what the `checks` store says of it (a status kept in the record by an older wallet counts when there is none). */
function withCheck(credential: StoredCredential, check: CheckRecord | undefined): StoredCredential {
  // The record was just read out of IndexedDB: a copy of the wallet's own, safe to complete in place.
  if (check?.lastStatus !== undefined) credential.lastStatus = check.lastStatus;
  if (check?.memo !== undefined) credential.checkMemo = check.memo;
  return credential;
}
