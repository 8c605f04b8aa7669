import { SkillsPassportError } from '@skills-passport/core';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Makes everything written to the database file so far durable (an fdatasync, off the event loop). */
export type DurableSync = () => Promise<void>;

/** A file's durable sync, and the handle it keeps open until closed. */
export interface FileSync {
  sync: DurableSync;
  close: () => Promise<void>;
}

/**
 * The durable sync of a SQLite database in WAL mode: `fdatasync` of its `-wal` file on libuv's
 * thread pool, where a COMMIT appends its frames. The first sync also syncs the directory, so the
 * `-wal` file's own entry survives a power cut. The handle is opened at the first sync (SQLite
 * creates the file with its first write) and kept: SQLite never deletes the file while a
 * connection is open, and resets it in place.
 */
export function walFileSync(databasePath: string): FileSync {
  let wal: Promise<FileHandle> | undefined;
  const opened = async () => {
    const directory = await open(dirname(databasePath), 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    return open(`${databasePath}-wal`, 'r');
  };
  return {
    // A failed sync is final (CommitDurability stops every later write), so the handle is kept
    // for close() rather than dropped unclosed.
    sync: async () => {
      wal ??= opened();
      await (await wal).datasync();
    },
    close: async () => {
      const handle = wal;
      wal = undefined;
      await (await handle?.catch(() => undefined))?.close();
    },
  };
}

interface Waiter {
  commit: number;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit's second half: commits are numbered as they happen, and a commit is durable once a
 * sync that started after it has finished. While one sync runs, the commits made meanwhile wait
 * for the next, so one sync serves every commit made during the one before — and the event loop
 * goes on with other requests meanwhile, instead of waiting in `fsync` inside COMMIT.
 *
 * A failed sync leaves it unknown what the disk holds: the kernel may have dropped the pages it
 * could not write. Every commit waiting fails then, and so does everything after: the database
 * must be reopened (SQLite recovers from its WAL), as PostgreSQL stops on a failed fsync.
 */
export class CommitDurability {
  #committed = 0;
  #durable = 0;
  #syncing = false;
  #fault: SkillsPassportError | undefined;
  readonly #waiters: Waiter[] = [];

  constructor(private readonly sync: DurableSync) {}

  /** Set once a sync failed: nothing may be read or written any more. */
  get fault(): SkillsPassportError | undefined {
    return this.#fault;
  }

  /** Counts a COMMIT that just returned; settles once it is durable. */
  committed(): Promise<void> {
    this.#committed += 1;
    return this.#until(this.#committed);
  }

  /** Settles once every commit made so far is durable: what a reader saw will not be undone. */
  caughtUp(): Promise<void> {
    return this.#until(this.#committed);
  }

  #until(commit: number): Promise<void> {
    if (this.#fault !== undefined) return Promise.reject(this.#fault);
    if (commit <= this.#durable) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.#waiters.push({ commit, resolve, reject });
      if (!this.#syncing) void this.#syncRounds();
    });
  }

  async #syncRounds(): Promise<void> {
    this.#syncing = true;
    while (this.#durable < this.#committed && this.#fault === undefined) {
      const covered = this.#committed;
      try {
        await this.sync();
      } catch (error) {
        this.#fault = new SkillsPassportError(
          'ERR_STORAGE_UNAVAILABLE',
          'Storage could not confirm a change was kept; the service must be restarted.',
          { cause: error },
        );
        for (const waiter of this.#waiters.splice(0)) waiter.reject(this.#fault);
        break;
      }
      this.#durable = covered;
      const waiting = this.#waiters.splice(0);
      for (const waiter of waiting) {
        if (waiter.commit <= covered) waiter.resolve();
        else this.#waiters.push(waiter);
      }
    }
    this.#syncing = false;
  }
}
