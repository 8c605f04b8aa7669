import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { createLogger } from '@skills-passport/service-kit';
import {
  describeWithPostgres,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import type { Actor, IssuerDeps } from '../../domain/deps.js';
import { authenticateApiKey, createApiKey, createStaff, revokeApiKey } from '../../domain/staff.js';
import { keptOrSigned, type Publication } from '../../domain/status-lists.js';
import type { IssuerStorage, StoredStatusList } from '../../ports.js';
import { credential, storedOrganisation, T0 } from '../contract/fixtures.js';
import { openPgStorage, type PgIssuerStorage } from './pg-storage.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(60_000);

const ADMIN: Actor = { kind: 'admin', id: 'admin' };

/** Polls `check` (each try a round trip to the database) until it holds; fails after many tries. */
async function eventually(check: () => Promise<boolean>, tries = 500): Promise<void> {
  for (let i = 0; i < tries; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('never happened');
}

// Two "instances": two pools on one database, as two issuer processes hold, each with the domain
// code that keeps state across requests (the principal cache, the status list signer, the cohort
// lease) running over its own pool.
describeWithPostgres()('state shared by two instances on PostgreSQL', () => {
  let cluster: RunningPostgres;
  let one: PgIssuerStorage;
  let two: PgIssuerStorage;
  let depsOne: IssuerDeps;
  let depsTwo: IssuerDeps;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    const url = await cluster.createDatabase();
    [one, two] = await Promise.all([
      openPgStorage({ url, poolSize: 6 }),
      openPgStorage({ url, poolSize: 6 }),
    ]);
    // What these domain functions read: the store, the clock (frozen: no cache entry ever expires
    // by age here, so only an eviction can end one) and the logger.
    const depsOf = (store: IssuerStorage) =>
      ({
        store,
        now: () => new Date(T0),
        logger: createLogger('issuer', 'silent'),
      }) as Pick<IssuerDeps, 'store' | 'now' | 'logger'> as IssuerDeps;
    depsOne = depsOf(one);
    depsTwo = depsOf(two);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
    await cluster?.stop();
  });

  /** Connections listening for revocations (each instance holds one once it caches principals). */
  const listeners = async () =>
    (
      await one.db.get<{ n: number }>(
        "SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN %'",
      )
    )?.n ?? 0;

  it('refuses a key revoked on the other instance at once, also after PostgreSQL restarted', async () => {
    const org = await storedOrganisation(one);
    const staff = await createStaff(depsOne, org.slug, { name: 'Marleen', role: 'assessor' }, ADMIN);
    const newKey = () => createApiKey(depsOne, org.slug, staff.id, 'laptop', ADMIN);
    const acceptedOnTwo = async (token: string) => (await authenticateApiKey(depsTwo, token)) !== undefined;
    // Both instances cache principals (and so listen).
    await authenticateApiKey(depsOne, 'spk_not-a-key');
    await authenticateApiKey(depsTwo, 'spk_not-a-key');
    await eventually(async () => (await listeners()) === 2);

    // Without a notification, instance two would go on accepting a key it cached: revoked behind
    // its back (straight in the table), it still passes.
    const silent = await newKey();
    expect(await acceptedOnTwo(silent.token)).toBe(true);
    await one.db.run('UPDATE api_keys SET revoked_at = $1 WHERE id = $2', [
      new Date(T0).toISOString(),
      silent.id,
    ]);
    expect(await acceptedOnTwo(silent.token)).toBe(true);

    // Revoked on instance one: instance two refuses it as soon as the notification arrives.
    const key = await newKey();
    expect(await acceptedOnTwo(key.token)).toBe(true);
    await revokeApiKey(depsOne, org.slug, key.id, ADMIN);
    await eventually(async () => !(await acceptedOnTwo(key.token)));

    // PostgreSQL restarts: notifications sent meanwhile would be lost, so each instance forgets
    // what it cached once it listens again (the silently revoked key is refused now) ...
    await cluster.restart();
    await eventually(() =>
      listeners().then(
        (n) => n === 2,
        () => false,
      ),
    );
    await eventually(async () => !(await acceptedOnTwo(silent.token)));
    // ... and hears revocations again.
    const later = await newKey();
    expect(await acceptedOnTwo(later.token)).toBe(true);
    await revokeApiKey(depsOne, org.slug, later.id, ADMIN);
    await eventually(async () => !(await acceptedOnTwo(later.token)));
  });

  it('signs a changed status list once when both instances are asked for it at the same moment', async () => {
    const org = await storedOrganisation(one);
    await one.transaction((tx) => tx.statusLists.openList(org.slug, 1, 131_072));
    const signed: number[] = [];
    const publication: Publication = {
      fresh: () => true,
      revision: (version) => `v${version}`,
      async sign(list: StoredStatusList) {
        signed.push(list.version);
        // Signing takes a while (a key lookup, a signature): others arrive meanwhile.
        await one.organisations.find(org.slug);
        return `signed v${list.version}`;
      },
    };
    const askBoth = () =>
      Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          keptOrSigned(i % 2 === 0 ? depsOne : depsTwo, org.slug, 1, 'jwt', publication),
        ),
      );

    for (const index of [7, 8]) {
      await two.transaction((tx) => tx.statusLists.setBit(org.slug, 1, 'revocation', index, true));
      const version = (await one.statusLists.find(org.slug, 1))!.version;
      const served = await askBoth();
      // Every reader got the copy of the newest version, signed once by one of the two.
      expect(new Set(served.map((s) => s.document))).toEqual(new Set([`signed v${version}`]));
      expect(signed.filter((v) => v === version)).toHaveLength(1);
      expect(await two.statusLists.published(org.slug, 1, 'jwt')).toEqual({
        version,
        document: `signed v${version}`,
      });
    }
    expect(signed).toHaveLength(2);
  });

  it('lets the second instance finish, each row once, a cohort whose first holder stopped after a chunk', async () => {
    const LEASE = 30_000;
    const ROWS = 35;
    const org = await storedOrganisation(one);
    const id = `cohort-${org.slug}`;
    await one.transaction((tx) =>
      tx.cohorts.insert({
        id,
        orgSlug: org.slug,
        type: 'WorkplaceLearningCredential',
        createdBy: 'staff-1',
        createdAt: new Date(T0).toISOString(),
        template: '{}',
        rows: '[]',
        total: ROWS,
      }),
    );
    // One chunk as processBatch writes it: the cursor read under lock, the lease renewed under the
    // same lock, a credential per row, the cursor moved on; all committed together.
    const chunk = (store: IssuerStorage, owner: string, now: number) =>
      store.transaction(async (tx) => {
        const progress = (await tx.cohorts.lockProgress(id))!;
        if (progress.processed >= ROWS) return 'done';
        if (!(await tx.cohorts.renewLease(id, owner, now + LEASE))) return 'lost';
        const end = Math.min(progress.processed + 10, ROWS);
        for (let row = progress.processed; row < end; row += 1)
          await tx.credentials.insert(
            credential(org.slug, { batchId: id, learnerName: `row ${row}`, statusIndex: row }),
          );
        await tx.cohorts.saveProgress(
          id,
          { processed: end, valid: end, invalid: 0, report: '[]' },
          end >= ROWS,
        );
        return end >= ROWS ? 'done' : 'more';
      });

    // Instance one claims the cohort, writes a chunk, and dies: it renews nothing more.
    expect(await one.cohorts.claim('one', T0, T0 + LEASE)).toBe(id);
    expect(await chunk(one, 'one', T0)).toBe('more');
    // Instance two's sweeps pass it over while the lease runs, and take it once it has run out.
    expect(await two.cohorts.claim('two', T0 + LEASE - 1, T0 + 2 * LEASE)).toBeUndefined();
    expect(await two.cohorts.claim('two', T0 + LEASE, T0 + 2 * LEASE)).toBe(id);
    // Instance one was only stalled, and wakes up to write its next chunk while two writes its
    // first: whichever goes first, one's is refused, and no row is written twice.
    const racing = await Promise.all([chunk(one, 'one', T0 + LEASE), chunk(two, 'two', T0 + LEASE)]);
    expect(racing).toEqual(['lost', 'more']);
    let outcome = 'more';
    while (outcome === 'more') outcome = await chunk(two, 'two', T0 + LEASE);
    expect(outcome).toBe('done');
    await two.cohorts.releaseLease(id, 'two');

    expect((await one.cohorts.load(id))?.state).toBe('done');
    const rows = await one.db.all<{ learner_name: string }>(
      'SELECT learner_name FROM credentials WHERE batch_id = $1',
      [id],
    );
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.learner_name)).size).toBe(ROWS);
    expect(await one.cohorts.claim('one', T0 + 3 * LEASE, T0 + 4 * LEASE)).toBeUndefined();
  });
});
