import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { builtEntry } from './paths.js';
import { storeVariants, type OpenedStore, type StoreVariant } from './store-variants.js';

const run = promisify(execFile);

/** The password put in the `DATABASE_URL` a migrate command gets: its output must never hold it. */
const UNPRINTED_PASSWORD = 'not-to-be-printed';

/** The store and data directory {@link describeMigrateCommand} runs a service's built `migrate` command on. */
export interface MigrateTarget {
  readonly store: OpenedStore;
  /** A fresh temporary directory, as `<PREFIX>_DATA_DIR`. */
  readonly dataDir: string;
  /** `<PREFIX>_DATA_DIR`, and on PostgreSQL `DATABASE_URL` with {@link UNPRINTED_PASSWORD} in it. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Runs the command with only `env` (`overrides` on top) and PATH: no secret, no admin token.
   * Rejects with the child's `code` and `stderr` when it exits non-zero.
   */
  migrate(overrides?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  /** Removes the directory and stops the store. */
  close(): Promise<void>;
}

/**
 * Opens `variant` (allow 60 s: a PostgreSQL cluster starts) and a temporary data directory for the
 * built `migrate` command at `migrateJs` of the service whose variables start with `prefix`.
 * Call in `beforeAll`, and `close()` in `afterAll`.
 */
async function openMigrateTarget(
  variant: StoreVariant,
  options: { migrateJs: string; prefix: string },
): Promise<MigrateTarget> {
  const store = await variant.open();
  const dataDir = mkdtempSync(join(tmpdir(), `sp-${options.prefix.toLowerCase()}-migrate-`));
  const env: Record<string, string> = { [`${options.prefix}_DATA_DIR`]: dataDir };
  if (store.database !== undefined) {
    // The test cluster trusts every connection, so any password will do.
    const url = new URL(store.database.url);
    url.password = UNPRINTED_PASSWORD;
    env.DATABASE_URL = url.href;
  }
  return {
    store,
    dataDir,
    env,
    migrate: (overrides = {}) =>
      run(process.execPath, [options.migrateJs], {
        env: { PATH: process.env.PATH ?? '', ...env, ...overrides },
      }),
    async close() {
      rmSync(dataDir, { recursive: true, force: true });
      await store.close();
    },
  };
}

/** What a service's `migrate` command prints, for {@link describeMigrateCommand}. */
export interface MigrateCommandOutput {
  /** How many migrations the service has for SQLite (more than one): a first run there applies them all. */
  readonly sqliteMigrations: number;
  /** Its lines on an empty store, one per set of tables, the service's own first. */
  readonly applied: readonly RegExp[];
  /** Its lines on the store it brought up to date. */
  readonly upToDate: readonly RegExp[];
}

/**
 * The suite every service's built `migrate` command (`dist/migrate.js`, as `./sp migrate` runs it)
 * passes, on each of {@link storeVariants}: on an empty store it applies the migrations and says so,
 * a second run finds everything up to date, it never prints the database password, and it refuses a
 * DATABASE_URL that is not PostgreSQL's without quoting it (exit 2). `cases` adds the service's own,
 * run on the store the command made: `target()` is that store and data directory.
 */
export function describeMigrateCommand(
  service: { name: 'issuer' | 'verifier'; prefix: string },
  output: MigrateCommandOutput,
  cases: (target: () => MigrateTarget) => void,
): void {
  const migrateJs = builtEntry(service.name, 'migrate');
  const lines = (stdout: string) => stdout.trim().split('\n');
  const matching = (patterns: readonly RegExp[]) => patterns.map((pattern) => expect.stringMatching(pattern));

  describe.each(storeVariants())(`${service.name} migrate ($name)`, (variant) => {
    let opened: MigrateTarget | undefined;
    const target = () => {
      if (opened === undefined)
        throw new TypeError('the migrate target is opened in the suite\u2019s beforeAll');
      return opened;
    };
    beforeAll(async () => {
      opened = await openMigrateTarget(variant, { migrateJs, prefix: service.prefix });
    }, 60_000);
    afterAll(() => opened?.close());

    it('applies its migrations to an empty store, then finds it up to date', async () => {
      const first = await target().migrate();
      expect(lines(first.stdout)).toEqual(matching(output.applied));
      const all = output.sqliteMigrations;
      if (variant.name === 'SQLite')
        expect(lines(first.stdout)[0]).toContain(`${all} migrations applied (now version ${all})`);
      expect(first.stdout + first.stderr).not.toContain(UNPRINTED_PASSWORD);

      const second = await target().migrate();
      expect(lines(second.stdout)).toEqual(matching(output.upToDate));
    });

    cases(target);

    it('refuses a DATABASE_URL that is not PostgreSQL\u2019s, without quoting it (exit 2)', async () => {
      const refused = await target()
        .migrate({ DATABASE_URL: `mysql://user:hunter2@db/${service.name}` })
        .catch((error: { code: number; stderr: string }) => error);
      expect(refused).toMatchObject({ code: 2 });
      expect((refused as { stderr: string }).stderr).toMatch(/DATABASE_URL must be a postgres/);
      expect((refused as { stderr: string }).stderr).not.toContain('hunter2');
    });
  });
}
