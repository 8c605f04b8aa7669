import type { PgDatabase, PgQueries } from './pg-database.js';

// Versioned migrations for a component's tables in PostgreSQL. `schema_migrations` holds the
// versions applied, per component (the issuer and the verifier may share one database); each
// migration runs in a transaction of its own with the row of its version, so a crash between two
// leaves the database at a version it fully has. PostgreSQL's DDL is transactional, unlike most.
//
// Every step first takes a transaction-level advisory lock of the component: instances that start
// together queue on it, and each, once it holds the lock, sees what the one before applied.

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  component TEXT NOT NULL,
  version INTEGER NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (component, version)
)`;

/** The advisory lock's key: one per component, the same in every instance. */
const LOCK = "SELECT pg_advisory_xact_lock(hashtext('skills-passport:migrate:' || $1))";

async function versionOf(tx: PgQueries, component: string): Promise<number> {
  const row = await tx.get<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations WHERE component = $1',
    [component],
  );
  return row?.version ?? 0;
}

/**
 * Brings `component`'s tables up to the newest of `migrations` (version n is `migrations[n - 1]`,
 * each a batch of SQL statements); returns how many were applied now.
 */
export async function applyPgMigrations(
  db: PgDatabase,
  component: string,
  migrations: readonly string[],
): Promise<number> {
  let applied = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await tx.run(LOCK, [component]);
      // Under the lock, so two instances never race to create the ledger either.
      await tx.run(LEDGER);
      const version = await versionOf(tx, component);
      const next = migrations[version];
      if (next === undefined) return 'up-to-date';
      await tx.run(next);
      await tx.run('INSERT INTO schema_migrations (component, version) VALUES ($1, $2)', [
        component,
        version + 1,
      ]);
      return 'applied';
    });
    if (done === 'up-to-date') return applied;
    applied += 1;
  }
}

/** The newest version of `component` applied to the database, 0 when none. */
export async function pgSchemaVersion(db: PgDatabase, component: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.run(LEDGER);
    return versionOf(tx, component);
  });
}
