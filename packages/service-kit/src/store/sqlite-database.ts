import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { isSkillsPassportError, type SkillsPassportError } from '@skills-passport/core';
import { CommitDurability, walFileSync, type DurableSync, type FileSync } from './commit-durability.js';
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

/** Prepared statements kept per connection; our SQL is a fixed set of strings, so few are needed. */
const MAX_STATEMENTS = 256;

/** How long a transaction waits for another connection's write lock (Veramo's) before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * A driver error as one of ours: `ERR_STORAGE_UNAVAILABLE` for a storage fault, otherwise an Error
 * with SQLite's code. better-sqlite3 builds its errors with the `Error` of the first realm that
 * loaded it, and jest loads modules once per test file, so its own errors fail `instanceof Error`.
 */
function translated(error: unknown): unknown {
  const { message, code, stack } = (error ?? {}) as { message?: unknown; code?: unknown; stack?: unknown };
  if (typeof message !== 'string' || typeof code !== 'string') return error;
  const own = Object.assign(new Error(message), { name: 'SqliteError', code });
  if (typeof stack === 'string') own.stack = stack;
  return translateStorageError(own);
}

/** Synchronous work as a promise: its value, or what it threw as the rejection. */
const settled = <T>(work: () => T): Promise<T> => new Promise<T>((resolve) => resolve(work()));

/**
 * One better-sqlite3 connection with its prepared statements. Every call runs synchronously on the
 * calling thread and throws a storage fault as `ERR_STORAGE_UNAVAILABLE`.
 */
class Connection {
  readonly #statements = new Map<string, Database.Statement<SqlValue[], Row>>();

  constructor(readonly handle: Database.Database) {}

  #prepare(sql: string): Database.Statement<SqlValue[], Row> {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      if (this.#statements.size >= MAX_STATEMENTS) {
        this.#statements.delete(this.#statements.keys().next().value!);
      }
      statement = this.handle.prepare<SqlValue[], Row>(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  exec(sql: string): void {
    try {
      this.handle.exec(sql);
    } catch (error) {
      throw translated(error);
    }
  }

  run(sql: string, params: readonly SqlValue[]): { changes: number; lastID: number } {
    try {
      const info = this.#prepare(sql).run(...params);
      return { changes: info.changes, lastID: Number(info.lastInsertRowid) };
    } catch (error) {
      throw translated(error);
    }
  }

  // A statement that returns no rows (a pragma that sets, a write) answers `get` and `all` with
  // nothing, as the sqlite3 binding did; better-sqlite3 would refuse it.
  get<T extends Row>(sql: string, params: readonly SqlValue[]): T | undefined {
    try {
      const statement = this.#prepare(sql);
      if (statement.reader) return statement.get(...params) as T | undefined;
      statement.run(...params);
      return undefined;
    } catch (error) {
      throw translated(error);
    }
  }

  all<T extends Row>(sql: string, params: readonly SqlValue[]): T[] {
    try {
      const statement = this.#prepare(sql);
      if (statement.reader) return statement.all(...params) as T[];
      statement.run(...params);
      return [];
    } catch (error) {
      throw translated(error);
    }
  }

  close(): void {
    this.#statements.clear();
    this.handle.close();
  }
}

/**
 * The writer for one commit group. Once a statement fails with a storage fault, every later
 * statement of the group fails with the same fault instead of running: SQLite may have rolled the
 * transaction back, and what ran next would commit outside it.
 */
class FaultFence {
  fault: SkillsPassportError | undefined;

  constructor(private readonly writer: Connection) {}

  run<T>(work: (writer: Connection) => T): T {
    if (this.fault !== undefined) throw this.fault;
    try {
      return work(this.writer);
    } catch (error) {
      if (isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) this.fault = error;
      throw error;
    }
  }
}

/**
 * The queries one transaction body is given, usable only while that body runs: a statement
 * started after the body settled (an un-awaited call, a timer) would otherwise run inside the next
 * transaction of the group.
 */
class TransactionQueries implements Queries {
  #fence: FaultFence | undefined;

  constructor(fence: FaultFence) {
    this.#fence = fence;
  }

  end(): void {
    this.#fence = undefined;
  }

  #write<T>(work: (writer: Connection) => T): Promise<T> {
    const fence = this.#fence;
    if (fence === undefined)
      return settled(() => {
        throw new TypeError('This transaction has ended; run no more queries in it.');
      });
    return settled(() => fence.run(work));
  }

  exec(sql: string): Promise<void> {
    return this.#write((w) => w.exec(sql));
  }

  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number; lastID: number }> {
    return this.#write((w) => w.run(sql, params));
  }

  get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.#write((w) => w.get<T>(sql, params));
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#write((w) => w.all<T>(sql, params));
  }
}

interface PendingTransaction {
  body: (tx: Queries) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** Most transactions that share one commit. */
const MAX_GROUP = 64;

const isBusy = (error: unknown) =>
  typeof (error as { code?: unknown } | null)?.code === 'string' &&
  (error as { code: string }).code.startsWith('SQLITE_BUSY');

/** How {@link SqliteDatabase.open} makes commits durable; tests replace it to watch or fail it. */
export interface SqliteOpenOptions {
  /** Syncs what was committed to disk; by default `fdatasync` of the `-wal` file ({@link walFileSync}). */
  sync?: DurableSync;
}

/**
 * The service's SQLite file in WAL mode. A transaction settles only once its COMMIT is on disk, so
 * whatever it committed survives a crash or a power cut; a read settles only once what it saw is
 * on disk too, so nobody learns of a change that a power cut could still undo.
 *
 * Writes go through one connection. Transactions queued while the event loop handles a round of
 * requests are grouped: each runs inside its own SAVEPOINT (so it is all-or-nothing on its own),
 * and the group shares one COMMIT — one fsync for many requests. A transaction's promise settles
 * only after that COMMIT. Grouped transactions run one after another, as if serialised: a body may
 * await between its statements, and the next body starts only when it has settled. Reads outside
 * transactions use a second connection and see everything committed.
 *
 * The binding (better-sqlite3) is synchronous: a statement and a COMMIT run on the event loop,
 * which costs less than sqlite3's trips to its worker threads. The fsync does not: the writer runs
 * with `synchronous = NORMAL` (WAL mode: COMMIT appends to the WAL without syncing it; checkpoints
 * still sync, so the file is never corrupted) and {@link CommitDurability} syncs the WAL on the
 * thread pool after the COMMIT, one sync for every group committed meanwhile, before any caller
 * hears of it. That is `synchronous = FULL`'s promise without holding the event loop in fsync
 * (about 0.8 ms a group on this machine's disk, measured in the redeem bench). Waiting for another
 * connection's write lock must not block the loop: the writer has no busy timeout and retries
 * BEGIN on a timer instead.
 *
 * Every other connection to the same file in this process must use better-sqlite3 too (Veramo's
 * TypeORM does): two copies of the SQLite library in one process do not see each other's POSIX
 * locks, so their writers would not exclude each other.
 */
export class SqliteDatabase implements Queries {
  readonly #writer: Connection;
  readonly #reader: Connection;
  readonly #pending: PendingTransaction[] = [];
  readonly #durability: CommitDurability;
  readonly #closeSync: () => Promise<void>;
  #draining = false;

  private constructor(writer: Connection, reader: Connection, sync: FileSync) {
    this.#writer = writer;
    this.#reader = reader;
    this.#durability = new CommitDurability(sync.sync);
    this.#closeSync = sync.close;
  }

  static open(path: string, options: SqliteOpenOptions = {}): Promise<SqliteDatabase> {
    return settled(() => SqliteDatabase.#open(path, options));
  }

  static #open(path: string, options: SqliteOpenOptions): SqliteDatabase {
    const handles: Database.Database[] = [];
    const connect = () => {
      const handle = new Database(path, { timeout: BUSY_TIMEOUT_MS });
      handles.push(handle);
      return new Connection(handle);
    };
    try {
      // better-sqlite3 refuses a missing directory with a TypeError of its own; SQLite says CANTOPEN.
      if (!existsSync(dirname(path)))
        throw Object.assign(new Error(`no directory for ${path}`), { code: 'SQLITE_CANTOPEN' });
      const writer = connect();
      writer.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;');
      writer.exec('PRAGMA busy_timeout = 0');
      const reader = connect();
      reader.exec('PRAGMA foreign_keys = ON');
      const sync =
        options.sync === undefined
          ? walFileSync(path)
          : { sync: options.sync, close: () => Promise.resolve() };
      return new SqliteDatabase(writer, reader, sync);
    } catch (error) {
      for (const handle of handles) handle.close();
      throw translated(error);
    }
  }

  /** Runs DDL or several statements on the writer, in a transaction of its own. */
  exec(sql: string): Promise<void> {
    return this.transaction((tx) => tx.exec(sql));
  }

  /** One write statement, committed on its own. */
  run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number; lastID: number }> {
    return this.transaction((tx) => tx.run(sql, params));
  }

  /** Reads committed data, answering once what it read is durable. */
  get<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T | undefined> {
    return this.#durableRead(() => this.#reader.get<T>(sql, params));
  }

  all<T extends Row = Row>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return this.#durableRead(() => this.#reader.all<T>(sql, params));
  }

  async #durableRead<T>(read: () => T): Promise<T> {
    const fault = this.#durability.fault;
    if (fault !== undefined) throw fault;
    const value = await settled(read);
    await this.#durability.caughtUp();
    return value;
  }

  /** Runs `body` as one write transaction: all of it is committed, or none of it. */
  transaction<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#pending.push({ body, resolve: resolve as (value: unknown) => void, reject });
      this.#schedule();
    });
  }

  /**
   * Runs `body` as one write transaction with foreign key enforcement off, as SQLite prescribes for
   * rebuilding a table that others refer to (a CHECK constraint cannot be changed in place, and
   * dropping the old table would otherwise delete through every reference). It commits only when
   * `PRAGMA foreign_key_check` then finds no broken reference. For migrations at start-up, before
   * anything else writes: a transaction queued meanwhile would run without enforcement too.
   */
  async transactionWithoutForeignKeys<T>(body: (tx: Queries) => Promise<T>): Promise<T> {
    // The pragma is a no-op inside a transaction: wait for the queue to empty, then switch it.
    await this.transaction(() => Promise.resolve());
    this.#writer.exec('PRAGMA foreign_keys = OFF');
    try {
      return await this.transaction(async (tx) => {
        const value = await body(tx);
        const broken = await tx.all('PRAGMA foreign_key_check');
        if (broken.length > 0) throw new Error(`the rebuild leaves ${broken.length} broken references`);
        return value;
      });
    } finally {
      this.#writer.exec('PRAGMA foreign_keys = ON');
    }
  }

  // The group starts after the event loop has handled every request that is ready (setImmediate
  // runs after the poll phase), so the transactions those requests queue share its COMMIT.
  #schedule(): void {
    if (this.#draining || this.#pending.length === 0) return;
    this.#draining = true;
    setImmediate(() => {
      void this.#commitGroup(this.#pending.splice(0, MAX_GROUP)).finally(() => {
        this.#draining = false;
        this.#schedule();
      });
    });
  }

  /** BEGIN IMMEDIATE, waiting on a timer while another connection holds the write lock. */
  async #begin(): Promise<void> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS;
    for (let wait = 1; ; wait = Math.min(wait * 2, 50)) {
      try {
        this.#writer.handle.exec('BEGIN IMMEDIATE');
        return;
      } catch (error) {
        if (!isBusy(error) || Date.now() + wait > deadline) throw translated(error);
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  #rollback(): void {
    try {
      if (this.#writer.handle.inTransaction) this.#writer.handle.exec('ROLLBACK');
    } catch {
      // Nothing to undo, or SQLite undid it already.
    }
  }

  async #commitGroup(group: PendingTransaction[]): Promise<void> {
    try {
      if (this.#durability.fault !== undefined) throw this.#durability.fault;
      await this.#begin();
    } catch (error) {
      for (const item of group) item.reject(error);
      return;
    }
    const fence = new FaultFence(this.#writer);
    const abort = (error: unknown) => {
      this.#rollback();
      for (const item of group) item.reject(error);
    };
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    // Savepoints keep grouped transactions apart; a transaction alone needs none (ROLLBACK undoes it).
    const alone = group.length === 1;
    for (const item of group) {
      const tx = new TransactionQueries(fence);
      try {
        if (!alone) fence.run((w) => w.run('SAVEPOINT tx', []));
        const value = await item.body(tx);
        tx.end();
        if (fence.fault !== undefined) return abort(fence.fault);
        if (!alone) fence.run((w) => w.run('RELEASE tx', []));
        outcomes.push({ ok: true, value });
      } catch (error) {
        tx.end();
        // After a storage fault (disk full, I/O error) SQLite may have rolled the whole transaction
        // back already; later savepoints would run outside it and commit on their own. The group
        // ends here, even if the body caught the fault itself.
        if (alone || fence.fault !== undefined) return abort(fence.fault ?? error);
        try {
          fence.run((w) => w.run('ROLLBACK TO tx', []));
          fence.run((w) => w.run('RELEASE tx', []));
        } catch (undo) {
          return abort(fence.fault ?? undo);
        }
        outcomes.push({ ok: false, error });
      }
    }
    try {
      this.#writer.exec('COMMIT');
    } catch (error) {
      return abort(error);
    }
    // The next group starts now; this one's callers hear once the sync after this COMMIT is done.
    this.#durability.committed().then(
      () =>
        group.forEach((item, i) => {
          const outcome = outcomes[i]!;
          if (outcome.ok) item.resolve(outcome.value);
          else item.reject(outcome.error);
        }),
      (fault: unknown) => {
        for (const item of group) item.reject(fault);
      },
    );
  }

  async close(): Promise<void> {
    await this.transaction(() => Promise.resolve()).catch(() => undefined);
    await this.#closeSync();
    this.#reader.close();
    this.#writer.close();
  }
}
