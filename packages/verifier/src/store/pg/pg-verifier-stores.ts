import { createHash } from 'node:crypto';
import {
  mapped,
  PgDatabase,
  PgRateCounters,
  type PgSession,
  type RateCounters,
} from '@skills-passport/service-kit';
import type { TrustedIssuer } from '../../domain/trusted-issuers.js';
import type {
  EndedPublication,
  Employer,
  IncompleteAnswers,
  PublicationRecord,
  StoredPublication,
  RequestClaim,
  StoredRequest,
  StoredResult,
  StoredVacancy,
  VerifierStores,
} from '../../ports.js';
import {
  type IncompleteAnswersRow,
  type PublicationRow,
  type RequestRow,
  type ResultRow,
  type TrustedIssuerRow,
  type VacancyRow,
  toIncompleteAnswers,
  toPublication,
  toRequest,
  toResult,
  toTrustedIssuer,
  toVacancy,
  trustedIssuerParameters,
  publicationParameters,
  vacancyParameters,
} from '../rows.js';
import { migratePg } from './migrations.js';

/**
 * The advisory lock key of a request's claim: 64 bits of the SHA-256 of its id, as a signed BIGINT
 * (text, so no precision is lost on the way), for a collision between two requests to be as good
 * as impossible.
 */
const claimKey = (id: string): string => lockKey(`claim:${id}`);

/** 64 bits of the SHA-256 of `name` in the verifier's own space of advisory lock keys. */
const lockKey = (name: string): string =>
  createHash('sha256').update(`skills-passport:verifier:${name}`).digest().readBigInt64BE(0).toString();

/**
 * The verifier's stores in PostgreSQL, shared by every instance. A claim is a session-level
 * advisory lock on a connection held for the claim alone: it writes nothing, it excludes every
 * other instance, and it ends when released, when this instance closes, and when this instance
 * dies (PostgreSQL ends the session and its locks with the connection). The database keeps a
 * request to one answer on its own (`saveResult`).
 *
 * Claims and turns hold their sessions in a pool of their own: held in the main pool, as many
 * answers at once as it has connections would each hold one while waiting for another to store
 * their result, and every one of them would wait until it failed.
 */
export class PgVerifierStores implements VerifierStores {
  readonly #db: PgDatabase;
  /** Connections for session-level locks (claims, turns) only. */
  readonly #locks: PgDatabase;
  /** The sessions of the claims this instance holds, to end when it closes. */
  readonly #held = new Set<PgSession>();

  private constructor(db: PgDatabase, locks: PgDatabase) {
    this.#db = db;
    this.#locks = locks;
  }

  /** For tests and tools that inspect the tables. */
  get db(): PgDatabase {
    return this.#db;
  }

  /** Connects to `DATABASE_URL` and brings the verifier's tables up to date (once, however many start). */
  static async open(options: { url: string; poolSize?: number }): Promise<PgVerifierStores> {
    const db = await PgDatabase.open(options);
    let locks: PgDatabase | undefined;
    try {
      await migratePg(db);
      locks = await PgDatabase.open(options);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return new PgVerifierStores(db, locks);
  }

  rateCounters(scope: string): RateCounters {
    return new PgRateCounters(this.#db, scope);
  }

  async close(): Promise<void> {
    const held = [...this.#held];
    this.#held.clear();
    await Promise.all(held.map((session) => session.end()));
    await Promise.all([this.#db.close(), this.#locks.close()]);
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.#db.get<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]))?.value;
  }

  async settingOnce(key: string, value: string): Promise<string> {
    await this.#db.run('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      key,
      value,
    ]);
    return (await this.setting(key))!;
  }

  /**
   * A turn is a session-level advisory lock (waited for) on a connection held while `work` runs:
   * it ends with the session, also when this instance dies mid-turn.
   */
  async inTurn<T>(name: string, work: () => Promise<T>): Promise<T> {
    const session = await this.#locks.session();
    this.#held.add(session);
    try {
      await session.run('SELECT pg_advisory_lock($1::bigint)', [lockKey(`turn:${name}`)]);
      return await work();
    } finally {
      this.#held.delete(session);
      await session.end();
    }
  }

  async addEmployer(id: string, name: string, apiKeyHash: string, now: number): Promise<void> {
    await this.#db.run('INSERT INTO employers (id, name, api_key_hash, created_at) VALUES ($1, $2, $3, $4)', [
      id,
      name,
      apiKeyHash,
      now,
    ]);
  }

  async employerByKeyHash(apiKeyHash: string): Promise<Employer | undefined> {
    return this.#db.get<{ id: string; name: string }>(
      'SELECT id, name FROM employers WHERE api_key_hash = $1 AND revoked_at IS NULL',
      [apiKeyHash],
    );
  }

  async employer(id: string): Promise<Employer | undefined> {
    return this.#db.get<{ id: string; name: string }>('SELECT id, name FROM employers WHERE id = $1', [id]);
  }

  async revokeEmployer(id: string, now: number): Promise<boolean> {
    return (
      (await this.#db.run('UPDATE employers SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [
        now,
        id,
      ])) === 1
    );
  }

  async get(did: string): Promise<TrustedIssuer | undefined> {
    const row = await this.#db.get<TrustedIssuerRow>(
      'SELECT did, name, kind, accredited_types, catalogue, intake FROM trusted_issuers WHERE did = $1',
      [did],
    );
    return mapped(row, toTrustedIssuer);
  }

  async listTrustedIssuers(): Promise<TrustedIssuer[]> {
    const rows = await this.#db.all<TrustedIssuerRow>(
      'SELECT did, name, kind, accredited_types, catalogue, intake FROM trusted_issuers ORDER BY name',
    );
    return rows.map(toTrustedIssuer);
  }

  async putTrustedIssuer(issuer: TrustedIssuer, now: number): Promise<void> {
    await this.#db.run(
      `INSERT INTO trusted_issuers (did, name, kind, accredited_types, catalogue, intake, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (did) DO UPDATE SET name = excluded.name, kind = excluded.kind, accredited_types = excluded.accredited_types,
         catalogue = excluded.catalogue, intake = excluded.intake, updated_at = excluded.updated_at`,
      trustedIssuerParameters(issuer, now),
    );
  }

  async deleteTrustedIssuer(did: string): Promise<boolean> {
    return (await this.#db.run('DELETE FROM trusted_issuers WHERE did = $1', [did])) === 1;
  }

  async addRequest(request: StoredRequest): Promise<void> {
    await this.#db.run(
      `INSERT INTO requests (id, employer_id, title, skills, accepted_types, accepted_issuers, ask_for_name, nonce, state, created_at, expires_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        request.id,
        request.employerId,
        request.title,
        JSON.stringify(request.skills),
        JSON.stringify(request.acceptedTypes),
        request.acceptedIssuers === undefined ? null : JSON.stringify(request.acceptedIssuers),
        request.askForName === true,
        request.nonce,
        request.state,
        request.createdAt,
        request.expiresAt,
        request.status,
      ],
    );
  }

  async request(id: string): Promise<StoredRequest | undefined> {
    const row = await this.#db.get<RequestRow<boolean>>('SELECT * FROM requests WHERE id = $1', [id]);
    return mapped(row, toRequest);
  }

  async requestsOf(employerId: string, limit: number): Promise<StoredRequest[]> {
    const rows = await this.#db.all<RequestRow<boolean>>(
      'SELECT * FROM requests WHERE employer_id = $1 ORDER BY created_at DESC, id LIMIT $2',
      [employerId, limit],
    );
    return rows.map(toRequest);
  }

  async claimForAnswering(id: string, now: number): Promise<RequestClaim | undefined> {
    const session = await this.#locks.session();
    const end = (): Promise<void> => {
      this.#held.delete(session);
      return session.end();
    };
    try {
      const lock = await session.get<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1::bigint) AS locked',
        [claimKey(id)],
      );
      // Asked once the lock is held, so an answer saved by the previous holder is seen.
      const open =
        lock?.locked === true &&
        (await session.get(
          "SELECT 1 AS open FROM requests WHERE id = $1 AND status = 'pending' AND expires_at > $2",
          [id, now],
        )) !== undefined;
      if (!open) {
        await end();
        return undefined;
      }
      this.#held.add(session);
      return { release: end };
    } catch (error) {
      await end();
      throw error;
    }
  }

  /**
   * One statement marks the request answered and stores the answer with it, never one without the
   * other. A second answer racing on another instance waits on the request's row, finds it no
   * longer pending, and stores nothing.
   */
  async saveResult(result: StoredResult): Promise<boolean> {
    const changes = await this.#db.run(
      `WITH answered AS (
         UPDATE requests SET status = 'answered' WHERE id = $5 AND status = 'pending' RETURNING id
       )
       INSERT INTO results (request_id, received_at, accepted, outcome, report)
       SELECT id, $1, $2, $3, $4 FROM answered`,
      [result.receivedAt, result.accepted, result.outcome, JSON.stringify(result.report), result.requestId],
    );
    return changes === 1;
  }

  async result(requestId: string): Promise<StoredResult | undefined> {
    const row = await this.#db.get<ResultRow<boolean>>('SELECT * FROM results WHERE request_id = $1', [
      requestId,
    ]);
    return mapped(row, toResult);
  }

  /** One statement: a row per request, counted up; only while the request is pending. */
  async noteIncompleteAnswer(
    requestId: string,
    receivedAt: number,
    reason: string,
    error?: string,
  ): Promise<boolean> {
    const changes = await this.#db.run(
      `INSERT INTO incomplete_answers (request_id, count, last_received_at, last_reason, last_error)
       SELECT id, 1, $1, $2, $3 FROM requests WHERE id = $4 AND status = 'pending'
       ON CONFLICT (request_id) DO UPDATE SET count = incomplete_answers.count + 1,
         last_received_at = excluded.last_received_at, last_reason = excluded.last_reason,
         last_error = excluded.last_error`,
      [receivedAt, reason, error ?? null, requestId],
    );
    return changes === 1;
  }

  async incompleteAnswers(requestId: string): Promise<IncompleteAnswers | undefined> {
    const row = await this.#db.get<IncompleteAnswersRow>(
      'SELECT count, last_received_at, last_reason, last_error FROM incomplete_answers WHERE request_id = $1',
      [requestId],
    );
    return mapped(row, toIncompleteAnswers);
  }

  async addPublication(publication: StoredPublication): Promise<void> {
    await this.#db.run(
      `INSERT INTO publications (id, withdraw_token_hash, credentials, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5)`,
      publicationParameters(publication),
    );
  }

  async publication(id: string): Promise<PublicationRecord | undefined> {
    const row = await this.#db.get<PublicationRow>(
      `SELECT id, withdraw_token_hash, credentials, created_at, expires_at, ended_at, ended_reason
       FROM publications WHERE id = $1`,
      [id],
    );
    return mapped(row, toPublication);
  }

  async endPublication(id: string, at: number, reason: EndedPublication['reason']): Promise<boolean> {
    const changes = await this.#db.run(
      `UPDATE publications SET credentials = NULL, withdraw_token_hash = NULL, ended_at = $1, ended_reason = $2
       WHERE id = $3 AND ended_at IS NULL`,
      [at, reason, id],
    );
    return changes === 1;
  }

  async endExpiredPublications(now: number): Promise<number> {
    const changes = await this.#db.run(
      `UPDATE publications SET credentials = NULL, withdraw_token_hash = NULL, ended_at = expires_at,
         ended_reason = 'expired'
       WHERE ended_at IS NULL AND expires_at <= $1`,
      [now],
    );
    return changes;
  }

  async addVacancy(vacancy: StoredVacancy): Promise<void> {
    await this.#db.run(
      `INSERT INTO vacancies (id, employer_id, title, purpose, query, created_at, expires_at, withdrawn_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      vacancyParameters(vacancy),
    );
  }

  async vacancy(id: string): Promise<StoredVacancy | undefined> {
    const row = await this.#db.get<VacancyRow>('SELECT * FROM vacancies WHERE id = $1', [id]);
    return mapped(row, toVacancy);
  }

  async vacanciesOf(employerId: string, limit: number): Promise<StoredVacancy[]> {
    const rows = await this.#db.all<VacancyRow>(
      'SELECT * FROM vacancies WHERE employer_id = $1 ORDER BY created_at DESC, id LIMIT $2',
      [employerId, limit],
    );
    return rows.map(toVacancy);
  }

  async withdrawVacancy(id: string, employerId: string, at: number): Promise<boolean> {
    const changes = await this.#db.run(
      'UPDATE vacancies SET withdrawn_at = $1 WHERE id = $2 AND employer_id = $3 AND withdrawn_at IS NULL',
      [at, id, employerId],
    );
    return changes === 1;
  }
}
