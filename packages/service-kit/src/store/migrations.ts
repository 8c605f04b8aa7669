import type { SqliteDatabase } from './sqlite-database.js';

// Versioned migrations for a service's SQLite file: `PRAGMA user_version` holds how many have been
// applied, and each of the rest runs in a transaction of its own with the version it brings, so a
// crash between two leaves the file at a version it fully has.

/**
 * Brings the file up to the newest of `migrations` (each a batch of SQL statements, in order);
 * returns how many were applied now.
 */
export async function applyMigrations(db: SqliteDatabase, migrations: readonly string[]): Promise<number> {
  let applied = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const row = await tx.get<{ user_version: number }>('PRAGMA user_version');
      const version = row?.user_version ?? 0;
      const next = migrations[version];
      if (next === undefined) return true;
      await tx.exec(next);
      await tx.exec(`PRAGMA user_version = ${version + 1}`);
      return false;
    });
    if (done) return applied;
    applied += 1;
  }
}
