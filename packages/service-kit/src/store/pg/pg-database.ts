import pg from 'pg';
import { Turns } from '../turns.js';
import { storageUnavailable, translatePgError } from './pg-fault.js';
import { PgListener, type PgNotificationHandlers } from './pg-listener.js';

/** A value a statement takes as a parameter. */
export type PgValue = string | number | bigint | boolean | null | Buffer | Date;
export type PgRow = Record<string, unknown>;

/** The queries a transaction body (or the database, outside one) may run; `$1`, `$2` placeholders. */
export interface PgQueries {
  /** Every row the statement returns. */
  all<T extends PgRow = PgRow>(sql: string, params?: readonly PgValue[]): Promise<T[]>;
  /** The first row, if any. */
  get<T extends PgRow = PgRow>(sql: string, params?: readonly PgValue[]): Promise<T | undefined>;
  /** How many rows the statement wrote (or returned). */
  run(sql: string, params?: readonly PgValue[]): Promise<number>;
}

/** A connection held for session-level state; see {@link PgDatabase.session}. */
export interface PgSession extends PgQueries {
  end(): Promise<void>;
}

export interface PgOptions {
  /** `postgres://user:password@host:port/database`, as `DATABASE_URL` gives it. */
  url: string;
  /** Most connections this process holds (each instance has its own pool). */
  poolSize?: number;
  /** How long a request waits for a free connection, or for the server to answer a connect. */
  connectTimeoutMs?: number;
  /** Called with an error a pooled, idle connection met (the server restarted); it is dropped. */
  onIdleError?: (error: Error) => void;
}

export type Isolation = 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionOptions {
  /**
   * `read committed` (the default) with explicit row locks (`FOR UPDATE`) and single-statement
   * conditional updates is what the stores use; `serializable` for a body whose reads decide its
   * writes without locking them.
   */
  isolation?: Isolation;
  /** Attempts in all when PostgreSQL aborts the body for a serialization failure or a deadlock. */
  attempts?: number;
}

const DEFAULT_POOL_SIZE = 10;
// A burst (a thousand issuances at once) queues for the pool's connections: waiting is what it
// should do, within the server's 30 s request timeout. A server that is down refuses at once, so
// this never delays a 503 then; only a host that does not answer at all costs the whole wait.
const DEFAULT_CONNECT_TIMEOUT_MS = 20_000;
const DEFAULT_ATTEMPTS = 5;

// BIGINT (int8) columns hold epoch milliseconds and counters, all far below 2^53: read them as
// numbers, as the SQLite store does. Set on our pools only, never on pg's global parsers.
const INT8_OID = 20;
const parseInt8 = (value: string): number => Number(value);
const typeParsers: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format: 'text' | 'binary' = 'text'): unknown =>
    oid === INT8_OID && format === 'text'
      ? parseInt8
      : (pg.types.getTypeParser(oid, format) as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/** SQLSTATEs after which the whole transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);
const isRetryable = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  RETRYABLE.has((error as { code: string }).code);

async function query<T extends PgRow>(
  on: pg.Pool | pg.PoolClient,
  sql: string,
  params: readonly PgValue[],
): Promise<pg.QueryResult<T>> {
  try {
    return await on.query<T>(sql, params as PgValue[]);
  } catch (error) {
    throw translatePgError(error);
  }
}

/**
 * The queries one transaction body is given, usable only while that body runs: a statement
 * started after the body settled (an un-awaited call, a timer) would otherwise run on a connection
 * already handed back to the pool, inside someone else's transaction.
 */
class TransactionQueries implements PgQueries {
  #client: pg.PoolClient | undefined;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  end(): void {
    this.#client = undefined;
  }

  async #query<T extends PgRow>(sql: string, params: readonly PgValue[]): Promise<pg.QueryResult<T>> {
    const client = this.#client;
    if (client === undefined) throw new TypeError('This transaction has ended; run no more queries in it.');
    return query<T>(client, sql, params);
  }

  async all<T extends PgRow = PgRow>(sql: string, params: readonly PgValue[] = []): Promise<T[]> {
    return (await this.#query<T>(sql, params)).rows;
  }

  async get<T extends PgRow = PgRow>(sql: string, params: readonly PgValue[] = []): Promise<T | undefined> {
    return (await this.#query<T>(sql, params)).rows[0];
  }

  async run(sql: string, params: readonly PgValue[] = []): Promise<number> {
    return (await this.#query(sql, params)).rowCount ?? 0;
  }
}

/**
 * A PostgreSQL database over a `pg.Pool`. Outside a transaction each statement runs alone on any
 * pooled connection and sees everything committed; `transaction` runs a body on one connection,
 * all of it committed or none of it, and runs it again when PostgreSQL aborts it for a
 * serialization failure or a deadlock (so a body must do nothing but queries, or only what may
 * repeat). Every storage fault (server down or restarting, connection lost, disk full, no free
 * connection in time) reaches the caller as `ERR_STORAGE_UNAVAILABLE`, as from the SQLite store,
 * and the pool reconnects by itself once the server is back.
 *
 * A connection lost during COMMIT leaves the outcome unknown to us; the caller is told the storage
 * was unavailable, and the single-use and unique guarantees hold either way (they are enforced by
 * the database, not by what we were told).
 */
export class PgDatabase implements PgQueries {
  readonly #pool: pg.Pool;
  readonly #options: PgOptions;
  readonly #listeners = new Set<PgListener>();
  readonly #turns = new Turns();

  private constructor(pool: pg.Pool, options: PgOptions) {
    this.#pool = pool;
    this.#options = options;
  }

  /** Opens a pool and checks the server answers; a refusal is `ERR_STORAGE_UNAVAILABLE`. */
  static async open(options: PgOptions): Promise<PgDatabase> {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      types: typeParsers,
    });
    // An idle connection whose server went away emits 'error'; unheard, it would end the process.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new PgDatabase(pool, options);
    try {
      await db.get('SELECT 1');
    } catch (error) {
      await pool.end();
      throw error;
    }
    return db;
  }

  all<T extends PgRow = PgRow>(sql: string, params: readonly PgValue[] = []): Promise<T[]> {
    return query<T>(this.#pool, sql, params).then((r) => r.rows);
  }

  get<T extends PgRow = PgRow>(sql: string, params: readonly PgValue[] = []): Promise<T | undefined> {
    return query<T>(this.#pool, sql, params).then((r) => r.rows[0]);
  }

  run(sql: string, params: readonly PgValue[] = []): Promise<number> {
    return query(this.#pool, sql, params).then((r) => r.rowCount ?? 0);
  }

  /** Runs `body` as one transaction: all of it is committed, or none of it. */
  async transaction<T>(body: (tx: PgQueries) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#once(body, options.isolation ?? 'read committed');
      } catch (error) {
        if (!isRetryable(error)) throw error;
        // Contention that outlasts every attempt is a database too busy to answer now: a 503.
        if (attempt >= attempts) throw storageUnavailable(error);
        // A short random pause, so two bodies that collided do not collide again in step.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
      }
    }
  }

  async #once<T>(body: (tx: PgQueries) => Promise<T>, isolation: Isolation): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw translatePgError(error);
    }
    const tx = new TransactionQueries(client);
    // A connection that failed is not handed back to the pool: it is destroyed. While checked out,
    // a connection the server cut emits 'error' (the pool listens only to idle ones); unheard, it
    // would end the process. The statement in flight fails with it too.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await query(client, `BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}`, []);
      const value = await body(tx);
      tx.end();
      await query(client, 'COMMIT', []);
      return value;
    } catch (error) {
      tx.end();
      try {
        await client.query('ROLLBACK');
      } catch (rollback) {
        broken = rollback instanceof Error ? rollback : new Error(String(rollback));
      }
      throw error;
    } finally {
      client.removeListener('error', onError);
      client.release(broken);
    }
  }

  /**
   * One connection of the pool, held until `end`, for what lives as long as a session does (an
   * advisory lock that must end when this process dies). `end` resets the session (`DISCARD ALL`:
   * its locks are released when it resolves) before the connection goes back to the pool, or
   * closes a connection that cannot be reset; it never rejects and may be called again.
   */
  async session(): Promise<PgSession> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw translatePgError(error);
    }
    // The server may cut the connection while it is held; unheard, that 'error' ends the process.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    const queries = new TransactionQueries(client);
    let ending: Promise<void> | undefined;
    const reset = async () => {
      queries.end();
      try {
        if (broken === undefined) await client.query('DISCARD ALL');
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
      } finally {
        client.removeListener('error', onError);
        client.release(broken);
      }
    };
    return {
      all: (sql, params) => queries.all(sql, params),
      get: (sql, params) => queries.get(sql, params),
      run: (sql, params) => queries.run(sql, params),
      end: () => (ending ??= reset()),
    };
  }

  /**
   * Runs `body` while holding the lock called `name` against every other holder, in this process or
   * any other on the same database: a transaction-scoped advisory lock, released when the body
   * settles or, should this process die, when its connection does. Waiters in this process queue
   * here first, so they hold one pooled connection between them rather than one each. The body
   * runs its own queries (on other connections); it is not inside the lock's transaction.
   */
  exclusively<T>(name: string, body: () => Promise<T>): Promise<T> {
    return this.#turns.take(name, () =>
      this.transaction(
        async (tx) => {
          await tx.get('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`skills-passport:${name}`]);
          return body();
        },
        // The body is not a set of queries that may simply run again.
        { attempts: 1 },
      ),
    );
  }

  /**
   * Listens on `channel` over a connection of its own (pooled connections are handed around, so
   * they cannot listen), connecting again after a loss with a growing pause; see
   * {@link PgNotificationHandlers}. Ends with {@link PgListener.close} or when the database closes.
   * Others notify with `SELECT pg_notify(channel, payload)`: inside a transaction, it is delivered
   * when (and only if) the transaction commits.
   */
  listen(channel: string, handlers: PgNotificationHandlers): PgListener {
    const listener = new PgListener(channel, handlers, {
      url: this.#options.url,
      ...(this.#options.connectTimeoutMs === undefined
        ? {}
        : { connectTimeoutMs: this.#options.connectTimeoutMs }),
    });
    this.#listeners.add(listener);
    return listener;
  }

  /** Ends every listener and every connection of the pool (held sessions must be ended first). */
  async close(): Promise<void> {
    await Promise.all([...this.#listeners].map((listener) => listener.close()));
    this.#listeners.clear();
    await this.#pool.end();
  }
}
