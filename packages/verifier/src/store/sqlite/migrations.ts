import { applyMigrations, type SqliteDatabase } from '@skills-passport/service-kit';

// Tables added after the verifier's first release, as versioned migrations: `PRAGMA user_version`
// holds how many have been applied, and opening the file applies the rest, each in a transaction of
// its own. The tables of the first release (SCHEMA in schema.ts) are created before, idempotently,
// so a file of any earlier version (user_version 0) is brought up to date.
//
// A migration's number is its place in this list, the version it brings the file to.
export const MIGRATIONS: readonly string[] = [
  /**
   * 1: publications — credentials a learner shows behind a link they can withdraw. Once ended
   * (withdrawn, or found expired) only the id, the times and the reason remain.
   */
  `
CREATE TABLE publications (
  id TEXT PRIMARY KEY,
  withdraw_token_hash TEXT,
  credentials TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER,
  ended_reason TEXT CHECK (ended_reason IN ('withdrawn', 'expired')),
  CHECK ((ended_at IS NULL) = (credentials IS NOT NULL AND withdraw_token_hash IS NOT NULL))
);
`,

  /** 2: publications still live, by the time they expire, for clearing expired ones in one statement. */
  `
CREATE INDEX publications_live_by_expiry ON publications (expires_at) WHERE ended_at IS NULL;
`,

  /**
   * 3: vacancies — an employer's skills query published as a public link. `query` holds the skills,
   * accepted types and issuers, whether to ask for the name and the lifetime of each request made
   * from it, as JSON; a withdrawn vacancy keeps its row (its link answers 410).
   */
  `
CREATE TABLE vacancies (
  id TEXT PRIMARY KEY,
  employer_id TEXT NOT NULL REFERENCES employers(id),
  title TEXT NOT NULL,
  purpose TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  withdrawn_at INTEGER
);
CREATE INDEX vacancies_by_employer ON vacancies (employer_id, created_at);
`,

  /**
   * 4: the services a trusted issuer offers, published on the trust list: a training provider's
   * module catalogue and an EVC provider's intake (absolute URLs; NULL when it offers none).
   */
  `
ALTER TABLE trusted_issuers ADD COLUMN catalogue TEXT;
ALTER TABLE trusted_issuers ADD COLUMN intake TEXT;
`,
];

/** Brings the file up to the newest migration; returns how many were applied. */
export function migrate(db: SqliteDatabase): Promise<number> {
  return applyMigrations(db, MIGRATIONS);
}
