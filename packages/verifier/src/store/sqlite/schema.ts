/** The verifier's SQLite schema, and the settling of rows earlier versions left behind. */
export const SCHEMA = `
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS employers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  api_key_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS trusted_issuers (
  did TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  accredited_types TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  employer_id TEXT NOT NULL REFERENCES employers(id),
  title TEXT NOT NULL,
  skills TEXT NOT NULL,
  accepted_types TEXT NOT NULL,
  accepted_issuers TEXT,
  nonce TEXT NOT NULL,
  state TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'answering', 'answered'))
);
CREATE INDEX IF NOT EXISTS requests_by_employer ON requests (employer_id, created_at);
CREATE TABLE IF NOT EXISTS results (
  request_id TEXT PRIMARY KEY REFERENCES requests(id),
  received_at INTEGER NOT NULL,
  accepted INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  report TEXT NOT NULL
);
-- Answers that did not answer their request (it stays pending): a count and the last one.
CREATE TABLE IF NOT EXISTS incomplete_answers (
  request_id TEXT PRIMARY KEY REFERENCES requests(id),
  count INTEGER NOT NULL,
  last_received_at INTEGER NOT NULL,
  last_reason TEXT NOT NULL,
  last_error TEXT
);
-- Storing a result answers its request in the same statement: never one without the other.
CREATE TRIGGER IF NOT EXISTS results_answer_request AFTER INSERT ON results
BEGIN
  UPDATE requests SET status = 'answered' WHERE id = NEW.request_id;
END;
-- Earlier versions marked a request 'answering' in the database while its response was verified;
-- a crash or a full disk in between left it there for good. Settle such requests by their result.
UPDATE requests SET status = 'answered'
 WHERE status = 'answering' AND id IN (SELECT request_id FROM results);
UPDATE requests SET status = 'pending'
 WHERE status = 'answering' AND id NOT IN (SELECT request_id FROM results);
`;

/**
 * Columns added after the first release, as `ALTER TABLE … ADD COLUMN` (SQLite has no `IF NOT
 * EXISTS` for columns): each is added when the table lacks it, so older files open unchanged.
 */
export const ADDED_COLUMNS: readonly { table: string; column: string; definition: string }[] = [
  // 1 when the employer asks for the learner's name (an SD-JWT VC answer then discloses it).
  { table: 'requests', column: 'ask_for_name', definition: 'INTEGER NOT NULL DEFAULT 0' },
];
