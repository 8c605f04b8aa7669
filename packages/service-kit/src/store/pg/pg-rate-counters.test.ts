import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { RateLimiter } from '../../http/rate-limit.js';
import { describeWithPostgres, startPostgres, type RunningPostgres } from '../../testing/postgres.js';
import { PgDatabase } from './pg-database.js';
import { migrateRateLimits, PgRateCounters } from './pg-rate-counters.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(60_000);

const T0 = Date.parse('2027-03-01T09:00:00.000Z');

// Two "instances": two pools on one database, each with its own limiter over the shared counters.
describeWithPostgres()('rate-limit counters in PostgreSQL', () => {
  let cluster: RunningPostgres;
  let one: PgDatabase;
  let two: PgDatabase;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    const url = await cluster.createDatabase();
    [one, two] = await Promise.all([
      PgDatabase.open({ url, poolSize: 6, connectTimeoutMs: 1000 }),
      PgDatabase.open({ url, poolSize: 6, connectTimeoutMs: 1000 }),
    ]);
    // Both migrate at once (the issuer and the verifier starting together): one creates the table.
    const applied = await Promise.all([migrateRateLimits(one), migrateRateLimits(two)]);
    expect(applied.sort()).toEqual([0, 1]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await cluster?.stop();
  });

  it('lets two instances together allow the allowance once, not twice', async () => {
    const now = () => T0;
    const limiters = [one, two].map(
      (db) => new RateLimiter(7, 60_000, now, { counters: new PgRateCounters(db, 'issuer:protocol') }),
    );
    const decisions = await Promise.all(
      Array.from({ length: 30 }, (_, i) => limiters[i % 2]!.take('token:192.0.2.1')),
    );
    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    expect(decisions.filter((d) => !d.allowed).every((d) => d.retryAfterSeconds === 60)).toBe(true);
    // Checked without counting, on either instance.
    expect((await limiters[0]!.check('token:192.0.2.1')).allowed).toBe(false);
    expect((await limiters[1]!.check('token:192.0.2.2')).allowed).toBe(true);
  });

  it('starts a new window once the old one ended, keeps scopes apart and deletes ended windows', async () => {
    let now = T0 + 1_000_000;
    const oneLimiter = new RateLimiter(2, 60_000, () => now, { counters: new PgRateCounters(one, 'a') });
    const twoLimiter = new RateLimiter(2, 60_000, () => now, { counters: new PgRateCounters(two, 'a') });
    const otherScope = new RateLimiter(2, 60_000, () => now, { counters: new PgRateCounters(two, 'b') });
    expect((await oneLimiter.take('k')).allowed).toBe(true);
    expect((await twoLimiter.take('k')).allowed).toBe(true);
    now += 30_000;
    expect(await oneLimiter.take('k')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    expect((await otherScope.take('k')).allowed).toBe(true);
    now += 30_000;
    expect((await twoLimiter.take('k')).allowed).toBe(true);
    expect(await oneLimiter.check('k')).toEqual({ allowed: true, retryAfterSeconds: 0 });

    // Scope b's window (begun at +30 s) has ended two minutes on; the next count deletes it.
    now += 120_000;
    await oneLimiter.take('fresh');
    let left: { scope: string; key: string }[] = [];
    for (let i = 0; i < 100; i += 1) {
      left = await one.all<{ scope: string; key: string }>(
        "SELECT scope, key FROM rate_limit_windows WHERE scope IN ('a', 'b') ORDER BY scope, key",
      );
      if (left.length === 1) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(left).toEqual([{ scope: 'a', key: 'fresh' }]);
  });

  it('lets requests through while the database is down, says so once, and counts again once it is back', async () => {
    const warnings: unknown[] = [];
    const limiter = new RateLimiter(1, 60_000, () => T0 + 5_000_000, {
      counters: new PgRateCounters(one, 'outage'),
      onUnavailable: (error) => warnings.push(error),
    });
    expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.take('k')).allowed).toBe(false);
    await cluster.halt();
    try {
      expect((await limiter.take('k')).allowed).toBe(true);
      expect((await limiter.check('k')).allowed).toBe(true);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE' });
    } finally {
      await cluster.resume();
    }
    // The pool reconnects by itself; the window counted before the outage still holds.
    let decision = await limiter.take('k');
    for (let i = 0; i < 100 && decision.allowed; i += 1) decision = await limiter.take('k');
    expect(decision.allowed).toBe(false);
  });
});
