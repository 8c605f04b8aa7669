import { mapped, SqliteDatabase } from '@skills-passport/service-kit';
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
import { migrate } from './migrations.js';
import { ProcessClaims } from './process-claims.js';
import { ADDED_COLUMNS, SCHEMA } from './schema.js';

/** Adds the columns of {@link ADDED_COLUMNS} a file made by an earlier version lacks. */
async function addMissingColumns(db: SqliteDatabase): Promise<void> {
  const has = async (table: string, column: string): Promise<boolean> =>
    (await db.all<{ name: string }>(`PRAGMA table_info(${table})`)).some((c) => c.name === column);
  for (const { table, column, definition } of ADDED_COLUMNS) {
    if (await has(table, column)) continue;
    try {
      await db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${definition}`);
    } catch (error) {
      // Another instance opening the same file at the same moment may have added it first.
      if (!(await has(table, column))) throw error;
    }
  }
}

/**
 * The verifier's stores on one SQLite file (WAL), which one process owns. Claims are held in that
 * process's memory (`ProcessClaims`); the database keeps a request to one answer on its own.
 */
export class SqliteVerifierStores implements VerifierStores {
  readonly #claims: ProcessClaims;

  private constructor(
    readonly db: SqliteDatabase,
    claims: ProcessClaims,
  ) {
    this.#claims = claims;
  }

  /** Opens (creating if need be) the SQLite file at `path` and brings its schema up to date. */
  static async open(path: string): Promise<SqliteVerifierStores> {
    const db = await SqliteDatabase.open(path);
    try {
      await db.exec(SCHEMA);
      await addMissingColumns(db);
      await migrate(db);
    } catch (error) {
      await db.close().catch(() => undefined);
      throw error;
    }
    return new SqliteVerifierStores(db, ProcessClaims.attach(path));
  }

  async close(): Promise<void> {
    this.#claims.detach();
    await this.db.close();
  }

  async setting(key: string): Promise<string | undefined> {
    return (await this.db.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', [key]))?.value;
  }

  async settingOnce(key: string, value: string): Promise<string> {
    await this.db.run('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)', [key, value]);
    return (await this.setting(key))!;
  }

  inTurn<T>(name: string, work: () => Promise<T>): Promise<T> {
    return this.#claims.inTurn(name, work);
  }

  async addEmployer(id: string, name: string, apiKeyHash: string, now: number): Promise<void> {
    await this.db.run('INSERT INTO employers (id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?)', [
      id,
      name,
      apiKeyHash,
      now,
    ]);
  }

  async employerByKeyHash(apiKeyHash: string): Promise<Employer | undefined> {
    return this.db.get<{ id: string; name: string }>(
      'SELECT id, name FROM employers WHERE api_key_hash = ? AND revoked_at IS NULL',
      [apiKeyHash],
    );
  }

  async employer(id: string): Promise<Employer | undefined> {
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
    const row = await this.db.get<TrustedIssuerRow>(
      'SELECT did, name, kind, accredited_types, catalogue, intake FROM trusted_issuers WHERE did = ?',
      [did],
    );
    return mapped(row, toTrustedIssuer);
  }

  async listTrustedIssuers(): Promise<TrustedIssuer[]> {
    const rows = await this.db.all<TrustedIssuerRow>(
      'SELECT did, name, kind, accredited_types, catalogue, intake FROM trusted_issuers ORDER BY name',
    );
    return rows.map(toTrustedIssuer);
  }

  async putTrustedIssuer(issuer: TrustedIssuer, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO trusted_issuers (did, name, kind, accredited_types, catalogue, intake, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (did) DO UPDATE SET name = excluded.name, kind = excluded.kind, accredited_types = excluded.accredited_types,
         catalogue = excluded.catalogue, intake = excluded.intake, updated_at = excluded.updated_at`,
      trustedIssuerParameters(issuer, now),
    );
  }

  async deleteTrustedIssuer(did: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM trusted_issuers WHERE did = ?', [did])).changes === 1;
  }

  async addRequest(request: StoredRequest): Promise<void> {
    await this.db.run(
      `INSERT INTO requests (id, employer_id, title, skills, accepted_types, accepted_issuers, ask_for_name, nonce, state, created_at, expires_at, status)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        request.id,
        request.employerId,
        request.title,
        JSON.stringify(request.skills),
        JSON.stringify(request.acceptedTypes),
        request.acceptedIssuers === undefined ? null : JSON.stringify(request.acceptedIssuers),
        request.askForName === true ? 1 : 0,
        request.nonce,
        request.state,
        request.createdAt,
        request.expiresAt,
        request.status,
      ],
    );
  }

  async request(id: string): Promise<StoredRequest | undefined> {
    const row = await this.db.get<RequestRow<number>>('SELECT * FROM requests WHERE id = ?', [id]);
    return mapped(row, toRequest);
  }

  async requestsOf(employerId: string, limit: number): Promise<StoredRequest[]> {
    const rows = await this.db.all<RequestRow<number>>(
      'SELECT * FROM requests WHERE employer_id = ? ORDER BY created_at DESC, id LIMIT ?',
      [employerId, limit],
    );
    return rows.map(toRequest);
  }

  /**
   * The claim is taken in memory before the database is asked whether the request is open, so two
   * answers arriving together cannot both pass; it writes nothing, so an answer that cannot be
   * stored (a full disk) leaves the request open to be answered again.
   */
  async claimForAnswering(id: string, now: number): Promise<RequestClaim | undefined> {
    const letGo = this.#claims.take(id);
    if (letGo === undefined) return undefined;
    try {
      const open = await this.db.get(
        "SELECT 1 AS open FROM requests WHERE id = ? AND status = 'pending' AND expires_at > ?",
        [id, now],
      );
      if (open === undefined) {
        letGo();
        return undefined;
      }
      return {
        release: () => {
          letGo();
          return Promise.resolve();
        },
      };
    } catch (error) {
      letGo();
      throw error;
    }
  }

  /** One statement: the `results_answer_request` trigger marks the request answered with it. */
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
    const row = await this.db.get<ResultRow<number>>('SELECT * FROM results WHERE request_id = ?', [
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
    const { changes } = await this.db.run(
      `INSERT INTO incomplete_answers (request_id, count, last_received_at, last_reason, last_error)
       SELECT id, 1, ?, ?, ? FROM requests WHERE id = ? AND status = 'pending'
       ON CONFLICT (request_id) DO UPDATE SET count = count + 1,
         last_received_at = excluded.last_received_at, last_reason = excluded.last_reason,
         last_error = excluded.last_error`,
      [receivedAt, reason, error ?? null, requestId],
    );
    return changes === 1;
  }

  async incompleteAnswers(requestId: string): Promise<IncompleteAnswers | undefined> {
    const row = await this.db.get<IncompleteAnswersRow>(
      'SELECT count, last_received_at, last_reason, last_error FROM incomplete_answers WHERE request_id = ?',
      [requestId],
    );
    return mapped(row, toIncompleteAnswers);
  }

  async addPublication(publication: StoredPublication): Promise<void> {
    await this.db.run(
      `INSERT INTO publications (id, withdraw_token_hash, credentials, created_at, expires_at)
       VALUES (?, ?, ?, ?, ?)`,
      publicationParameters(publication),
    );
  }

  async publication(id: string): Promise<PublicationRecord | undefined> {
    const row = await this.db.get<PublicationRow>(
      `SELECT id, withdraw_token_hash, credentials, created_at, expires_at, ended_at, ended_reason
       FROM publications WHERE id = ?`,
      [id],
    );
    return mapped(row, toPublication);
  }

  async endPublication(id: string, at: number, reason: EndedPublication['reason']): Promise<boolean> {
    const { changes } = await this.db.run(
      `UPDATE publications SET credentials = NULL, withdraw_token_hash = NULL, ended_at = ?, ended_reason = ?
       WHERE id = ? AND ended_at IS NULL`,
      [at, reason, id],
    );
    return changes === 1;
  }

  async endExpiredPublications(now: number): Promise<number> {
    const { changes } = await this.db.run(
      `UPDATE publications SET credentials = NULL, withdraw_token_hash = NULL, ended_at = expires_at,
         ended_reason = 'expired'
       WHERE ended_at IS NULL AND expires_at <= ?`,
      [now],
    );
    return changes;
  }

  async addVacancy(vacancy: StoredVacancy): Promise<void> {
    await this.db.run(
      `INSERT INTO vacancies (id, employer_id, title, purpose, query, created_at, expires_at, withdrawn_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      vacancyParameters(vacancy),
    );
  }

  async vacancy(id: string): Promise<StoredVacancy | undefined> {
    const row = await this.db.get<VacancyRow>('SELECT * FROM vacancies WHERE id = ?', [id]);
    return mapped(row, toVacancy);
  }

  async vacanciesOf(employerId: string, limit: number): Promise<StoredVacancy[]> {
    const rows = await this.db.all<VacancyRow>(
      'SELECT * FROM vacancies WHERE employer_id = ? ORDER BY created_at DESC, id LIMIT ?',
      [employerId, limit],
    );
    return rows.map(toVacancy);
  }

  async withdrawVacancy(id: string, employerId: string, at: number): Promise<boolean> {
    const { changes } = await this.db.run(
      'UPDATE vacancies SET withdrawn_at = ? WHERE id = ? AND employer_id = ? AND withdrawn_at IS NULL',
      [at, id, employerId],
    );
    return changes === 1;
  }
}
