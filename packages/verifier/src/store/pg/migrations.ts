import { applyPgMigrations, migrateRateLimits, type PgDatabase } from '@skills-passport/service-kit';

// The verifier's tables in PostgreSQL, as the SQLite schema and migrations (../sqlite/) leave them
// at their newest, in PostgreSQL's types: epoch milliseconds as BIGINT, flags as BOOLEAN. Text
// that is ordered is COLLATE "C" (byte order, as SQLite compares, whatever the database's locale).
// There is no trigger: `saveResult` answers the request and stores the result in one statement.
// Versions are counted under component 'verifier' in `schema_migrations`; a change is a new
// entry at the end, never an edit of one applied.

const C = 'COLLATE "C"';

const V1 = `
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE employers (
  id TEXT ${C} PRIMARY KEY,
  name TEXT NOT NULL,
  api_key_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
CREATE TABLE trusted_issuers (
  did TEXT PRIMARY KEY,
  name TEXT ${C} NOT NULL,
  kind TEXT NOT NULL,
  accredited_types TEXT NOT NULL,
  catalogue TEXT,
  intake TEXT,
  updated_at BIGINT NOT NULL
);
CREATE TABLE requests (
  id TEXT ${C} PRIMARY KEY,
  employer_id TEXT ${C} NOT NULL REFERENCES employers(id),
  title TEXT NOT NULL,
  skills TEXT NOT NULL,
  accepted_types TEXT NOT NULL,
  accepted_issuers TEXT,
  ask_for_name BOOLEAN NOT NULL DEFAULT false,
  nonce TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'answered'))
);
CREATE INDEX requests_by_employer ON requests (employer_id, created_at);
CREATE TABLE results (
  request_id TEXT ${C} PRIMARY KEY REFERENCES requests(id),
  received_at BIGINT NOT NULL,
  accepted BOOLEAN NOT NULL,
  outcome TEXT NOT NULL,
  report TEXT NOT NULL
);
CREATE TABLE incomplete_answers (
  request_id TEXT ${C} PRIMARY KEY REFERENCES requests(id),
  count INTEGER NOT NULL,
  last_received_at BIGINT NOT NULL,
  last_reason TEXT NOT NULL,
  last_error TEXT
);
CREATE TABLE publications (
  id TEXT ${C} PRIMARY KEY,
  withdraw_token_hash TEXT,
  credentials TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT,
  ended_reason TEXT CHECK (ended_reason IN ('withdrawn', 'expired')),
  CHECK ((ended_at IS NULL) = (credentials IS NOT NULL AND withdraw_token_hash IS NOT NULL))
);
CREATE INDEX publications_live_by_expiry ON publications (expires_at) WHERE ended_at IS NULL;
CREATE TABLE vacancies (
  id TEXT ${C} PRIMARY KEY,
  employer_id TEXT ${C} NOT NULL REFERENCES employers(id),
  title TEXT NOT NULL,
  purpose TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  withdrawn_at BIGINT
);
CREATE INDEX vacancies_by_employer ON vacancies (employer_id, created_at);
`;

/** The verifier's migrations for PostgreSQL, oldest first; version n is `PG_MIGRATIONS[n - 1]`. */
export const PG_MIGRATIONS: readonly string[] = [V1];

/**
 * Brings the verifier's tables up to the newest migration, and the shared rate-limit counters'
 * table (its own component, which the issuer applies too); returns how many were applied now.
 */
export async function migratePg(db: PgDatabase): Promise<number> {
  return (await applyPgMigrations(db, 'verifier', PG_MIGRATIONS)) + (await migrateRateLimits(db));
}
