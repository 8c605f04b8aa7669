import type { Queries, SqliteDatabase } from './sqlite-database.js';

// Versioned migrations for a service's SQLite file: `PRAGMA user_version` holds how many have been
// applied, and each of the rest runs in a transaction of its own with the version it brings, so a
// crash between two leaves the file at a version it fully has.

/**
 * A migration that rebuilds a table other tables refer to (SQLite changes a CHECK constraint only
 * by making the table anew): it runs with foreign key enforcement off, and commits only when no
 * reference is left broken.
 */
export interface TableRebuild {
  rebuild: string;
}

/** A batch of SQL statements, or a {@link TableRebuild}. */
export type Migration = string | TableRebuild;

async function versionOf(tx: Queries): Promise<number> {
  const row = await tx.get<{ user_version: number }>('PRAGMA user_version');
  return row?.user_version ?? 0;
}

/**
 * Brings the file up to the newest of `migrations` (in order); returns how many were applied now.
 */
export async function applyMigrations(db: SqliteDatabase, migrations: readonly Migration[]): Promise<number> {
  let applied = 0;
  for (;;) {
    const version = await db.transaction(versionOf);
    const next = migrations[version];
    if (next === undefined) return applied;
    const step = async (tx: Queries): Promise<boolean> => {
      // Another process on the same file may have applied it meanwhile.
      if ((await versionOf(tx)) !== version) return false;
      await tx.exec(typeof next === 'string' ? next : next.rebuild);
      await tx.exec(`PRAGMA user_version = ${version + 1}`);
      return true;
    };
    const done = await (typeof next === 'string'
      ? db.transaction(step)
      : db.transactionWithoutForeignKeys(step));
    if (done) applied += 1;
  }
}
