import sqlite3 from 'sqlite3';
import { isSkillsPassportError, type SkillsPassportError } from '@skills-passport/core';
import { translateStorageError } from './storage-fault.js';

export type SqlValue = string | number | bigint | null | Buffer;
export type Row = Record<string, SqlValue>;

/** The queries a transaction body may run. */
export interface Queries {
  /** Runs several statements (DDL, pragmas) at once. */
  exec(sql: string): Promise<void>;
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number; lastID: number }>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

function openHandle(path: string): Promise<sqlite3.Database> {
  return new Promise<sqlite3.Database>((resolvePromise, reject) => {
    const handle = new sqlite3.Database(path, (error) =>
      error ? reject(translateStorageError(error)) : resolvePromise(handle),
    );
  });
}

/** Prepared statements kept per connection; our SQL is a fixed set of strings, so few are needed. */
const MAX_STATEMENTS = 256;

/**
 * Promise wrappers over one sqlite3 connection, with prepared statements reused: each query then
 * costs one trip to sqlite3's worker thread instead of three (prepare, step, finalize). `all` and
 * `run` reset their statement when done, so no statement keeps a read snapshot open.
 */
class Connection implements Queries {
  readonly #statements = new Map<string, Promise<sqlite3.Statement>>();

  constructor(readonly handle: sqlite3.Database) {}

  exec(sql: string): Promise<void> {
    return new Promise((resolvePromise, reject) =>
      this.handle.exec(sql, (error) => (error ? reject(translateStorageError(error)) : resolvePromise())),
    );
  }

  #prepare(sql: string): Promise<sqlite3.Statement> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      if (this.#statements.size >= MAX_STATEMENTS) {
        const [oldest, evicted] = this.#statements.entries().next().value as [
          string,
          Promise<sqlite3.Statement>,
        ];
        this.#statements.delete(oldest);
        void evicted.then((s) => s.finalize());
      }
      statement = new Promise<sqlite3.Statement>((resolvePromise, reject) => {
        const prepared = this.handle.prepare(sql, (error) =>
          error ? reject(translateStorageError(error)) : resolvePromise(prepared),
        );
      });
      this.#statements.set(sql, statement);
      statement.catch(() => this.#statements.delete(sql));
    }
    return statement;
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number; lastID: number }> {
    const statement = await this.#prepare(sql);
    return new Promise((resolvePromise, reject) => {
      statement.run(params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(translateStorageError(error));
        else resolvePromise({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  async get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  async all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    const statement = await this.#prepare(sql);
    return new Promise((resolvePromise, reject) =>
      statement.all(params, (error, rows) =>
        error ? reject(translateStorageError(error)) : resolvePromise(rows as T[]),
      ),
    );
  }

  async close(): Promise<void> {
    const statements = await Promise.allSettled(this.#statements.values());
    this.#statements.clear();
    for (const result of statements) {
      if (result.status === 'fulfilled')
        await new Promise<void>((done) => result.value.finalize(() => done()));
    }
    await new Promise<void>((resolvePromise, reject) =>
      this.handle.close((error) => (error ? reject(translateStorageError(error)) : resolvePromise())),
    );
  }
}

/**
 * The writer as a transaction body sees it. Once a statement fails with a storage fault, every
 * later statement of the transaction fails with the same fault instead of running: SQLite may
 * have rolled the transaction back, and what ran next would commit outside it.
 */
class FaultFence implements Queries {
  fault: SkillsPassportError | undefined;

  constructor(private readonly connection: Connection) {}

  /** Fails at once after a fault; otherwise runs, remembering a storage fault should one occur. */
  #guard<T>(work: () => Promise<T>): Promise<T> {
    if (this.fault !== undefined) return Promise.reject(this.fault);
    return work().catch(this.#remember);
  }

  readonly #remember = (error: unknown): never => {
    if (isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) this.fault = error;
    throw error;
  };

  run(sql: string, params?: readonly SqlValue[]) {
    return this.#guard(() => this.connection.run(sql, params));
  }

  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]) {
    return this.#guard(() => this.connection.get<T>(sql, params));
  }

  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]) {
    return this.#guard(() => this.connection.all<T>(sql, params));
  }

  exec(sql: string) {
    return this.#guard(() => this.connection.exec(sql));
  }
}

interface PendingTransaction {
  body: (tx: FaultFence) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most transactions that share one commit. */
const MAX_GROUP = 64;

/**
 * The issuer's SQLite file in WAL mode with full synchronous commits, so whatever a transaction
 * committed survives a crash.
 *
 * Writes go through one connection. Transactions that arrive while another commits are grouped:
 * each runs inside its own SAVEPOINT (so it is all-or-nothing on its own), and the group shares one
 * COMMIT — one fsync for many requests. A transaction's promise settles only after that COMMIT.
 * Grouped transactions run one after another, as if serialised. Reads outside transactions use a
 * second connection, one at a time, each on a fresh snapshot of committed data.
 */
export class SqliteDatabase implements Queries {
  readonly #writer: Connection;
  readonly #reader: Connection;
  readonly #pending: PendingTransaction[] = [];
  #draining = false;
  #readTail: Promise<unknown> = Promise.resolve();

  private constructor(writer: Connection, reader: Connection) {
    this.#writer = writer;
    this.#reader = reader;
  }

  static async open(path: string): Promise<SqliteDatabase> {
    const writer = new Connection(await openHandle(path));
    await writer.exec(
      'PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;',
    );
    const reader = new Connection(await openHandle(path));
    await reader.exec('PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    return new SqliteDatabase(writer, reader);
  }

  /** Runs DDL or several statements on the writer, in a transaction of its own. */
  exec(sql: string): Promise<void> {
    return this.#enqueue((tx) => tx.exec(sql));
  }

  /** One write statement, committed on its own. */
  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number; lastID: number }> {
    return this.transaction((tx) => tx.run(sql, params));
  }

  /** Reads committed data. Reads run one at a time, so each starts a fresh snapshot. */
  get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.#read(() => this.#reader.get<T>(sql, params));
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#read(() => this.#reader.all<T>(sql, params));
  }

  #read<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#readTail.then(work);
    this.#readTail = result.catch(() => undefined);
    return result;
  }

  /** Runs `body` as one write transaction: all of it is committed, or none of it. */
  transaction<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    return this.#enqueue(body);
  }

  #enqueue<T>(body: (tx: FaultFence) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ body, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        void this.#drain();
      }
    });
  }

  async #drain(): Promise<void> {
    // Let the callers of this tick queue up before the first group starts.
    await Promise.resolve();
    while (this.#pending.length > 0) {
      await this.#commitGroup(this.#pending.splice(0, MAX_GROUP));
    }
    this.#draining = false;
  }

  async #commitGroup(group: PendingTransaction[]): Promise<void> {
    try {
      await this.#writer.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    const writer = new FaultFence(this.#writer);
    const abort = async (error: unknown) => {
      await this.#writer.exec('ROLLBACK').catch(() => undefined);
      for (const item of group) item.reject(error);
    };
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // Savepoints keep grouped transactions apart; a transaction alone needs none (ROLLBACK undoes it).
    const alone = group.length === 1;
    for (const item of group) {
      try {
        if (!alone) await writer.run('SAVEPOINT tx');
        const value = await item.body(writer);
        if (writer.fault !== undefined) return await abort(writer.fault);
        if (!alone) await writer.run('RELEASE tx');
        outcomes.push({ ok: true, value });
      } catch (error) {
        // After a storage fault (disk full, I/O error) SQLite may have rolled the whole transaction
        // back already; later savepoints would run outside it and commit on their own. The group
        // ends here, even if the body caught the fault itself.
        if (alone || writer.fault !== undefined) return await abort(writer.fault ?? error);
        await writer.run('ROLLBACK TO tx').catch(() => undefined);
        await writer.run('RELEASE tx').catch(() => undefined);
        outcomes.push({ ok: false, error });
      }
    }
    try {
      await this.#writer.exec('COMMIT');
    } catch (error) {
      await abort(error);
      return;
    }
    group.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.value);
      else item.reject(outcome.error);
    });
  }

  async close(): Promise<void> {
    await this.transaction(() => Promise.resolve());
    await this.#read(() => Promise.resolve());
    await this.#reader.close();
    await this.#writer.close();
  }
}
