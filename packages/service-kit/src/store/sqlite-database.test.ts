import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { isSkillsPassportError } from '@skills-passport/core';
import { SqliteDatabase, type Queries } from './sqlite-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The grouped-commit writer and its reader on a real SQLite file.
describe('SqliteDatabase', () => {
  let dir: string;
  let file: string;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sp-store-'));
    file = join(dir, 'store.sqlite');
    db = await SqliteDatabase.open(file);
    await db.exec('CREATE TABLE t (name TEXT NOT NULL, payload BLOB)');
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (name: string, size = 8) =>
    db.transaction((tx) => tx.run('INSERT INTO t (name, payload) VALUES (?, ?)', [name, Buffer.alloc(size)]));
  const names = async () =>
    (await db.all<{ name: string }>('SELECT name FROM t ORDER BY rowid')).map((r) => r.name);

  // A storage fault inside one grouped transaction (here SQLITE_FULL from a page limit; on a real
  // disk ENOSPC during a cache spill) makes SQLite roll the whole transaction back by itself, so the
  // group must end there: were the next members run, their savepoints would commit on their own
  // while every caller is told it failed.
  describe('[faults] grouped commits on a storage fault', () => {
    it('fails the whole group cleanly and commits none of it', async () => {
      const { page_count: pages } = (await db.get<{ page_count: number }>('PRAGMA page_count'))!;
      await db.exec(`PRAGMA max_page_count = ${pages + 4}`);
      // Queued in one tick, so they share one group: before, the one that overflows, after.
      const outcomes = await Promise.allSettled([
        insert('before'),
        insert('too big', 1 << 20),
        insert('after'),
      ]);
      for (const outcome of outcomes) {
        expect(outcome.status).toBe('rejected');
        expect(
          isSkillsPassportError((outcome as PromiseRejectedResult).reason, 'ERR_STORAGE_UNAVAILABLE'),
        ).toBe(true);
      }
      expect(await db.all('SELECT name FROM t')).toEqual([]);

      // The writer is not stuck: within the limit, writes commit again.
      await Promise.all([insert('one'), insert('two')]);
      expect((await db.all<{ name: string }>('SELECT name FROM t ORDER BY name')).map((r) => r.name)).toEqual(
        ['one', 'two'],
      );
    });

    it('commits nothing when a body catches the fault itself and goes on writing', async () => {
      const { page_count: pages } = (await db.get<{ page_count: number }>('PRAGMA page_count'))!;
      await db.exec(`PRAGMA max_page_count = ${pages + 4}`);
      const swallowing = db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (name) VALUES (?)', ['first']);
        await tx
          .run('INSERT INTO t (name, payload) VALUES (?, ?)', ['too big', Buffer.alloc(1 << 20)])
          .catch(() => undefined);
        await tx.run('INSERT INTO t (name) VALUES (?)', ['after the fault']).catch(() => undefined);
        return 'done';
      });
      const outcomes = await Promise.allSettled([swallowing, insert('neighbour')]);
      expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
      expect(await db.all('SELECT name FROM t')).toEqual([]);
    });

    it('keeps the other members of a group when one fails for a reason of its own', async () => {
      const failing = db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (name) VALUES (?)', ['half-written']);
        throw new Error('refused by the domain');
      });
      const outcomes = await Promise.allSettled([insert('before'), failing, insert('after')]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await db.all<{ name: string }>('SELECT name FROM t ORDER BY name')).map((r) => r.name)).toEqual(
        ['after', 'before'],
      );
    });
  });

  // Group commit: COMMIT appends to the WAL without syncing it; a sync on the thread pool makes it
  // durable, and nobody hears of a change — its writer, or a reader — before that sync is done.
  describe('durable commits', () => {
    /** A sync the test lets finish, counting how often it ran. */
    const gatedSync = () => {
      const gate = { syncs: 0, open: () => {}, opened: Promise.resolve() };
      gate.opened = new Promise<void>((resolve) => (gate.open = resolve));
      return { gate, sync: async () => void (await gate.opened, (gate.syncs += 1)) };
    };
    const settledYet = async (promise: Promise<unknown>) => {
      let settled = false;
      void promise.then(
        () => (settled = true),
        () => (settled = true),
      );
      await sleep(30);
      return settled;
    };

    it('settles a transaction, and a read of it, only once the sync after its COMMIT is done', async () => {
      const { gate, sync } = gatedSync();
      const gated = await SqliteDatabase.open(join(dir, 'gated.sqlite'), { sync });
      try {
        const write = gated.transaction((tx) => tx.run('CREATE TABLE g (name TEXT)'));
        expect(await settledYet(write)).toBe(false);
        const read = gated.get("SELECT name FROM sqlite_master WHERE name = 'g'");
        expect(await settledYet(read)).toBe(false);
        gate.open();
        await write;
        expect(await read).toEqual({ name: 'g' });
        expect(gate.syncs).toBe(1);
      } finally {
        gate.open();
        await gated.close();
      }
    });

    it('serves every commit made while one sync runs with the next one', async () => {
      let syncs = 0;
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      const counted = await SqliteDatabase.open(join(dir, 'counted.sqlite'), {
        sync: async () => {
          syncs += 1;
          await held;
        },
      });
      try {
        const first = counted.exec('CREATE TABLE c (n INTEGER)');
        await sleep(10);
        // Twenty transactions in twenty ticks, each its own group, while the first sync is held.
        const later: Promise<unknown>[] = [];
        for (let i = 0; i < 20; i += 1) {
          later.push(counted.run('INSERT INTO c (n) VALUES (?)', [i]));
          await new Promise((resolve) => setImmediate(resolve));
        }
        expect(syncs).toBe(1);
        release();
        await Promise.all([first, ...later]);
        expect(syncs).toBe(2);
      } finally {
        release();
        await counted.close();
      }
    });

    it('[faults] fails the waiting transaction and every later one when a sync fails', async () => {
      const path = join(dir, 'failing.sqlite');
      let fail = false;
      const failing = await SqliteDatabase.open(path, {
        sync: () =>
          fail
            ? Promise.reject(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }))
            : Promise.resolve(),
      });
      await failing.exec('CREATE TABLE f (name TEXT)');
      fail = true;
      const lost = failing.run('INSERT INTO f (name) VALUES (?)', ['unconfirmed']);
      await expect(lost).rejects.toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE' });
      // What the disk holds is unknown now: no read, no write, until the database is reopened.
      await expect(failing.run('INSERT INTO f (name) VALUES (?)', ['after'])).rejects.toMatchObject({
        code: 'ERR_STORAGE_UNAVAILABLE',
      });
      await expect(failing.all('SELECT name FROM f')).rejects.toMatchObject({
        code: 'ERR_STORAGE_UNAVAILABLE',
      });
      await failing.close();
      const reopened = await SqliteDatabase.open(path);
      try {
        expect(await reopened.all('SELECT name FROM f')).toEqual([{ name: 'unconfirmed' }]);
      } finally {
        await reopened.close();
      }
    });

    it('syncs the real WAL file by default', async () => {
      // Power cuts cannot be staged here; this shows the default sync runs against the file.
      await insert('kept');
      await db.close();
      db = await SqliteDatabase.open(file);
      expect(await names()).toEqual(['kept']);
    });
  });

  describe('transactions', () => {
    it('keeps a body that awaits between its statements apart from the others', async () => {
      const seen: string[][] = [];
      const slow = db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (name) VALUES (?)', ['a1']);
        await sleep(30);
        await tx.run('INSERT INTO t (name) VALUES (?)', ['a2']);
      });
      await sleep(10);
      // Started while the first body waits: outside reads see nothing of it, and the second
      // transaction sees all of it or none of it.
      const outside = await names();
      const second = db.transaction(async (tx) => {
        seen.push((await tx.all<{ name: string }>('SELECT name FROM t ORDER BY rowid')).map((r) => r.name));
        await tx.run('INSERT INTO t (name) VALUES (?)', ['b']);
      });
      await Promise.all([slow, second]);
      expect(outside).toEqual([]);
      expect(seen).toEqual([['a1', 'a2']]);
      expect(await names()).toEqual(['a1', 'a2', 'b']);
    });

    it('lets reads see every write as soon as its transaction has settled', async () => {
      for (let i = 0; i < 20; i += 1) {
        await insert(`n${i}`);
        expect((await names()).length).toBe(i + 1);
      }
    });

    it('refuses a query a body starts after it has settled', async () => {
      let leaked: Queries | undefined;
      await db.transaction(async (tx) => {
        leaked = tx;
        await tx.run('INSERT INTO t (name) VALUES (?)', ['inside']);
      });
      // Were it run, it would land in whichever transaction comes next.
      const late = leaked!.run('INSERT INTO t (name) VALUES (?)', ['late']);
      await expect(late).rejects.toThrow(TypeError);
      await insert('next');
      expect(await names()).toEqual(['inside', 'next']);
    });

    it('answers a statement that returns no rows with none, as a read', async () => {
      expect(await db.get('PRAGMA user_version = 3')).toBeUndefined();
      expect(await db.all('PRAGMA user_version = 3')).toEqual([]);
      await db.transaction(async (tx) => {
        expect(await tx.all('INSERT INTO t (name) VALUES (?)', ['via all'])).toEqual([]);
      });
      expect(await names()).toEqual(['via all']);
    });

    it('[faults] is unavailable storage, not a crash, when the directory is missing', async () => {
      const missing = SqliteDatabase.open(join(dir, 'no-such-dir', 'store.sqlite'));
      await expect(missing).rejects.toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE' });
    });

    it('[faults] waits for another connection’s write lock without blocking the event loop', async () => {
      const other = new Database(file);
      other.exec('BEGIN IMMEDIATE');
      other.prepare('INSERT INTO t (name) VALUES (?)').run('other');
      let ticks = 0;
      const ticker = setInterval(() => (ticks += 1), 5);
      try {
        const mine = insert('mine');
        await sleep(150);
        other.exec('COMMIT');
        await mine;
      } finally {
        clearInterval(ticker);
        other.close();
      }
      expect(ticks).toBeGreaterThan(10);
      expect(await names()).toEqual(['other', 'mine']);
    });
  });
});
