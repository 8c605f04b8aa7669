import type { CredentialTypeName } from '@skills-passport/core';
import type { IssuerKind, TrustedIssuer, TrustedIssuerLookup } from '../domain/trusted-issuers.js';
import type { SqliteDatabase } from '@skills-passport/service-kit';

const SCHEMA = `
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

/** A skill as an employer asks for it. */
export interface SkillRequirement {
  uri: string;
  required: boolean;
  minimumLevel?: number;
}

/** A stored skills request. */
export interface StoredRequest {
  id: string;
  employerId: string;
  title: string;
  skills: SkillRequirement[];
  acceptedTypes: CredentialTypeName[];
  acceptedIssuers: string[] | undefined;
  nonce: string;
  state: string;
  createdAt: number;
  expiresAt: number;
  status: 'pending' | 'answering' | 'answered';
}

/** A stored answer to a request. */
export interface StoredResult {
  requestId: string;
  receivedAt: number;
  accepted: boolean;
  outcome: string;
  report: unknown;
}

export interface Employer {
  id: string;
  name: string;
}

type RequestRow = {
  id: string;
  employer_id: string;
  title: string;
  skills: string;
  accepted_types: string;
  accepted_issuers: string | null;
  nonce: string;
  state: string;
  created_at: number;
  expires_at: number;
  status: string;
};

function toRequest(row: RequestRow): StoredRequest {
  return {
    id: row.id,
    employerId: row.employer_id,
    title: row.title,
    skills: JSON.parse(row.skills) as SkillRequirement[],
    acceptedTypes: JSON.parse(row.accepted_types) as CredentialTypeName[],
    acceptedIssuers:
      row.accepted_issuers === null ? undefined : (JSON.parse(row.accepted_issuers) as string[]),
    nonce: row.nonce,
    state: row.state,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    status: row.status as StoredRequest['status'],
  };
}

/** The verifier's persistence: settings, employers, trusted issuers, requests and their results. */
export class VerifierStore implements TrustedIssuerLookup {
  /** Requests whose response is being verified in this process (see `claimRequest`). */
  readonly #answering = new Set<string>();

  constructor(readonly db: SqliteDatabase) {}

  async migrate(): Promise<void> {
    await this.db.exec(SCHEMA);
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
  }

  /** Stores `value` unless the key is set already; returns what is stored. */
  async settingOnce(key: string, value: string): Promise<string> {
    await this.db.run('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)', [key, value]);
    return (await this.setting(key))!;
  }

  async addEmployer(id: string, name: string, apiKeyHash: string, now: number): Promise<void> {
    await this.db.run('INSERT INTO employers (id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?)', [
      id,
      name,
      apiKeyHash,
      now,
    ]);
  }

  async employerByKeyHash(hash: string): Promise<Employer | undefined> {
    return this.db.get<{ id: string; name: string }>(
      'SELECT id, name FROM employers WHERE api_key_hash = ? AND revoked_at IS NULL',
      [hash],
    );
  }

  async employerById(id: string): Promise<Employer | undefined> {
    return this.db.get<{ id: string; name: string }>('SELECT id, name FROM employers WHERE id = ?', [id]);
  }

  async revokeEmployer(id: string, now: number): Promise<boolean> {
    return (
      (
        await this.db.run('UPDATE employers SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
          now,
          id,
        ])
      ).changes === 1
    );
  }

  async get(did: string): Promise<TrustedIssuer | undefined> {
    const row = await this.db.get<{ did: string; name: string; kind: string; accredited_types: string }>(
      'SELECT did, name, kind, accredited_types FROM trusted_issuers WHERE did = ?',
      [did],
    );
    return row === undefined
      ? undefined
      : {
          did: row.did,
          name: row.name,
          kind: row.kind as IssuerKind,
          accreditedTypes: JSON.parse(row.accredited_types) as CredentialTypeName[],
        };
  }

  async listTrustedIssuers(): Promise<TrustedIssuer[]> {
    const rows = await this.db.all<{ did: string; name: string; kind: string; accredited_types: string }>(
      'SELECT did, name, kind, accredited_types FROM trusted_issuers ORDER BY name',
    );
    return rows.map((row) => ({
      did: row.did,
      name: row.name,
      kind: row.kind as IssuerKind,
      accreditedTypes: JSON.parse(row.accredited_types) as CredentialTypeName[],
    }));
  }

  async putTrustedIssuer(issuer: TrustedIssuer, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO trusted_issuers (did, name, kind, accredited_types, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (did) DO UPDATE SET name = excluded.name, kind = excluded.kind, accredited_types = excluded.accredited_types, updated_at = excluded.updated_at`,
      [issuer.did, issuer.name, issuer.kind, JSON.stringify(issuer.accreditedTypes), now],
    );
  }

  async deleteTrustedIssuer(did: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM trusted_issuers WHERE did = ?', [did])).changes === 1;
  }

  async addRequest(request: StoredRequest): Promise<void> {
    await this.db.run(
      `INSERT INTO requests (id, employer_id, title, skills, accepted_types, accepted_issuers, nonce, state, created_at, expires_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        request.id,
        request.employerId,
        request.title,
        JSON.stringify(request.skills),
        JSON.stringify(request.acceptedTypes),
        request.acceptedIssuers === undefined ? null : JSON.stringify(request.acceptedIssuers),
        request.nonce,
        request.state,
        request.createdAt,
        request.expiresAt,
        request.status,
      ],
    );
  }

  async request(id: string): Promise<StoredRequest | undefined> {
    const row = await this.db.get<RequestRow>('SELECT * FROM requests WHERE id = ?', [id]);
    return row === undefined ? undefined : toRequest(row);
  }

  async requestsOf(employerId: string, limit: number): Promise<StoredRequest[]> {
    const rows = await this.db.all<RequestRow>(
      'SELECT * FROM requests WHERE employer_id = ? ORDER BY created_at DESC, id LIMIT ?',
      [employerId, limit],
    );
    return rows.map(toRequest);
  }

  /**
   * Claims a pending, unexpired request for one response while it is verified: while claimed, no
   * other response to it is taken. The claim is held in memory and writes nothing, so an answer
   * that cannot be stored (a full disk) leaves the request open to be answered again; the database
   * keeps a request to one answer in `saveResult`. Let go with `releaseClaim`.
   */
  async claimRequest(id: string, now: number): Promise<boolean> {
    if (this.#answering.has(id)) return false;
    this.#answering.add(id);
    try {
      const open = await this.db.get(
        "SELECT 1 AS open FROM requests WHERE id = ? AND status = 'pending' AND expires_at > ?",
        [id, now],
      );
      if (open === undefined) this.#answering.delete(id);
      return open !== undefined;
    } catch (error) {
      this.#answering.delete(id);
      throw error;
    }
  }

  releaseClaim(id: string): void {
    this.#answering.delete(id);
  }

  /**
   * Stores the answer to a request that is still pending and marks it answered, in one statement
   * (the `results_answer_request` trigger): all or nothing. `false` when it was answered already.
   */
  async saveResult(result: StoredResult): Promise<boolean> {
    const { changes } = await this.db.run(
      `INSERT INTO results (request_id, received_at, accepted, outcome, report)
       SELECT id, ?, ?, ?, ? FROM requests WHERE id = ? AND status = 'pending'`,
      [
        result.receivedAt,
        result.accepted ? 1 : 0,
        result.outcome,
        JSON.stringify(result.report),
        result.requestId,
      ],
    );
    return changes === 1;
  }

  async result(requestId: string): Promise<StoredResult | undefined> {
    const row = await this.db.get<{
      request_id: string;
      received_at: number;
      accepted: number;
      outcome: string;
      report: string;
    }>('SELECT * FROM results WHERE request_id = ?', [requestId]);
    return row === undefined
      ? undefined
      : {
          requestId: row.request_id,
          receivedAt: row.received_at,
          accepted: row.accepted === 1,
          outcome: row.outcome,
          report: JSON.parse(row.report) as unknown,
        };
  }
}
