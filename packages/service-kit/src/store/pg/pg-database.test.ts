import { afterAll, afterEach, beforeAll, beforeEach, expect, it, jest } from '@jest/globals';
import { isSkillsPassportError } from '@skills-passport/core';
import { describeWithPostgres, startPostgres, type RunningPostgres } from '../../testing/postgres.js';
import { PgDatabase } from './pg-database.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

/** Resolves once `n` callers wait on it (later callers pass at once). */
function barrier(n: number): () => Promise<void> {
  let waiting = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    waiting += 1;
    if (waiting >= n) open();
    return opened;
  };
}

const isUnavailable = (error: unknown) => isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE');

// The pool, transactions and fault translation on a real PostgreSQL cluster of this test run.
describeWithPostgres()('PgDatabase', () => {
  let cluster: RunningPostgres;
  let url: string;
  let db: PgDatabase;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
  }, 60_000);
  afterAll(() => cluster?.stop());

  beforeEach(async () => {
    url = await cluster.createDatabase();
    db = await PgDatabase.open({ url, poolSize: 4, connectTimeoutMs: 1000 });
    await db.run('CREATE TABLE t (name TEXT PRIMARY KEY, n BIGINT NOT NULL DEFAULT 0)');
  });
  afterEach(() => db.close());

  const names = async () =>
    (await db.all<{ name: string }>('SELECT name FROM t ORDER BY name')).map((r) => r.name);

  it('commits all of a transaction, or none of a body that fails', async () => {
    await db.transaction(async (tx) => {
      await tx.run("INSERT INTO t (name) VALUES ('a')");
      await tx.run("INSERT INTO t (name) VALUES ('b')");
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.run("INSERT INTO t (name) VALUES ('c')");
        throw new Error('the body fails');
      }),
    ).rejects.toThrow('the body fails');
    // A constraint violation is the statement's fault, not the storage's: it stays as it is.
    const duplicate = await db
      .transaction((tx) => tx.run("INSERT INTO t (name) VALUES ('a')"))
      .catch((e) => e);
    expect(duplicate).toMatchObject({ code: '23505' });
    expect(await names()).toEqual(['a', 'b']);
  });

  it('reads BIGINT as a number', async () => {
    await db.run('INSERT INTO t (name, n) VALUES ($1, $2)', ['x', 1_790_000_000_000]);
    expect(await db.get('SELECT n FROM t')).toEqual({ n: 1_790_000_000_000 });
  });

  it('refuses a query on a transaction that has ended', async () => {
    let leaked: Parameters<Parameters<PgDatabase['transaction']>[0]>[0] | undefined;
    await db.transaction((tx) => {
      leaked = tx;
      return Promise.resolve();
    });
    await expect(leaked!.run("INSERT INTO t (name) VALUES ('late')")).rejects.toThrow(TypeError);
    expect(await names()).toEqual([]);
  });

  it('runs a body again after a serialization failure, so both of two racing bodies land', async () => {
    await db.run("INSERT INTO t (name, n) VALUES ('counter', 0)");
    let runs = 0;
    // Two serializable read-then-write bodies on the same row, both reading before either writes:
    // one of them must be aborted once.
    const bothRead = barrier(2);
    const bump = () =>
      db.transaction(
        async (tx) => {
          runs += 1;
          const row = await tx.get<{ n: number }>("SELECT n FROM t WHERE name = 'counter'");
          await bothRead();
          await tx.run("UPDATE t SET n = $1 WHERE name = 'counter'", [row!.n + 1]);
        },
        { isolation: 'serializable' },
      );
    await Promise.all([bump(), bump()]);
    expect(await db.get("SELECT n FROM t WHERE name = 'counter'")).toEqual({ n: 2 });
    expect(runs).toBe(3);
  });

  it('reports contention that outlasts every attempt as storage unavailable', async () => {
    await db.run("INSERT INTO t (name, n) VALUES ('counter', 0)");
    const bothRead = barrier(2);
    const bump = () =>
      db.transaction(
        async (tx) => {
          const row = await tx.get<{ n: number }>("SELECT n FROM t WHERE name = 'counter'");
          await bothRead();
          await tx.run("UPDATE t SET n = $1 WHERE name = 'counter'", [row!.n + 1]);
        },
        { isolation: 'serializable', attempts: 1 },
      );
    const outcomes = await Promise.allSettled([bump(), bump()]);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(isUnavailable((failed[0] as PromiseRejectedResult).reason)).toBe(true);
  });

  it('[faults] answers ERR_STORAGE_UNAVAILABLE while the server is down, and recovers without reopening', async () => {
    await db.run("INSERT INTO t (name) VALUES ('before')");
    await cluster.halt();
    try {
      for (const attempt of [
        () => db.all('SELECT * FROM t'),
        () => db.transaction((tx) => tx.run("INSERT INTO t (name) VALUES ('during')")),
      ]) {
        const error = await attempt().catch((e: unknown) => e);
        expect(isUnavailable(error)).toBe(true);
      }
      const refused = await PgDatabase.open({ url, connectTimeoutMs: 1000 }).catch((e: unknown) => e);
      expect(isUnavailable(refused)).toBe(true);
    } finally {
      await cluster.resume();
    }
    await db.transaction((tx) => tx.run("INSERT INTO t (name) VALUES ('after')"));
    expect(await names()).toEqual(['after', 'before']);
  }, 60_000);

  it('[faults] a transaction cut by a restart fails as unavailable and leaves nothing behind', async () => {
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const cut = db
      .transaction(async (tx) => {
        await tx.run("INSERT INTO t (name) VALUES ('cut')");
        entered();
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await tx.run("INSERT INTO t (name) VALUES ('cut-2')");
      })
      .catch((e: unknown) => e);
    await inside;
    await cluster.restart();
    expect(isUnavailable(await cut)).toBe(true);
    expect(await names()).toEqual([]);
  }, 60_000);
});
