import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { OpenedStore, StoreVariant } from './store-variants.js';

const run = promisify(execFile);

/** The password put in the `DATABASE_URL` a migrate command gets: its output must never hold it. */
export const UNPRINTED_PASSWORD = 'not-to-be-printed';

/** A store and data directory to run a service's built `migrate` command on; see {@link openMigrateTarget}. */
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
export async function openMigrateTarget(
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
