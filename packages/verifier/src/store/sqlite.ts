import sqlite3 from 'sqlite3';
import { SkillsPassportError } from '@skills-passport/core';

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

const STORAGE_CODES = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_FULL',
  'SQLITE_READONLY',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
]);

/** Storage faults become a coded error the HTTP edge answers with 503, never a bare 500. */
function translate(error: Error): Error {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && STORAGE_CODES.has(code)
    ? new SkillsPassportError(
        'ERR_STORAGE_UNAVAILABLE',
        'Storage is unavailable right now; nothing was changed.',
        { cause: error },
      )
    : error;
}

/** One sqlite3 connection in WAL mode, with promise wrappers. */
export class SqliteDatabase {
  private constructor(private readonly handle: sqlite3.Database) {}

  static async open(path: string): Promise<SqliteDatabase> {
    const handle = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(path, (error) => (error ? reject(translate(error)) : resolve(db)));
    });
    const db = new SqliteDatabase(handle);
    handle.configure('busyTimeout', 5000);
    await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    return db;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.handle.exec(sql, (error) => (error ? reject(translate(error)) : resolve())),
    );
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return new Promise((resolve, reject) => {
      this.handle.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(translate(error));
        else resolve({ changes: this.changes });
      });
    });
  }

  get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.handle.get(sql, params, (error, row) =>
        error ? reject(translate(error)) : resolve(row as T | undefined),
      ),
    );
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.handle.all(sql, params, (error, rows) =>
        error ? reject(translate(error)) : resolve(rows as T[]),
      ),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.handle.close((error) => (error ? reject(translate(error)) : resolve())),
    );
  }
}
