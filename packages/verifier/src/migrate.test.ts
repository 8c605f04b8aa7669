// The verifier's `migrate` command (built dist/migrate.js, as `./sp migrate` runs it) on each
// store: on an empty store it applies the migrations and says so, a second run finds the tables up
// to date, and a verifier then starts on what it made. It reads the server's variables, needs no
// secret, and never prints the database password.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { storeVariants, type OpenedStore } from '@skills-passport/service-kit/testing';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { startVerifier } from './test-support/harness.js';

jest.setTimeout(60_000);

const migrateJs = join(import.meta.dirname, '../dist/migrate.js');
const run = promisify(execFile);

/** Runs the command with only the store's variables (and PATH): no secret, no admin token. */
async function migrate(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [migrateJs], { env: { PATH: process.env.PATH ?? '', ...env } });
}

describe.each(storeVariants())('verifier migrate ($name)', ({ name, open }) => {
  let store: OpenedStore;
  let dataDir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    store = await open();
    dataDir = mkdtempSync(join(tmpdir(), 'sp-verifier-migrate-'));
    env = { VERIFIER_DATA_DIR: dataDir };
    if (store.database !== undefined) {
      // A password in the URL (the test cluster trusts every connection, so any will do).
      const url = new URL(store.database.url);
      url.password = 'not-to-be-printed';
      env.DATABASE_URL = url.href;
    }
  }, 60_000);
  afterAll(async () => {
    rmSync(dataDir, { recursive: true, force: true });
    await store?.close();
  });

  it('applies the migrations to an empty store, then finds it up to date', async () => {
    const first = await migrate(env);
    expect(first.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^The verifier's tables in .+: \d+ migrations? applied \(now version \d+\)$/),
    ]);
    if (name === 'SQLite') expect(first.stdout).toContain(`(now version ${MIGRATIONS.length})`);
    expect(first.stdout + first.stderr).not.toContain('not-to-be-printed');

    const second = await migrate(env);
    expect(second.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^The verifier's tables in .+: up to date \(version \d+\)$/),
    ]);
  });

  it('leaves a store a verifier starts on', async () => {
    const verifier = await startVerifier({
      config: { dataDir, ...(store.database === undefined ? {} : { database: store.database }) },
    });
    try {
      expect(verifier.apiKey).toMatch(/\S/);
    } finally {
      await verifier.close();
    }
  });

  it('refuses a DATABASE_URL that is not PostgreSQL\u2019s, without quoting it (exit 2)', async () => {
    const refused = await migrate({ ...env, DATABASE_URL: 'mysql://user:hunter2@db/verifier' }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(/DATABASE_URL must be a postgres/);
    expect((refused as { stderr: string }).stderr).not.toContain('hunter2');
  });
});
