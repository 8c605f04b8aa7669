import type { DatabaseConfig } from '../config/env-reader.js';
import { postgresUnavailable, startPostgres, type RunningPostgres } from './postgres.js';

/** A store a suite has opened for one of its runs; see {@link storeVariants}. */
export interface OpenedStore {
  /** What `DATABASE_URL` / `DATABASE_POOL_SIZE` would give: undefined for the embedded SQLite file. */
  readonly database: DatabaseConfig | undefined;
  /** The throwaway cluster behind `database`, for fault tests (`halt`, `resume`); SQLite: undefined. */
  readonly cluster: RunningPostgres | undefined;
  /** Stops the cluster, if any. */
  readonly close: () => Promise<void>;
}

/** One store a service may run on. */
export interface StoreVariant {
  readonly name: 'SQLite' | 'PostgreSQL';
  /** SQLite: nothing to start. PostgreSQL: a fresh cluster with an empty database (up to a minute here). */
  readonly open: () => Promise<OpenedStore>;
}

const SQLITE: StoreVariant = {
  name: 'SQLite',
  open: () => Promise.resolve({ database: undefined, cluster: undefined, close: () => Promise.resolve() }),
};

/**
 * The stores to run a service's suite on, for `describe.each(storeVariants())('… ($name)', …)`: the
 * embedded SQLite file always, and PostgreSQL when a cluster can be started here — else the reason
 * is printed and the suite runs on SQLite only, never passing a PostgreSQL run it did not make.
 * Open the variant in `beforeAll` (allow 60 s) and close it in `afterAll`.
 */
export function storeVariants(poolSize = 4): StoreVariant[] {
  const unavailable = postgresUnavailable();
  if (unavailable !== undefined) {
    console.warn(`PostgreSQL runs skipped: ${unavailable}`);
    return [SQLITE];
  }
  const postgres: StoreVariant = {
    name: 'PostgreSQL',
    async open() {
      const cluster = (await startPostgres())!;
      try {
        const database = { url: await cluster.createDatabase(), poolSize };
        return { database, cluster, close: () => cluster.stop() };
      } catch (error) {
        await cluster.stop();
        throw error;
      }
    },
  };
  return [SQLITE, postgres];
}
