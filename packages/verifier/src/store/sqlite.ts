import sqlite3 from 'sqlite3';
import { translateStorageError } from '@skills-passport/core/node';

export type SqlValue = string | number | null;
export type Row = Record<string, SqlValue>;

/** One sqlite3 connection in WAL mode, with promise wrappers. */
export class SqliteDatabase {
  private constructor(private readonly handle: sqlite3.Database) {}

  static async open(path: string): Promise<SqliteDatabase> {
    const handle = await new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(path, (error) =>
        error ? reject(translateStorageError(error)) : resolve(db),
      );
    });
    const db = new SqliteDatabase(handle);
    handle.configure('busyTimeout', 5000);
    await db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;');
    return db;
  }

  exec(sql: string): Promise<void> {
    return new Promise((resolve, reject) =>
      this.handle.exec(sql, (error) => (error ? reject(translateStorageError(error)) : resolve())),
    );
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    return new Promise((resolve, reject) => {
      this.handle.run(sql, params, function (this: sqlite3.RunResult, error: Error | null) {
        if (error) reject(translateStorageError(error));
        else resolve({ changes: this.changes });
      });
    });
  }

  get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return new Promise((resolve, reject) =>
      this.handle.get(sql, params, (error, row) =>
        error ? reject(translateStorageError(error)) : resolve(row as T | undefined),
      ),
    );
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return new Promise((resolve, reject) =>
      this.handle.all(sql, params, (error, rows) =>
        error ? reject(translateStorageError(error)) : resolve(rows as T[]),
      ),
    );
  }

  close(): Promise<void> {
    return new Promise((resolve, reject) =>
      this.handle.close((error) => (error ? reject(translateStorageError(error)) : resolve())),
    );
  }
}
