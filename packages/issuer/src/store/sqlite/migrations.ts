import { applyMigrations, type Migration, type SqliteDatabase } from '@skills-passport/service-kit';

// The issuer's own tables (Veramo keeps keys and DIDs in its own tables of the same file), as
// versioned migrations: `PRAGMA user_version` holds how many have been applied, and start-up
// applies the rest, each in a transaction of its own.

/**
 * 1: the tables as they were before migrations were numbered. Every statement is idempotent, so a
 * database made before then (user_version 0, tables present) passes through unchanged.
 */
const INITIAL_SCHEMA = `
CREATE TABLE IF NOT EXISTS organisations (
  slug TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('evc-provider', 'training-provider', 'employer')),
  did TEXT NOT NULL UNIQUE,
  url TEXT,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS org_keys (
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  fragment TEXT NOT NULL,
  kid TEXT NOT NULL,
  public_key_hex TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_slug, fragment)
);
CREATE TABLE IF NOT EXISTS staff (
  id TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  secret_hash TEXT NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS credentials (
  id TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  type TEXT NOT NULL,
  learner_name TEXT NOT NULL,
  learner_contact TEXT,
  document TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('offered', 'issued', 'revoked', 'suspended')),
  list_no INTEGER NOT NULL,
  status_index INTEGER NOT NULL,
  holder_did TEXT,
  jwt TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  issued_at TEXT,
  revoked_at TEXT,
  revocation_reason TEXT,
  suspended_at TEXT,
  batch_id TEXT,
  UNIQUE (org_slug, list_no, status_index)
);
CREATE INDEX IF NOT EXISTS credentials_by_org ON credentials (org_slug, created_at);
CREATE TABLE IF NOT EXISTS offers (
  id TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL UNIQUE REFERENCES credentials(id),
  org_slug TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  tx_code_required INTEGER NOT NULL DEFAULT 0,
  failed_tx_attempts INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL,
  redeemed_at INTEGER
);
CREATE TABLE IF NOT EXISTS access_tokens (
  token_hash TEXT PRIMARY KEY,
  offer_id TEXT NOT NULL REFERENCES offers(id),
  expires_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS nonces (
  nonce TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);
CREATE TABLE IF NOT EXISTS status_lists (
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  list_no INTEGER NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  bits BLOB NOT NULL,
  version INTEGER NOT NULL,
  signed_version INTEGER,
  jwt TEXT,
  PRIMARY KEY (org_slug, list_no, purpose)
);
CREATE TABLE IF NOT EXISTS status_list_usage (
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  list_no INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (org_slug, list_no)
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  org_slug TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_slug, key)
);
CREATE TABLE IF NOT EXISTS batches (
  id TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL,
  type TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  template TEXT NOT NULL,
  rows TEXT NOT NULL,
  total INTEGER NOT NULL,
  processed INTEGER NOT NULL DEFAULT 0,
  valid INTEGER NOT NULL DEFAULT 0,
  invalid INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  org_slug TEXT,
  action TEXT NOT NULL,
  target TEXT,
  ip TEXT,
  details TEXT
);
`;

/**
 * 2: idempotency keys remember what a request created (`credential_created`, `cohort_accepted`),
 * not the HTTP status it was answered with: statuses belong to the HTTP edge.
 */
const IDEMPOTENCY_OUTCOMES = `
CREATE TABLE idempotency_outcomes (
  org_slug TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  outcome TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (org_slug, key)
);
INSERT INTO idempotency_outcomes (org_slug, key, request_hash, outcome, result, created_at)
  SELECT org_slug, key, request_hash,
         CASE status WHEN 202 THEN 'cohort_accepted' ELSE 'credential_created' END, response, created_at
    FROM idempotency_keys;
DROP TABLE idempotency_keys;
ALTER TABLE idempotency_outcomes RENAME TO idempotency_keys;
`;

/**
 * 3: one published status list per list number, in each format it is served in (a JWT, a Data
 * Integrity document), instead of a signed JWT per purpose: a credential names one list, whose
 * bit is set while it is revoked or suspended.
 */
const STATUS_LIST_PUBLICATIONS = `
CREATE TABLE status_list_publications (
  org_slug TEXT NOT NULL,
  list_no INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('jwt', 'di')),
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (org_slug, list_no, format)
);
ALTER TABLE status_lists DROP COLUMN jwt;
ALTER TABLE status_lists DROP COLUMN signed_version;
`;

/**
 * 4: a credential may be offered again (a failed or lost delivery, without a new assessment), so
 * offers are no longer one per credential and know when they were made; deliveries record each
 * credential response (one per envelope: what was signed, for whom) and what the wallet reported
 * of it (OpenID4VCI §11); the JWT each issued credential kept moves there.
 * Access tokens are short-lived (five minutes) and are dropped with the old offers table.
 */
const REOFFERS_AND_DELIVERIES = `
DELETE FROM access_tokens;
DROP TABLE access_tokens;
CREATE TABLE offers_v4 (
  id TEXT PRIMARY KEY,
  credential_id TEXT NOT NULL REFERENCES credentials(id),
  org_slug TEXT NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  tx_code_required INTEGER NOT NULL DEFAULT 0,
  failed_tx_attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  redeemed_at INTEGER
);
INSERT INTO offers_v4 (id, credential_id, org_slug, code_hash, tx_code_required, failed_tx_attempts, created_at,
    expires_at, redeemed_at)
  SELECT id, credential_id, org_slug, code_hash, tx_code_required, failed_tx_attempts, 0, expires_at, redeemed_at
    FROM offers;
DROP TABLE offers;
ALTER TABLE offers_v4 RENAME TO offers;
CREATE INDEX offers_by_credential ON offers (credential_id, created_at);
CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY,
  offer_id TEXT NOT NULL REFERENCES offers(id),
  expires_at INTEGER NOT NULL
);
CREATE TABLE deliveries (
  notification_id TEXT PRIMARY KEY,
  offer_id TEXT NOT NULL REFERENCES offers(id),
  configuration_id TEXT NOT NULL,
  holder_did TEXT NOT NULL,
  delivered_at INTEGER NOT NULL,
  credential TEXT NOT NULL,
  event TEXT CHECK (event IN ('credential_accepted', 'credential_failure', 'credential_deleted')),
  event_description TEXT,
  event_at INTEGER,
  UNIQUE (offer_id, configuration_id)
);
INSERT INTO deliveries (notification_id, offer_id, configuration_id, holder_did, delivered_at, credential)
  SELECT 'before-deliveries-' || o.id, o.id, c.type || '_jwt_vc_json', c.holder_did,
         CAST(strftime('%s', c.issued_at) AS INTEGER) * 1000, c.jwt
    FROM credentials c JOIN offers o ON o.credential_id = c.id
   WHERE c.jwt IS NOT NULL AND c.holder_did IS NOT NULL AND c.issued_at IS NOT NULL;
ALTER TABLE credentials DROP COLUMN jwt;
`;

/**
 * 5: organisations sign with a P-256 key (ES256, for SD-JWT VC) beside each Ed25519 key; every key
 * says which type it is. Keys from before were all Ed25519. Organisations made before get their
 * P-256 key from the issuer at start-up (a key is made by the key manager, not by SQL).
 */
const P256_KEYS = `
ALTER TABLE org_keys ADD COLUMN key_type TEXT NOT NULL DEFAULT 'Ed25519' CHECK (key_type IN ('Ed25519', 'P-256'));
`;

/**
 * 6: status lists are also published as IETF Token Status List tokens (format `tsl`), for SD-JWT
 * VC. SQLite cannot change a CHECK constraint in place, so the table is made anew.
 */
const TOKEN_STATUS_LIST_PUBLICATIONS = `
CREATE TABLE status_list_publications_v6 (
  org_slug TEXT NOT NULL,
  list_no INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('jwt', 'di', 'tsl')),
  version INTEGER NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (org_slug, list_no, format)
);
INSERT INTO status_list_publications_v6 (org_slug, list_no, format, version, document)
  SELECT org_slug, list_no, format, version, document FROM status_list_publications;
DROP TABLE status_list_publications;
ALTER TABLE status_list_publications_v6 RENAME TO status_list_publications;
`;

/**
 * 7: an offer staff withdrew (offered again, or its credential revoked) says so, where before it
 * only expired early: a wallet then tells the learner "withdrawn", not "expired".
 */
const WITHDRAWN_OFFERS = `
ALTER TABLE offers ADD COLUMN withdrawn_at INTEGER;
`;

/**
 * 8: offers reach the learner by e-mail, with a claim page. The claim id's hash finds an offer from
 * its page (unique: two offers never share a page); the page's first opening and the e-mail's
 * state are what the assessor sees. Older offers keep nulls: they have no claim page and no mail.
 */
const OFFER_MAILS = `
ALTER TABLE offers ADD COLUMN claim_hash TEXT;
ALTER TABLE offers ADD COLUMN opened_at INTEGER;
ALTER TABLE offers ADD COLUMN mail_state TEXT CHECK (mail_state IN ('pending', 'sent', 'failed'));
ALTER TABLE offers ADD COLUMN mail_at INTEGER;
ALTER TABLE offers ADD COLUMN mail_reason TEXT;
CREATE UNIQUE INDEX offers_claim_hash ON offers (claim_hash);
CREATE INDEX offers_mail_pending ON offers (mail_state) WHERE mail_state = 'pending';
`;

/**
 * 9: training providers' module catalogues (issue 16). A module's id is stable within its
 * organisation (its public URL is the Achievement id a ModuleCredential carries); `version` grows
 * with every change and makes the ETag; withdrawn modules stay for staff and for credentials that
 * name them.
 */
const CATALOGUE_MODULES = `
CREATE TABLE catalogue_modules (
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('published', 'withdrawn')),
  content TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (org_slug, id)
);
CREATE INDEX catalogue_modules_by_status ON catalogue_modules (org_slug, status, created_at, id);
`;

/**
 * 10: EVC intakes and a learn-work desk's requests for a learner's
 * credentials over OpenID4VP — the standards an EVC provider assesses against, and each request
 * with its single-use nonce and state and, once answered, the per-credential summary kept for
 * the assessor (never the presented tokens).
 */
const INTAKES = `
CREATE TABLE intake_standards (
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  identifier TEXT,
  occupation TEXT,
  skills TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (org_slug, id)
);
CREATE TABLE intakes (
  id TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL REFERENCES organisations(slug),
  purpose TEXT NOT NULL CHECK (purpose IN ('evc-intake', 'advice')),
  standard_id TEXT,
  purpose_text TEXT,
  created_by TEXT,
  nonce TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  received_at INTEGER,
  holder TEXT,
  learner_name TEXT,
  answer TEXT
);
CREATE INDEX intakes_by_org ON intakes (org_slug, created_at);
`;

/**
 * 11: a new kind of organisation, the learn-work desk (Leerwerkloket). SQLite changes a CHECK
 * constraint only by making the table anew; other tables refer to organisations, so this runs as a
 * table rebuild (foreign keys checked before it commits).
 */
const LEARN_WORK_DESKS: Migration = {
  rebuild: `
CREATE TABLE organisations_v11 (
  slug TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('evc-provider', 'training-provider', 'employer', 'learn-work-desk')),
  did TEXT NOT NULL UNIQUE,
  url TEXT,
  created_at TEXT NOT NULL
);
INSERT INTO organisations_v11 (slug, name, kind, did, url, created_at)
  SELECT slug, name, kind, did, url, created_at FROM organisations;
DROP TABLE organisations;
ALTER TABLE organisations_v11 RENAME TO organisations;
`,
};

/**
 * 12: cohort leases (issue 17). An unfinished cohort is processed by the instance holding its lease
 * (`lease_owner`, until `lease_until`, epoch ms), renewed with each chunk; once the lease has run
 * out, any instance may take the cohort over and finish it.
 */
const COHORT_LEASES = `
ALTER TABLE batches ADD COLUMN lease_owner TEXT;
ALTER TABLE batches ADD COLUMN lease_until INTEGER;
`;

export const MIGRATIONS: readonly Migration[] = [
  INITIAL_SCHEMA,
  IDEMPOTENCY_OUTCOMES,
  STATUS_LIST_PUBLICATIONS,
  REOFFERS_AND_DELIVERIES,
  P256_KEYS,
  TOKEN_STATUS_LIST_PUBLICATIONS,
  WITHDRAWN_OFFERS,
  OFFER_MAILS,
  CATALOGUE_MODULES,
  INTAKES,
  LEARN_WORK_DESKS,
  COHORT_LEASES,
];

/** Brings the issuer's tables up to the newest migration; returns how many were applied. */
export function migrate(db: SqliteDatabase): Promise<number> {
  return applyMigrations(db, MIGRATIONS);
}
