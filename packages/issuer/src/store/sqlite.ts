import sqlite3 from 'sqlite3';
import { SkillsPassportError } from '@skills-passport/core';

export type SqlValue = string | number | bigint | null | Buffer;
export type Row = Record<string, SqlValue>;

/** The queries a transaction body may run. */
export interface Queries {
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number; lastID: number }>;
  get<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  all<T extends Row = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
}

const STORAGE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/** Storage faults (busy, full, read-only) become a coded error the HTTP edge answers with 503. */
function translate(error: Error): Error {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && STORAGE_CODES.has(code)) {
    return new SkillsPassportError(
      'ERR_STORAGE_UNAVAILABLE',
      'Storage is unavailable right now; nothing was changed.',
      {
        cause: error,
      },
    );
  }
  return error;
}

function openHandle(path: string): Promise<sqlite3.Database> {
  return new Promise<sqlite3.Database>((resolvePromise, reject) => {
    const handle = new sqlite3.Database(path, (error) =>
      error ? reject(translate(error)) : resolvePromise(handle),
    );
  });
}

/** Promise wrappers over one sqlite3 connection. */
class Connection implements Queries {
  constructor(readonly handle: sqlite3.Database) {}

  exec(sql: string): Promise<void> {
    return new Promise((resolvePromise, reject) =>
      this.handle.exec(sql, (error) => (error ? reject(translate(error)) : resolvePromise())),
    );
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number; lastID: number }> {
    return new Promise((resolvePromise, reject) => {
      this.handle.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(translate(error));
        else resolvePromise({ changes: this.changes, lastID: this.lastID });
      });
    });
  }

  get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return new Promise((resolvePromise, reject) =>
      this.handle.get(sql, params, (error, row) =>
        error ? reject(translate(error)) : resolvePromise(row as T | undefined),
      ),
    );
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return new Promise((resolvePromise, reject) =>
      this.handle.all(sql, params, (error, rows) =>
        error ? reject(translate(error)) : resolvePromise(rows as T[]),
      ),
    );
  }

  close(): Promise<void> {
    return new Promise((resolvePromise, reject) =>
      this.handle.close((error) => (error ? reject(translate(error)) : resolvePromise())),
    );
  }
}

/**
 * The issuer's SQLite file in WAL mode with full synchronous commits, so whatever a transaction
 * committed survives a crash. Two connections: every write goes through one writer, in
 * transactions serialised in-process and opened with BEGIN IMMEDIATE (SQLite has one writer
 * anyway, and a transaction never fails half-way for want of the lock); reads outside
 * transactions use a second connection, so they see only committed data and never wait for writes.
 */
export class SqliteDatabase implements Queries {
  readonly #writer: Connection;
  readonly #reader: Connection;
  #tail: Promise<unknown> = Promise.resolve();
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

  /** Runs DDL or other statements on the writer, outside any transaction (start-up only). */
  exec(sql: string): Promise<void> {
    return this.#serialised(() => this.#writer.exec(sql));
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

  /** Runs `body` in one write transaction: all of it is committed, or none of it. */
  transaction<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    return this.#serialised(async () => {
      await this.#writer.exec('BEGIN IMMEDIATE');
      try {
        const value = await body(this.#writer);
        await this.#writer.exec('COMMIT');
        return value;
      } catch (error) {
        await this.#writer.exec('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
  }

  #serialised<T>(work: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(work);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.#serialised(() => Promise.resolve());
    await this.#read(() => Promise.resolve());
    await this.#reader.close();
    await this.#writer.close();
  }
}
