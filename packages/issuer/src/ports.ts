// The stores the issuer's domain reads and writes through. Domain code knows these interfaces only;
// the SQLite adapter (store/sqlite/) and the PostgreSQL adapter (store/pg/) implement them, and
// every adapter must pass the same contract suites (store/contract/). Every method is one step with a domain meaning; where several
// instances could race (a code redeemed twice, a nonce used twice), the method itself is atomic.
import type { CredentialTypeName } from '@skills-passport/core';
import type { RateCounters } from '@skills-passport/service-kit';

// ---- records ---------------------------------------------------------------------------------

export const ORG_KINDS = ['evc-provider', 'training-provider', 'employer', 'learn-work-desk'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export interface Organisation {
  slug: string;
  name: string;
  kind: OrgKind;
  did: string;
  url: string | null;
  createdAt: string;
}

/** The kinds of key an organisation signs with: Ed25519 (EdDSA) and P-256 (ES256, which HAIP requires). */
export type OrgKeyType = 'Ed25519' | 'P-256';

/** One key of an organisation's DID document. */
export interface PublishedKey {
  /** The verification method's fragment in the DID document (`key-1`, its P-256 sibling `key-1-p256`). */
  fragment: string;
  type: OrgKeyType;
  /** The key manager's id of the key. */
  kid: string;
  /** Ed25519: the 32-byte key; P-256: the compressed point (33 bytes). */
  publicKeyHex: string;
  createdAt: string;
}

export interface StaffMember {
  id: string;
  orgSlug: string;
  name: string;
  role: string;
  createdAt: string;
}

export interface ApiKeyInfo {
  id: string;
  staffId: string;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** What authenticating an API key needs: the stored hash of its secret, and whose key it is. */
export interface StoredApiKey {
  secretHash: string;
  revokedAt: string | null;
  staff: StaffMember;
}

export type CredentialState = 'offered' | 'issued' | 'revoked' | 'suspended';

/** A credential as stored: the document (unsigned until handed over), its state and status index. */
export interface CredentialRecord {
  id: string;
  orgSlug: string;
  type: CredentialTypeName;
  learnerName: string;
  learnerContact: string | null;
  /** The credential document as JSON text. */
  document: string;
  status: CredentialState;
  listNo: number;
  statusIndex: number;
  holderDid: string | null;
  createdBy: string;
  createdAt: string;
  issuedAt: string | null;
  revokedAt: string | null;
  revocationReason: string | null;
  suspendedAt: string | null;
  batchId: string | null;
}

/** A single-use credential offer (OpenID4VCI pre-authorized code flow). Times in epoch ms. */
export interface OfferRecord {
  id: string;
  credentialId: string;
  orgSlug: string;
  /** SHA-256 of the pre-authorized code; the code itself is never stored. */
  codeHash: string;
  txCodeRequired: boolean;
  failedTxAttempts: number;
  createdAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  /** When staff withdrew it (offered again, or revoked the credential) before anyone redeemed it. */
  withdrawnAt: number | null;
  /**
   * SHA-256 of the claim id, the secret part of the claim page's URL (`/claim/<id>`); the id itself
   * is derived from the offer id and never stored. Null for offers made before claim pages.
   */
  claimHash: string | null;
  /** When the claim page was first opened. */
  openedAt: number | null;
  /** The offer e-mail: none for a learner without an e-mail address. */
  mail: OfferMailStatus | null;
}

/**
 * Where an offer's e-mail is: `pending` until the mail server (or the outbox) took it, then `sent`,
 * or `failed` with a reason code (`smtp_refused`, `smtp_unreachable`, `smtp_auth`, `outbox_write`,
 * `send_failed`) — never the server's words, which may quote the address.
 */
export interface OfferMailStatus {
  state: 'pending' | 'sent' | 'failed';
  at: number;
  reason: string | null;
}

/** What a wallet reported of a delivery (OpenID4VCI 1.0 §11). */
export type NotificationEvent = 'credential_accepted' | 'credential_failure' | 'credential_deleted';

/**
 * One credential response: which configuration (envelope) of an offer's credential went to which
 * holder, and what the wallet reported of it, by the `notification_id` it was given.
 */
export interface DeliveryRecord {
  notificationId: string;
  offerId: string;
  configurationId: string;
  holderDid: string;
  deliveredAt: number;
  /** The signed credential as delivered (a JWT, or the JSON of a Data Integrity credential). */
  credential: string;
  event: NotificationEvent | null;
  eventDescription: string | null;
  eventAt: number | null;
}

/** How an offer ended up, as staff see it: what was delivered and what the wallet said. */
export interface OfferOutcome {
  /** Configuration ids delivered. */
  delivered: string[];
  /** The wallet's word on it: accepted beats deleted beats failure; null while it said nothing. */
  event: NotificationEvent | null;
}

/** A credential with its offer, as staff see it listed. */
export interface CredentialWithOffer extends CredentialRecord {
  /** The newest offer, with what became of it. */
  offer:
    | (Pick<
        OfferRecord,
        'id' | 'expiresAt' | 'redeemedAt' | 'txCodeRequired' | 'claimHash' | 'openedAt' | 'mail'
      > & {
        outcome: OfferOutcome;
      })
    | null;
}

/** Filters of an organisation's credential list, already checked; all combined with AND. */
export interface CredentialFilter {
  orgSlug: string;
  /** Part of the learner's name or contact, case-insensitive. */
  learner?: string;
  type?: CredentialTypeName;
  status?: CredentialState;
  batchId?: string;
  createdFrom?: string;
  createdBefore?: string;
  /** Continue after this credential in the order newest first. */
  after?: { createdAt: string; id: string };
  limit: number;
}

/** What an access token grants: one offer's credential, until it expires. */
export interface AccessGrant {
  offerId: string;
  credentialId: string;
  type: CredentialTypeName;
  expiresAt: number;
}

export type StatusPurpose = 'revocation' | 'suspension';

/** One status list: which of its credentials are revoked and which suspended. */
export interface StoredStatusList {
  revoked: Uint8Array;
  suspended: Uint8Array;
  /** Grows with every change of a bit. */
  version: number;
}

/**
 * The securing mechanisms a status list is published in: as a VC-JWT, with a Data Integrity proof,
 * or as an IETF Token Status List token (for SD-JWT VC).
 */
export type StatusListFormat = 'jwt' | 'di' | 'tsl';

/** A signed copy of a status list, as it was at `version`. */
export interface PublishedStatusList {
  version: number;
  document: string;
}

/** A cohort upload: the common content, the rows, and how far processing got. */
export interface CohortRecord {
  id: string;
  orgSlug: string;
  type: string;
  createdBy: string;
  createdAt: string;
  state: 'processing' | 'done';
  /** The content every credential of the cohort shares, as JSON text. */
  template: string;
  /** The CSV rows, as JSON text. */
  rows: string;
  total: number;
  progress: CohortProgress;
}

export interface CohortProgress {
  processed: number;
  valid: number;
  invalid: number;
  /** The report of refused rows, as JSON text. */
  report: string;
}

export interface AuditEntry {
  at: string;
  /** `kind:id` of who acted. */
  actor: string;
  orgSlug: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  /** JSON text; never personal data. */
  details: string | null;
}

/** The stored result of an idempotent request: what it created, never how it was answered. */
export interface IdempotentOutcome {
  requestHash: string;
  /** What happened, in domain words: `credential_created`, `cohort_accepted`. */
  outcome: string;
  /** The result, as JSON text. */
  result: string;
}

/** Whether a catalogue module is offered: `published` modules are public, `withdrawn` ones only staff see. */
export type CatalogueModuleStatus = 'published' | 'withdrawn';

/** One module of a training provider's catalogue, as stored. */
export interface CatalogueModuleRecord {
  orgSlug: string;
  /** Stable within the organisation; part of the module's public URL, which is its Achievement id. */
  id: string;
  status: CatalogueModuleStatus;
  /** What staff gave, checked and normalised (a `ModuleInput`), as JSON text. */
  content: string;
  createdAt: string;
  updatedAt: string;
  /** Starts at 1, grows with every change: the module's ETag. */
  version: number;
}

/** A training provider with published modules, for the public list of catalogues. */
export interface PublishedCatalogue {
  orgSlug: string;
  modules: number;
}

/**
 * A standard an EVC provider assesses against (a qualification's standard, e.g. crebo 25498):
 * an ESCO occupation whose skills it takes, or its own list of skills, or both.
 */
export interface IntakeStandard {
  orgSlug: string;
  /** Stable within the organisation, as in URLs: lower-case letters, digits, dashes. */
  id: string;
  name: string;
  /** The standard's own number (crebo, qualification file), when it has one. */
  identifier: string | null;
  /** An ESCO occupation URI: its essential and optional skills, unless `skills` names them. */
  occupation: string | null;
  /** The skills of the standard, by URI; null: the occupation's. */
  skills: { uri: string; essential: boolean }[] | null;
  updatedAt: string;
}

/** Why an intake was asked for: an EVC intake against a standard, or a learn-work desk's advice. */
export type IntakePurpose = 'evc-intake' | 'advice';

/**
 * An OpenID4VP request for a learner's credentials, and once answered, what they shared. Times in
 * epoch ms. `answer` is JSON text of the per-credential summary (never the presented tokens).
 */
export interface IntakeRecord {
  id: string;
  orgSlug: string;
  purpose: IntakePurpose;
  standardId: string | null;
  /** What the organisation says it asks for, in its own words (advice), if given. */
  purposeText: string | null;
  /** The staff member who asked; null for a learner's own request from the public intake. */
  createdBy: string | null;
  nonce: string;
  state: string;
  createdAt: number;
  expiresAt: number;
  receivedAt: number | null;
  holder: string | null;
  learnerName: string | null;
  answer: string | null;
}

// ---- ports -----------------------------------------------------------------------------------

export interface IntakeStore {
  /** The organisation's standards, by name. */
  standards(orgSlug: string): Promise<IntakeStandard[]>;
  standard(orgSlug: string, id: string): Promise<IntakeStandard | undefined>;
  /** Adds the standard or replaces the one with its id. */
  putStandard(standard: IntakeStandard): Promise<void>;
  insert(intake: IntakeRecord): Promise<void>;
  /** One intake of any organisation (the response endpoint knows only its id). */
  find(id: string): Promise<IntakeRecord | undefined>;
  /** The organisation's intakes, newest first. */
  list(orgSlug: string, limit: number): Promise<IntakeRecord[]>;
  /**
   * Keeps the one answer of an open intake: only while it is unanswered and unexpired at `at`;
   * false otherwise (answered meanwhile, or expired). Atomic: of two answers, one is kept.
   */
  saveAnswer(
    id: string,
    answer: { receivedAt: number; holder: string | null; learnerName: string | null; answer: string },
  ): Promise<boolean>;
}

export interface OrganisationStore {
  find(slug: string): Promise<Organisation | undefined>;
  list(): Promise<Organisation[]>;
  insert(org: Organisation, firstKey: PublishedKey): Promise<void>;
  /** Every key, oldest first. */
  keys(slug: string): Promise<PublishedKey[]>;
  addKey(slug: string, key: PublishedKey): Promise<void>;
  /** Adds the key unless the organisation has one at its fragment already; false when it had. Atomic. */
  addKeyIfAbsent(slug: string, key: PublishedKey): Promise<boolean>;
}

export interface StaffStore {
  insertMember(member: StaffMember): Promise<void>;
  member(orgSlug: string, id: string): Promise<StaffMember | undefined>;
  members(orgSlug: string): Promise<StaffMember[]>;
  insertApiKey(key: ApiKeyInfo, secretHash: string): Promise<void>;
  apiKeys(staffId: string): Promise<ApiKeyInfo[]>;
  apiKey(id: string): Promise<StoredApiKey | undefined>;
  /** Revokes an active key of the organisation; false when there is none. */
  revokeApiKey(orgSlug: string, keyId: string, at: string): Promise<boolean>;
}

export interface CredentialStore {
  insert(record: CredentialRecord): Promise<void>;
  /** One credential of an organisation with its offer; another organisation's is not found. */
  find(orgSlug: string, id: string): Promise<CredentialWithOffer | undefined>;
  /** A page of the organisation's credentials, newest first. */
  list(filter: CredentialFilter): Promise<CredentialWithOffer[]>;
  /**
   * Inside a transaction: the credential, held until the transaction ends, so no one else changes
   * its state meanwhile.
   */
  lock(id: string): Promise<CredentialRecord | undefined>;
  /**
   * The credential is in the holder's hands: bound to `holderDid`, its document as signed (the
   * first delivery of an offer binds it; a later offer of the same credential binds it anew).
   */
  markIssued(id: string, change: { holderDid: string; issuedAt: string; document: string }): Promise<void>;
  markRevoked(id: string, at: string, reason: string): Promise<void>;
  /** Suspends (`at` set) or reinstates (`at` null) an issued credential. */
  markSuspended(id: string, at: string | null): Promise<void>;
}

export interface OfferStore {
  insert(offer: OfferRecord): Promise<void>;
  /** The offer and its credential's type. */
  find(id: string): Promise<(OfferRecord & { type: CredentialTypeName }) | undefined>;
  /** Inside a transaction: the organisation's offer with this code hash, held until it ends. */
  lockByCode(orgSlug: string, codeHash: string): Promise<OfferRecord | undefined>;
  /** Counts a wrong PIN; at `maxAttempts` the offer expires at `now`. Returns the attempts so far. */
  recordFailedPin(id: string, now: number, maxAttempts: number): Promise<number>;
  /** Uses the offer up; false when it was used already. */
  redeem(id: string, at: number): Promise<boolean>;
  /** An offer of this credential that nobody redeemed expires at `at` at the latest. */
  withdraw(credentialId: string, at: number): Promise<void>;
  /** The offer whose claim id hashes to `claimHash`, with its credential's type. */
  findByClaim(claimHash: string): Promise<(OfferRecord & { type: CredentialTypeName }) | undefined>;
  /** Records the first opening of the claim page; later ones change nothing. */
  markOpened(id: string, at: number): Promise<void>;
  /** Sets where the offer's e-mail is. */
  setMail(id: string, mail: OfferMailStatus): Promise<void>;
  /** Offers whose e-mail is still `pending` and that are open at `now`: for a restart to send. */
  pendingMails(now: number): Promise<string[]>;
}

export interface DeliveryStore {
  /** Records a delivery; false when this offer's configuration was delivered already. */
  insert(delivery: DeliveryRecord): Promise<boolean>;
  forOffer(offerId: string): Promise<DeliveryRecord[]>;
  /**
   * Records the wallet's event for a delivery of `offerId`; false when the notification id is not
   * one of that offer's. Repeating the same event is harmless (the spec makes it idempotent).
   */
  recordEvent(
    notificationId: string,
    offerId: string,
    event: { event: NotificationEvent; description: string | null; at: number },
  ): Promise<boolean>;
}

export interface AccessTokenStore {
  insert(tokenHash: string, offerId: string, expiresAt: number): Promise<void>;
  /** What the token grants at the organisation's endpoint, if it exists there. */
  grant(orgSlug: string, tokenHash: string): Promise<AccessGrant | undefined>;
  /** Forgets tokens that expired before `before`. */
  sweep(before: number): Promise<void>;
}

export interface NonceStore {
  insert(nonce: string, orgSlug: string, expiresAt: number): Promise<void>;
  /** Uses a fresh nonce of the organisation up; false when unknown, used or expired. Atomic. */
  consume(nonce: string, orgSlug: string, now: number): Promise<boolean>;
  /** Forgets nonces that expired before `before`. */
  sweep(before: number): Promise<void>;
}

export interface StatusListStore {
  /**
   * The organisation's newest list and how many of its indexes are taken. Inside a transaction,
   * the organisation's index allocation is held until it ends: another allocation for it, on any
   * instance, waits, and then sees this one's list and index.
   */
  currentList(orgSlug: string): Promise<{ listNo: number; used: number } | undefined>;
  /** Opens list `listNo` (both purposes, all bits clear, `length` entries). */
  openList(orgSlug: string, listNo: number, length: number): Promise<void>;
  isIndexTaken(orgSlug: string, listNo: number, index: number): Promise<boolean>;
  /** Counts one more taken index of the list. */
  countUse(orgSlug: string, listNo: number): Promise<void>;
  /** Sets or clears one bit and bumps the list's version. */
  setBit(
    orgSlug: string,
    listNo: number,
    purpose: StatusPurpose,
    index: number,
    value: boolean,
  ): Promise<void>;
  find(orgSlug: string, listNo: number): Promise<StoredStatusList | undefined>;
  /** The signed copy kept of one format, if any. */
  published(
    orgSlug: string,
    listNo: number,
    format: StatusListFormat,
  ): Promise<PublishedStatusList | undefined>;
  /**
   * Keeps a signed copy of `version`, unless the list changed meanwhile. A copy of the same version
   * replaces the kept one (a status list token is signed again before it expires).
   */
  savePublished(
    orgSlug: string,
    listNo: number,
    format: StatusListFormat,
    published: PublishedStatusList,
  ): Promise<void>;
}

export interface CohortStore {
  insert(cohort: Omit<CohortRecord, 'state' | 'progress'>): Promise<void>;
  find(orgSlug: string, id: string): Promise<CohortRecord | undefined>;
  load(id: string): Promise<CohortRecord | undefined>;
  /** Inside a transaction: the cohort's progress, held until the transaction ends. */
  lockProgress(id: string): Promise<CohortProgress | undefined>;
  saveProgress(id: string, progress: CohortProgress, done: boolean): Promise<void>;
  /** Cohorts still processing, for a restart to continue. */
  unfinished(): Promise<string[]>;
  /**
   * Takes the lease of an unfinished cohort for `owner` (one instance) until `until` (epoch ms):
   * cohort `id` when given, if its lease is free, has run out by `now`, or is `owner`'s already;
   * otherwise the oldest unfinished cohort whose lease is free or has run out. A cohort whose chunk
   * is being written (see `lockProgress`) is passed over. Returns the id claimed, or undefined.
   * Two claimers at once never both get the same cohort.
   */
  claim(owner: string, now: number, until: number, id?: string): Promise<string | undefined>;
  /**
   * Inside a chunk's transaction, after `lockProgress`: extends `owner`'s lease to `until`; false
   * when the lease is no longer `owner`'s (it ran out and another instance took the cohort over).
   */
  renewLease(id: string, owner: string, until: number): Promise<boolean>;
  /** Gives `owner`'s lease up (the cohort is done, or this instance stops), so others may take it at once. */
  releaseLease(id: string, owner: string): Promise<void>;
}

export interface CatalogueStore {
  /** Adds a module; refuses (throws) a second module with the same id in the organisation. */
  insert(record: CatalogueModuleRecord): Promise<void>;
  /** One module of the organisation, in any status; another organisation's is not found. */
  find(orgSlug: string, id: string): Promise<CatalogueModuleRecord | undefined>;
  /**
   * Replaces the module's content, or sets its status, and bumps its version; returns the module
   * as it now is, or undefined when the organisation has no such module or, with `ifVersion`, when
   * the module is at another version (someone changed it meanwhile). Atomic.
   */
  update(
    orgSlug: string,
    id: string,
    change: { content?: string; status?: CatalogueModuleStatus; at: string; ifVersion?: number },
  ): Promise<CatalogueModuleRecord | undefined>;
  /** A page of the organisation's modules, oldest first (then by id), and how many match in all. */
  list(
    orgSlug: string,
    options: { status?: CatalogueModuleStatus; offset: number; limit: number },
  ): Promise<{ total: number; items: CatalogueModuleRecord[] }>;
  /** Organisations with at least one published module, by slug, with how many they publish. */
  published(): Promise<PublishedCatalogue[]>;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first, of one organisation or all. */
  list(options: { orgSlug?: string; limit: number }): Promise<(AuditEntry & { id: number })[]>;
}

export interface IdempotencyStore {
  find(orgSlug: string, key: string): Promise<IdempotentOutcome | undefined>;
  save(orgSlug: string, key: string, outcome: IdempotentOutcome, at: string): Promise<void>;
}

// ---- mail -------------------------------------------------------------------------------------

/** One offer e-mail, ready to go: plain text and simple HTML, never a PIN. */
export interface OfferMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** For the outbox's listing; not sent as a header. */
  orgSlug: string;
  claimUrl: string;
}

/** Hands offer e-mails to a mail server or writes them to the outbox. Throws when it could not. */
export interface OfferMailer {
  send(mail: OfferMail): Promise<{ messageId: string }>;
  /** Present when mails go to the outbox (no SMTP server configured): what it holds. */
  readonly outbox?: Outbox;
}

/** One mail in the outbox, as the assessor page lists it. */
export interface OutboxEntry {
  id: string;
  to: string;
  subject: string;
  at: string;
  claimUrl: string;
  /** The `.eml` file's name under the outbox directory. */
  file: string;
}

export interface Outbox {
  /** The organisation's mails, newest first. */
  list(orgSlug: string, limit: number): Promise<OutboxEntry[]>;
}

/** Hears of API keys revoked by any instance sharing the storage. */
export interface ApiKeyRevocationListener {
  revoked(keyId: string): void;
  missed(): void;
}

/** Every store of the issuer, bound to one connection or one transaction. */
export interface IssuerStores {
  organisations: OrganisationStore;
  staff: StaffStore;
  credentials: CredentialStore;
  offers: OfferStore;
  deliveries: DeliveryStore;
  accessTokens: AccessTokenStore;
  nonces: NonceStore;
  statusLists: StatusListStore;
  cohorts: CohortStore;
  audit: AuditLog;
  idempotency: IdempotencyStore;
  intakes: IntakeStore;
  catalogue: CatalogueStore;
}

/**
 * The issuer's storage. Outside a transaction each call stands alone and reads committed data;
 * `transaction` runs a body whose writes all commit together or not at all.
 */
export interface IssuerStorage extends IssuerStores {
  transaction<T>(body: (tx: IssuerStores) => Promise<T>): Promise<T>;
  /**
   * Runs `body` while holding the lock called `name`, which no other caller holds meanwhile, in
   * this process or in any other instance on the same storage (PostgreSQL: a transaction-scoped
   * advisory lock, released when the body settles or its connection dies). The body uses the
   * storage as usual; it is not a transaction. For work that must not run twice at once, such as
   * re-signing one status list.
   */
  oneAtATime<T>(name: string, body: () => Promise<T>): Promise<T>;
  /**
   * Present when other instances share this storage: tells `listener` of every API key revoked by
   * any instance (`revoked`), and when revocations may have been missed meanwhile (`missed`: the
   * watch was (re)established after a connection loss, so anything remembered may be stale).
   * Watching ends when the storage closes.
   */
  watchApiKeyRevocations?(listener: ApiKeyRevocationListener): void;
  /**
   * Present when other instances share this storage: rate-limit counters they all count in, so
   * together they allow what one instance would. `scope` keeps one limiter's counts apart.
   */
  rateCounters?(scope: string): RateCounters;
  close(): Promise<void>;
}
