// The demo seed of verifier instances that start together on one empty PostgreSQL database, as
// `./sp start --scale 2` starts them: one makes the demo employer and publishes the demo vacancy,
// the others find both; every instance opens its own fresh request.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import {
  describeWithPostgres,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import { seedDemo } from './demo.js';
import type { PgVerifierStores } from './store/pg/pg-verifier-stores.js';
import { startVerifier, type Harness } from './test-support/harness.js';

// A real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

describeWithPostgres()('demo seed of instances starting together (PostgreSQL)', () => {
  let cluster: RunningPostgres;
  let instances: Harness[];

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    const database = { url: await cluster.createDatabase(), poolSize: 4 };
    instances = await Promise.all([1, 2, 3].map(() => startVerifier({ config: { database } })));
  }, 60_000);
  afterAll(async () => {
    await Promise.all((instances ?? []).map((h) => h.close()));
    await cluster?.stop();
  });

  it('makes one demo employer and one demo vacancy, which every instance prints', async () => {
    const seeds = await Promise.all(instances.map((h) => seedDemo(h.deps, { trustedIssuers: [] })));
    expect(new Set(seeds.map((s) => s.apiKey)).size).toBe(1);
    expect(new Set(seeds.map((s) => s.employerId)).size).toBe(1);
    expect(new Set(seeds.map((s) => s.vacancyUrl)).size).toBe(1);
    // A fresh request each, all of the one employer.
    expect(new Set(seeds.map((s) => s.requestId)).size).toBe(3);
    const db = (instances[0]!.deps.store as PgVerifierStores).db;
    const employers = await db.all<{ id: string }>('SELECT id FROM employers WHERE name LIKE $1', [
      'Demo werkgever%',
    ]);
    expect(employers).toEqual([{ id: seeds[0]!.employerId }]);
    await expect(instances[1]!.deps.store.vacanciesOf(seeds[0]!.employerId, 10)).resolves.toHaveLength(1);

    // A later start of any instance finds the same seed.
    const again = await seedDemo(instances[2]!.deps, { trustedIssuers: [] });
    expect(again).toMatchObject({ apiKey: seeds[0]!.apiKey, vacancyUrl: seeds[0]!.vacancyUrl });
  });
});
