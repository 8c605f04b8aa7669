// The issuer's `migrate` command (built dist/migrate.js, as `./sp migrate` runs it) on each store:
// on an empty store it applies the issuer's migrations and Veramo's and says so, a second run finds
// everything up to date, and an issuer then starts on what it made. It reads the server's
// variables, needs no secret, and never prints the database password.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { join } from 'node:path';
import {
  openMigrateTarget,
  storeVariants,
  UNPRINTED_PASSWORD,
  type MigrateTarget,
} from '@skills-passport/service-kit/testing';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { provisionOrg, startIssuer } from './test-support/issuer-harness.js';

jest.setTimeout(60_000);

const migrateJs = join(import.meta.dirname, '../dist/migrate.js');

describe.each(storeVariants())('issuer migrate ($name)', (variant) => {
  let target: MigrateTarget;

  beforeAll(async () => {
    target = await openMigrateTarget(variant, { migrateJs, prefix: 'ISSUER' });
  }, 60_000);
  afterAll(() => target?.close());

  it('applies the issuer\u2019s migrations and Veramo\u2019s to an empty store, then finds it up to date', async () => {
    const first = await target.migrate();
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^The issuer's tables in .+: \d+ migrations applied \(now version \d+\)$/);
    if (variant.name === 'SQLite') expect(lines[0]).toContain(`${MIGRATIONS.length} migrations applied`);
    expect(lines[1]).toMatch(/^Veramo's tables in .+: applied CreateDatabase\d+, /);
    expect(first.stdout + first.stderr).not.toContain(UNPRINTED_PASSWORD);

    const second = await target.migrate();
    expect(second.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^The issuer's tables in .+: up to date \(version \d+\)$/),
      expect.stringMatching(/^Veramo's tables in .+: up to date$/),
    ]);
  });

  it('leaves a store an issuer starts on and works with', async () => {
    const issuer = await startIssuer({ dataDir: target.dataDir, database: target.store.database });
    try {
      const org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider');
      expect(org.did).toMatch(/^did:web:/);
    } finally {
      await issuer.stop();
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL\u2019s, without quoting it (exit 2)', async () => {
    const refused = await target
      .migrate({ DATABASE_URL: 'mysql://user:hunter2@db/issuer' })
      .catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(/DATABASE_URL must be a postgres/);
    expect((refused as { stderr: string }).stderr).not.toContain('hunter2');
  });
});
