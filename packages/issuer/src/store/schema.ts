import type { SqliteDatabase } from '@skills-passport/service-kit';

// The issuer's own tables (Veramo keeps keys and DIDs in its own tables of the same file).
// Each statement is idempotent, so start-up applies the schema every time.
const SCHEMA = `
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

/** Creates the issuer's tables where they do not exist yet. */
export async function applySchema(db: SqliteDatabase): Promise<void> {
  await db.exec(SCHEMA);
}
