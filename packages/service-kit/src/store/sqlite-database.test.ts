import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSkillsPassportError } from '@skills-passport/core';
import { SqliteDatabase } from './sqlite-database.js';

// The grouped-commit writer on a real SQLite file. A storage fault inside one grouped transaction
// (here SQLITE_FULL from a page limit; on a real disk ENOSPC during a cache spill) makes SQLite roll
// the whole transaction back by itself, so the group must end there: were the next members run,
// their savepoints would commit on their own while every caller is told it failed.
describe('[faults] grouped commits on a storage fault', () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sp-store-'));
    db = await SqliteDatabase.open(join(dir, 'store.sqlite'));
    await db.exec('CREATE TABLE t (name TEXT NOT NULL, payload BLOB)');
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (name: string, size = 8) =>
    db.transaction((tx) => tx.run('INSERT INTO t (name, payload) VALUES (?, ?)', [name, Buffer.alloc(size)]));

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
    expect((await db.all<{ name: string }>('SELECT name FROM t ORDER BY name')).map((r) => r.name)).toEqual([
      'one',
      'two',
    ]);
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
    expect((await db.all<{ name: string }>('SELECT name FROM t ORDER BY name')).map((r) => r.name)).toEqual([
      'after',
      'before',
    ]);
  });
});
