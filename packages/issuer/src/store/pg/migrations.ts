import { applyPgMigrations, migrateRateLimits, type PgDatabase } from '@skills-passport/service-kit';

// The issuer's tables in PostgreSQL, as the SQLite migrations (../sqlite/migrations.ts) leave them
// at their newest, in PostgreSQL's types: epoch milliseconds as BIGINT, flags as BOOLEAN, bit
// strings as BYTEA. Timestamps stay ISO 8601 text, as in SQLite, and every text column that is
// ordered or compared by range is COLLATE "C": byte order, as SQLite compares, whatever locale
// the database was made with (a locale's order skips punctuation, which would reorder ids and
// break the credential list's paging). Versions are counted per component in
// `schema_migrations`; a change is a new entry at the end, never an edit of one applied.

const C = 'COLLATE "C"';

const V1 = `
CREATE TABLE organisations (
  slug TEXT ${C} PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('evc-provider', 'training-provider', 'employer', 'learn-work-desk')),
  did TEXT NOT NULL UNIQUE,
  url TEXT,
  created_at TEXT ${C} NOT NULL
);
CREATE TABLE org_keys (
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  fragment TEXT NOT NULL,
  key_type TEXT NOT NULL DEFAULT 'Ed25519' CHECK (key_type IN ('Ed25519', 'P-256')),
  kid TEXT NOT NULL,
  public_key_hex TEXT NOT NULL,
  created_at TEXT ${C} NOT NULL,
  -- Keys are listed oldest first, and in the order added when made in the same millisecond.
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  PRIMARY KEY (org_slug, fragment)
);
CREATE TABLE staff (
  id TEXT ${C} PRIMARY KEY,
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  created_at TEXT ${C} NOT NULL
);
CREATE TABLE api_keys (
  id TEXT ${C} PRIMARY KEY,
  staff_id TEXT ${C} NOT NULL REFERENCES staff(id),
  secret_hash TEXT NOT NULL,
  label TEXT,
  created_at TEXT ${C} NOT NULL,
  revoked_at TEXT ${C}
);
CREATE TABLE credentials (
  id TEXT ${C} PRIMARY KEY,
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  type TEXT NOT NULL,
  learner_name TEXT NOT NULL,
  learner_contact TEXT,
  document TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('offered', 'issued', 'revoked', 'suspended')),
  list_no INTEGER NOT NULL,
  status_index INTEGER NOT NULL,
  holder_did TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT ${C} NOT NULL,
  issued_at TEXT ${C},
  revoked_at TEXT ${C},
  revocation_reason TEXT,
  suspended_at TEXT ${C},
  batch_id TEXT,
  -- A status index is never given twice within a list, whichever instance allocates it.
  UNIQUE (org_slug, list_no, status_index)
);
CREATE INDEX credentials_by_org ON credentials (org_slug, created_at);
CREATE TABLE offers (
  id TEXT ${C} PRIMARY KEY,
  credential_id TEXT ${C} NOT NULL REFERENCES credentials(id),
  org_slug TEXT ${C} NOT NULL,
  code_hash TEXT NOT NULL UNIQUE,
  tx_code_required BOOLEAN NOT NULL DEFAULT false,
  failed_tx_attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  redeemed_at BIGINT,
  withdrawn_at BIGINT,
  claim_hash TEXT UNIQUE,
  opened_at BIGINT,
  mail_state TEXT CHECK (mail_state IN ('pending', 'sent', 'failed')),
  mail_at BIGINT,
  mail_reason TEXT,
  -- The newest offer of a credential is the last made, also within one millisecond.
  seq BIGINT GENERATED ALWAYS AS IDENTITY
);
CREATE INDEX offers_by_credential ON offers (credential_id, created_at);
CREATE INDEX offers_mail_pending ON offers (mail_state) WHERE mail_state = 'pending';
CREATE TABLE access_tokens (
  token_hash TEXT PRIMARY KEY,
  offer_id TEXT ${C} NOT NULL REFERENCES offers(id),
  expires_at BIGINT NOT NULL
);
CREATE TABLE deliveries (
  notification_id TEXT ${C} PRIMARY KEY,
  offer_id TEXT ${C} NOT NULL REFERENCES offers(id),
  configuration_id TEXT ${C} NOT NULL,
  holder_did TEXT NOT NULL,
  delivered_at BIGINT NOT NULL,
  credential TEXT NOT NULL,
  event TEXT CHECK (event IN ('credential_accepted', 'credential_failure', 'credential_deleted')),
  event_description TEXT,
  event_at BIGINT,
  UNIQUE (offer_id, configuration_id)
);
CREATE TABLE nonces (
  nonce TEXT PRIMARY KEY,
  org_slug TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE TABLE status_lists (
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  list_no INTEGER NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('revocation', 'suspension')),
  bits BYTEA NOT NULL,
  version BIGINT NOT NULL,
  PRIMARY KEY (org_slug, list_no, purpose)
);
CREATE TABLE status_list_usage (
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  list_no INTEGER NOT NULL,
  used INTEGER NOT NULL,
  PRIMARY KEY (org_slug, list_no)
);
CREATE TABLE status_list_publications (
  org_slug TEXT ${C} NOT NULL,
  list_no INTEGER NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('jwt', 'di', 'tsl')),
  version BIGINT NOT NULL,
  document TEXT NOT NULL,
  PRIMARY KEY (org_slug, list_no, format)
);
CREATE TABLE batches (
  id TEXT ${C} PRIMARY KEY,
  org_slug TEXT ${C} NOT NULL,
  type TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT ${C} NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('processing', 'done')),
  template TEXT NOT NULL,
  rows TEXT NOT NULL,
  total INTEGER NOT NULL,
  processed INTEGER NOT NULL DEFAULT 0,
  valid INTEGER NOT NULL DEFAULT 0,
  invalid INTEGER NOT NULL DEFAULT 0,
  report TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE audit_log (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at TEXT ${C} NOT NULL,
  actor TEXT NOT NULL,
  org_slug TEXT ${C},
  action TEXT NOT NULL,
  target TEXT,
  ip TEXT,
  details TEXT
);
CREATE TABLE idempotency_keys (
  org_slug TEXT ${C} NOT NULL,
  key TEXT ${C} NOT NULL,
  request_hash TEXT NOT NULL,
  outcome TEXT NOT NULL,
  result TEXT NOT NULL,
  created_at TEXT ${C} NOT NULL,
  PRIMARY KEY (org_slug, key)
);
CREATE TABLE catalogue_modules (
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  id TEXT ${C} NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('published', 'withdrawn')),
  content TEXT NOT NULL,
  created_at TEXT ${C} NOT NULL,
  updated_at TEXT ${C} NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (org_slug, id)
);
CREATE INDEX catalogue_modules_by_status ON catalogue_modules (org_slug, status, created_at, id);
CREATE TABLE intake_standards (
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  id TEXT ${C} NOT NULL,
  name TEXT ${C} NOT NULL,
  identifier TEXT,
  occupation TEXT,
  skills TEXT,
  updated_at TEXT ${C} NOT NULL,
  PRIMARY KEY (org_slug, id)
);
CREATE TABLE intakes (
  id TEXT ${C} PRIMARY KEY,
  org_slug TEXT ${C} NOT NULL REFERENCES organisations(slug),
  purpose TEXT NOT NULL CHECK (purpose IN ('evc-intake', 'advice')),
  standard_id TEXT,
  purpose_text TEXT,
  created_by TEXT,
  nonce TEXT NOT NULL UNIQUE,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  received_at BIGINT,
  holder TEXT,
  learner_name TEXT,
  answer TEXT
);
CREATE INDEX intakes_by_org ON intakes (org_slug, created_at);
`;

/**
 * 2: cohort leases, as SQLite's migration 12: an unfinished cohort is processed by the instance
 * holding its lease (`lease_owner` until `lease_until`, epoch ms), renewed with each chunk; once
 * it has run out, another instance takes the cohort over (claimed with FOR UPDATE SKIP LOCKED).
 */
const V2 = `
ALTER TABLE batches ADD COLUMN lease_owner TEXT;
ALTER TABLE batches ADD COLUMN lease_until BIGINT;
CREATE INDEX batches_unfinished ON batches (created_at) WHERE state = 'processing';
`;

/** The issuer's migrations for PostgreSQL, oldest first; version n is `PG_MIGRATIONS[n - 1]`. */
export const PG_MIGRATIONS: readonly string[] = [V1, V2];

/** The component the issuer's versions are counted under in `schema_migrations`. */
export const PG_COMPONENT = 'issuer';

/**
 * Brings the issuer's tables up to the newest migration, and the shared rate-limit counters'
 * table (its own component, which the verifier applies too); returns how many were applied now.
 */
export async function migratePg(db: PgDatabase): Promise<number> {
  return (await applyPgMigrations(db, PG_COMPONENT, PG_MIGRATIONS)) + (await migrateRateLimits(db));
}
