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
