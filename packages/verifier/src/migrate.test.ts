// The verifier's `migrate` command (built dist/migrate.js, as `./sp migrate` runs it) on each
// store: on an empty store it applies the migrations and says so, a second run finds the tables up
// to date, and a verifier then starts on what it made. It reads the server's variables, needs no
// secret, and never prints the database password.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { join } from 'node:path';
import {
  openMigrateTarget,
  storeVariants,
  UNPRINTED_PASSWORD,
  type MigrateTarget,
} from '@skills-passport/service-kit/testing';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { startVerifier } from './test-support/harness.js';

jest.setTimeout(60_000);

const migrateJs = join(import.meta.dirname, '../dist/migrate.js');

describe.each(storeVariants())('verifier migrate ($name)', (variant) => {
  let target: MigrateTarget;

  beforeAll(async () => {
    target = await openMigrateTarget(variant, { migrateJs, prefix: 'VERIFIER' });
  }, 60_000);
  afterAll(() => target?.close());

  it('applies the migrations to an empty store, then finds it up to date', async () => {
    const first = await target.migrate();
    expect(first.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^The verifier's tables in .+: \d+ migrations? applied \(now version \d+\)$/),
    ]);
    if (variant.name === 'SQLite') expect(first.stdout).toContain(`(now version ${MIGRATIONS.length})`);
    expect(first.stdout + first.stderr).not.toContain(UNPRINTED_PASSWORD);

    const second = await target.migrate();
    expect(second.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^The verifier's tables in .+: up to date \(version \d+\)$/),
    ]);
  });

  it('leaves a store a verifier starts on', async () => {
    const verifier = await startVerifier({
      config: {
        dataDir: target.dataDir,
        ...(target.store.database === undefined ? {} : { database: target.store.database }),
      },
    });
    try {
      expect(verifier.apiKey).toMatch(/\S/);
    } finally {
      await verifier.close();
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL\u2019s, without quoting it (exit 2)', async () => {
    const refused = await target
      .migrate({ DATABASE_URL: 'mysql://user:hunter2@db/verifier' })
      .catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(/DATABASE_URL must be a postgres/);
    expect((refused as { stderr: string }).stderr).not.toContain('hunter2');
  });
});
