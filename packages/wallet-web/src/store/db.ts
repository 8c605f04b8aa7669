import type {
  CheckId,
  CheckStatus,
  CredentialDocument,
  CredentialTypeName,
  EnvelopeFormat,
  ErrorCode,
} from '@skills-passport/core';
import type { CredentialState } from '../passport/credential-state.js';
import { skillSummary, type SkillSummary } from '../passport/skills-profile.js';
import type { SelfDeclaredSkill } from '../self-declared/self-declared-skill.js';

export type { CredentialState };

// The wallet's IndexedDB: one database, five object stores. Every write transaction asks for
// `durability: 'strict'`, so a write has reached disk before the wallet says it is done.
// Version 2 added `checks` (the last live status and the remembered verification of each
// credential, small records kept apart so the passport can update them without rewriting the
// credentials); a version 1 database is upgraded in place, its credentials untouched.
// Version 3 added `passport`: per credential only what the passport view and the skills profile
// read (a few hundred bytes, where a credential with its envelopes is about 12 kB), so showing
// 1,000 credentials does not read 12 MB. It is written in the same transactions as `credentials`
// (store, delete, restore) and filled from them when an older database is upgraded.
// Version 4 added `selfDeclared`: the skills the learner declares without a credential (see
// self-declared/self-declared-skill.ts); an older database gets it empty.

const DB_NAME = 'skills-passport-wallet';
const DB_VERSION = 4;
const STORES = [
  'keyring',
  'credentials',
  'shares',
  'settings',
  'checks',
  'passport',
  'selfDeclared',
] as const;
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
 * checked, the fingerprints of the DID documents it used and of its own entries in the status
 * lists it used, and its checks without their wording. Never backed up: a restored wallet verifies afresh.
 */
export interface CheckMemo {
  /** The wallet's verification rules it was made under; another version is never reused. */
  version: number;
  format: EnvelopeFormat;
  dids: Record<string, string>;
  /**
   * Per status list used: the credential's own entries in it (their indexes) and what the list
   * said of them (see verify/status-lists.ts `statusEntriesPrint`).
   */
  lists: Record<string, { indexes: number[]; print: string }>;
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
  /**
   * The SD-JWT VC (`dc+sd-jwt`) exactly as the issuer sent it, every disclosure included: what a
   * presentation takes a few disclosures from.
   */
  sdJwt?: string;
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

/** What the passport keeps of a credential (a record of the `passport` store). */
export interface PassportRecord {
  id: string;
  type: CredentialTypeName;
  issuerDid: string;
  receivedAt: string;
  /** The envelope its live status is checked in (see verify/live-status.ts `liveEnvelope`). */
  live: EnvelopeFormat;
  validFrom: string;
  /** Its name, issuer name and the skills it proves. */
  summary: SkillSummary;
}

/** A credential as the passport shows it, with its last status and remembered verification. */
export interface PassportEntry extends PassportRecord {
  lastStatus?: StatusSnapshot;
  checkMemo?: CheckMemo;
}

/**
 * The envelope the passport checks a credential in: the VC-JWT when it has one, else the SD-JWT VC
 * (one signature too), else the Data Integrity credential.
 */
export function liveFormat(credential: StoredCredential | PassportEntry): EnvelopeFormat {
  if ('live' in credential) return credential.live;
  if (credential.jwt !== undefined) return 'jwt_vc_json';
  return credential.sdJwt !== undefined ? 'dc+sd-jwt' : 'ldp_vc';
}

/** The passport record of a stored credential. */
export function passportRecord(credential: StoredCredential): PassportRecord {
  const { id, type, issuerDid, receivedAt, document } = credential;
  return {
    id,
    type,
    issuerDid,
    receivedAt,
    live: liveFormat(credential),
    validFrom: document.validFrom,
    summary: skillSummary(document, type),
  };
}

/**
 * The issuers' DID documents and status lists the passport's remembered checks were made with:
 * kept so that the next visit fetches them as soon as the wallet opens (a hint; the checks say
 * what they need).
 */
export interface StatusSources {
  dids: string[];
  lists: string[];
}

const STATUS_SOURCES = 'statusSources';

export interface ShareLogEntry {
  id: string;
  at: string;
  verifier: { clientId: string; name: string; origin: string };
  /** What the verifier asked for, in its own words (DCQL query ids and credential types). */
  requested: string[];
  /**
   * The credentials shared; `disclosed`, for an SD-JWT VC, names the claims it disclosed as the
   * learner saw them (everything else of it stayed in the wallet).
   */
  credentials: { id: string; name: string; disclosed?: string[]; selfDeclared?: true }[];
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
  /** The status sources as last read or written, so an unchanged set is not written again. */
  #sources: string | undefined;

  private constructor(db: IDBDatabase) {
    this.#db = db;
  }

  static async open(): Promise<WalletDb> {
    const request = indexedDB.open(DB_NAME, DB_VERSION);
    request.onupgradeneeded = (event) => {
      const db = request.result;
      for (const store of STORES) {
        if (!db.objectStoreNames.contains(store)) {
          db.createObjectStore(store, { keyPath: store === 'settings' ? 'key' : 'id' });
        }
      }
      // In the upgrade's own transaction: the wallet opens only once every record is written.
      if (event.oldVersion > 0 && event.oldVersion < 3) fillPassport(request.transaction!);
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
    try {
      fn(tx);
    } catch (error) {
      // What was asked before the failure must not commit without the rest.
      done.catch(() => undefined);
      tx.abort();
      throw error;
    }
    await done;
  }

  keyring(): Promise<KeyringRecord | undefined> {
    return this.#read('keyring', (s) => s.get('holder') as IDBRequest<KeyringRecord | undefined>);
  }

  putKeyring(record: KeyringRecord): Promise<void> {
    return this.write(['keyring'], (tx) => tx.objectStore('keyring').put(record));
  }

  /**
   * What the passport shows of every credential, with its last status and remembered
   * verification, read in one transaction. The check records come first: `onChecks` sees them as
   * soon as they are read, so a screen can fetch what its checks will need meanwhile.
   */
  async passport(onChecks?: (checks: CheckRecord[]) => void): Promise<PassportEntry[]> {
    const tx = this.#db.transaction(['passport', 'checks'], 'readonly');
    const [checks, entries] = await Promise.all([
      promised(tx.objectStore('checks').getAll() as IDBRequest<CheckRecord[]>).then((records) => {
        onChecks?.(records);
        return records;
      }),
      promised(tx.objectStore('passport').getAll() as IDBRequest<PassportEntry[]>),
    ]);
    const byId = new Map(checks.map((c) => [c.id, c]));
    return entries.map((c) => withCheck(c, byId.get(c.id)));
  }

  /** Every credential in full (envelopes and documents), with its last status and remembered verification. */
  async credentials(): Promise<StoredCredential[]> {
    const tx = this.#db.transaction(['credentials', 'checks'], 'readonly');
    const [credentials, checks] = await Promise.all([
      promised(tx.objectStore('credentials').getAll() as IDBRequest<StoredCredential[]>),
      promised(tx.objectStore('checks').getAll() as IDBRequest<CheckRecord[]>),
    ]);
    const byId = new Map(checks.map((c) => [c.id, c]));
    return credentials.map((c) => withCheck(c, byId.get(c.id)));
  }

  /** The ids of the credentials held. */
  async credentialIds(): Promise<string[]> {
    const keys = await this.#read('passport', (s) => s.getAllKeys());
    return keys.map(String);
  }

  /** How many credentials are held. */
  credentialCount(): Promise<number> {
    return this.#read('passport', (s) => s.count());
  }

  /** Some credentials in full, by id, read in one transaction (`undefined` for one not held). */
  async credentialsById(ids: readonly string[]): Promise<(StoredCredential | undefined)[]> {
    const store = this.#db.transaction('credentials', 'readonly').objectStore('credentials');
    return Promise.all(ids.map((id) => promised(store.get(id) as IDBRequest<StoredCredential | undefined>)));
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
    return this.write(['credentials', 'passport', 'checks'], (tx) => {
      for (const credential of credentials) {
        const { lastStatus, checkMemo: _memo, ...record } = credential;
        tx.objectStore('credentials').put(record);
        tx.objectStore('passport').put(passportRecord(record));
        // A credential stored anew is verified anew: no remembered verification carries over.
        tx.objectStore('checks').put({
          id: credential.id,
          ...(lastStatus === undefined ? {} : { lastStatus }),
        });
      }
    });
  }

  deleteCredential(id: string): Promise<void> {
    return this.write(['credentials', 'passport', 'checks'], (tx) => {
      tx.objectStore('credentials').delete(id);
      tx.objectStore('passport').delete(id);
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
      ['passport', 'checks'],
      (tx) => {
        const held = tx.objectStore('passport');
        const checks = tx.objectStore('checks');
        for (const record of records) {
          // Deleted meanwhile: nothing to record.
          const key = held.getKey(record.id);
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

  /** The learner's self-declared skills, oldest first. */
  async selfDeclared(): Promise<SelfDeclaredSkill[]> {
    const all = await this.#read('selfDeclared', (s) => s.getAll() as IDBRequest<SelfDeclaredSkill[]>);
    return all.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  /** Adds or replaces one self-declared skill. */
  putSelfDeclared(skill: SelfDeclaredSkill): Promise<void> {
    return this.write(['selfDeclared'], (tx) => tx.objectStore('selfDeclared').put(skill));
  }

  deleteSelfDeclared(id: string): Promise<void> {
    return this.write(['selfDeclared'], (tx) => tx.objectStore('selfDeclared').delete(id));
  }

  /** The status sources the last passport recorded (see {@link StatusSources}). */
  async statusSources(): Promise<StatusSources | undefined> {
    const value = await this.setting(STATUS_SOURCES);
    this.#sources = value;
    if (value === undefined) return undefined;
    try {
      const { dids, lists } = JSON.parse(value) as Partial<StatusSources>;
      const strings = (a: unknown): a is string[] =>
        Array.isArray(a) && a.every((s) => typeof s === 'string');
      return strings(dids) && strings(lists) ? { dids, lists } : undefined;
    } catch {
      return undefined;
    }
  }

  /** Records the status sources, unless they are those already recorded. Relaxed: only a hint. */
  async putStatusSources(sources: StatusSources): Promise<void> {
    const value = JSON.stringify(sources);
    if (value === this.#sources) return;
    await this.write(
      ['settings'],
      (tx) => tx.objectStore('settings').put({ key: STATUS_SOURCES, value }),
      'relaxed',
    );
    this.#sources = value;
  }

  /**
   * Replaces the whole wallet (key, credentials, share log, self-declared skills) in one
   * transaction, and writes `settings` (the published links) in the same: after a failure nothing
   * has changed. Used by restore; remembered verifications and statuses go too.
   */
  replaceAll(
    keyring: KeyringRecord,
    credentials: StoredCredential[],
    shares: ShareLogEntry[],
    settings: Setting[] = [],
    selfDeclared: SelfDeclaredSkill[] = [],
  ): Promise<void> {
    const stores = ['keyring', 'credentials', 'passport', 'shares', 'checks', 'selfDeclared'] as const;
    this.#sources = undefined;
    return this.write([...stores, 'settings'], (tx) => {
      for (const store of stores) tx.objectStore(store).clear();
      tx.objectStore('settings').delete(STATUS_SOURCES);
      tx.objectStore('keyring').put(keyring);
      for (const { lastStatus: _status, checkMemo: _memo, ...c } of credentials) {
        tx.objectStore('credentials').put(c);
        tx.objectStore('passport').put(passportRecord(c));
      }
      for (const s of shares) tx.objectStore('shares').put(s);
      for (const s of settings) tx.objectStore('settings').put(s);
      for (const s of selfDeclared) tx.objectStore('selfDeclared').put(s);
    });
  }
}

/**
 * Writes the passport record of every credential of a database made by an older wallet, in its
 * upgrade transaction. A version 1 wallet kept the last status in the credential record: it moves
 * to the `checks` store, where the passport reads it, unless that already holds one.
 */
function fillPassport(tx: IDBTransaction): void {
  const passport = tx.objectStore('passport');
  const checks = tx.objectStore('checks');
  const checked = checks.getAllKeys();
  checked.onsuccess = () => {
    const hasCheck = new Set(checked.result.map(String));
    const cursor = tx.objectStore('credentials').openCursor();
    cursor.onsuccess = () => {
      const at = cursor.result;
      if (at === null) return;
      const credential = at.value as StoredCredential;
      passport.put(upgradedRecord(credential));
      if (credential.lastStatus !== undefined && !hasCheck.has(credential.id))
        checks.put({ id: credential.id, lastStatus: credential.lastStatus } satisfies CheckRecord);
      at.continue();
    };
  };
}

/**
 * The passport record of a credential an older wallet stored. Every one was read and checked by
 * core when it was stored; should one not read now, it is still listed (with no skills) rather
 * than the wallet failing to open.
 */
function upgradedRecord(credential: StoredCredential): PassportRecord {
  try {
    return passportRecord(credential);
  } catch {
    const { id, type, issuerDid, receivedAt, document } = credential;
    const validFrom = String(document?.validFrom ?? receivedAt);
    return {
      id,
      type,
      issuerDid,
      receivedAt,
      live: liveFormat(credential),
      validFrom,
      summary: { name: String(document?.name ?? id), issuerName: issuerDid, date: validFrom, claims: [] },
    };
  }
}

/** A credential with what the `checks` store says of it (a status kept in the record by an older wallet counts when there is none). */
function withCheck<T extends StoredCredential | PassportEntry>(
  credential: T,
  check: CheckRecord | undefined,
): T {
  // The record was just read out of IndexedDB: a copy of the wallet's own, safe to complete in place.
  if (check?.lastStatus !== undefined) credential.lastStatus = check.lastStatus;
  if (check?.memo !== undefined) credential.checkMemo = check.memo;
  return credential;
}
