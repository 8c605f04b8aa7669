// The demo seed of issuer instances that start together on one empty PostgreSQL database, as
// `./sp start --scale 2` starts them (ISSUER_DEMO=true): one makes the demo organisations and
// their assessors, the others find them; instances that share a data directory print the same
// demo keys, one with a directory of its own gets keys of its own for the same assessors. Two
// built servers started at the same moment both start and both write a whole demo summary.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeWithPostgres,
  freePort,
  spawnService,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import {
  ADMIN_TOKEN,
  call,
  KMS_SECRET,
  startIssuer,
  type RunningIssuer,
} from '../test-support/issuer-harness.js';
import { seedDemo, type DemoSeed } from './seed-demo.js';

// A real PostgreSQL server and built services, sharing two cores with the rest of the run.
jest.setTimeout(90_000);

const serverJs = join(import.meta.dirname, '../../dist/server.js');

describeWithPostgres()('demo seed of issuer instances starting together (PostgreSQL)', () => {
  let cluster: RunningPostgres;
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'sp-issuer-demo-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    cluster = (await startPostgres())!;
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('seeds the organisations and assessors once; each instance prints keys that work on every instance', async () => {
    const database = { url: await cluster.createDatabase(), poolSize: 4 };
    const shared = tempDir();
    const publicUrl = new URL(`http://localhost:${await freePort()}`);
    const start = (dataDir: string) => startIssuer({ dataDir, database, config: { publicUrl, demo: true } });
    const instances: RunningIssuer[] = await Promise.all([start(shared), start(shared), start(tempDir())]);
    try {
      const seeds: DemoSeed[] = await Promise.all(instances.map((issuer) => seedDemo(issuer.runtime.deps)));
      const slugs = (seed: DemoSeed) => seed.organisations.map((o) => `${o.slug} ${o.did} ${o.assessor}`);
      expect(slugs(seeds[1]!)).toEqual(slugs(seeds[0]!));
      expect(slugs(seeds[2]!)).toEqual(slugs(seeds[0]!));
      // The two sharing a directory read one seed file: the same keys.
      expect(seeds[1]).toEqual(seeds[0]);

      const pg = instances[0]!.runtime.pg!;
      const organisations = await pg.all<{ slug: string }>('SELECT slug FROM organisations ORDER BY slug');
      expect(organisations.map((o) => o.slug)).toEqual(seeds[0]!.organisations.map((o) => o.slug).sort());
      const staff = await pg.all<{ org_slug: string; n: number }>(
        'SELECT org_slug, count(*)::int AS n FROM staff GROUP BY org_slug',
      );
      expect(staff.every((row) => row.n === 1)).toBe(true);
      expect(staff).toHaveLength(organisations.length);

      // Every printed key, from either directory, works on every instance.
      for (const seed of [seeds[0]!, seeds[2]!])
        for (const issuer of instances) {
          const answer = await call(issuer.url, 'GET', '/api/credentials', {
            token: seed.organisations[0]!.apiKey,
          });
          expect(answer.status).toBe(200);
        }
    } finally {
      await Promise.all(instances.map((issuer) => issuer.stop()));
    }
  });

  it('starts two built servers on one empty database at the same moment, both with the demo summary', async () => {
    const database = await cluster.createDatabase();
    const dataDir = tempDir();
    const ports = [await freePort(), await freePort()];
    const env = (port: number) => ({
      ISSUER_PORT: String(port),
      ISSUER_PUBLIC_URL: `http://localhost:${ports[0]}`,
      ISSUER_DATA_DIR: dataDir,
      ISSUER_DEMO: 'true',
      ISSUER_KMS_SECRET: KMS_SECRET,
      ISSUER_ADMIN_TOKEN: ADMIN_TOKEN,
      DATABASE_URL: database,
      DATABASE_POOL_SIZE: '4',
    });
    const servers = await Promise.all(
      ports.map((port) =>
        spawnService(serverJs, env(port), `http://127.0.0.1:${port}`, { timeoutMs: 80_000 }),
      ),
    );
    try {
      const summary = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as DemoSeed & {
        offers: unknown[];
      };
      expect(summary.organisations).toHaveLength(5);
      expect(summary.offers.length).toBeGreaterThan(0);
      for (const server of servers) {
        const answer = await call(server.url, 'GET', '/api/credentials', {
          token: summary.organisations[0]!.apiKey,
        });
        expect(answer.status).toBe(200);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
  });
});
