// `node dist/migrate.js` (`./sp migrate`): brings the verifier's tables up to date — in the SQLite
// file under VERIFIER_DATA_DIR or the PostgreSQL database DATABASE_URL names (the server's
// variables; no secret needed) — prints what it applied and exits 0. Each instance also migrates
// at start, one at a time; this lets an operator do it beforehand, alone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeMigration,
  ensureWritableDataDir,
  migratePgTables,
  runStoreMigrateCommand,
  SqliteDatabase,
} from '@skills-passport/service-kit';
import { VERIFIER_STORE } from './config.js';
import { migratePg } from './store/pg/migrations.js';
import { SqliteVerifierStores } from './store/sqlite/sqlite-verifier-stores.js';

async function sqliteVersion(db: SqliteDatabase): Promise<number> {
  return (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
}

async function migrateSqlite(dataDir: string): Promise<string[]> {
  ensureWritableDataDir(dataDir, 'verifier.sqlite');
  const file = join(dataDir, 'verifier.sqlite');
  let before = 0;
  if (existsSync(file)) {
    const db = await SqliteDatabase.open(file);
    try {
      before = await sqliteVersion(db);
    } finally {
      await db.close();
    }
  }
  // Opening the stores is what brings the file up to date (the base schema, then each migration).
  const stores = await SqliteVerifierStores.open(file);
  try {
    const after = await sqliteVersion(stores.db);
    return [describeMigration(`The verifier's tables in ${file}`, after - before, after)];
  } finally {
    await stores.close();
  }
}

async function migratePostgres(url: string): Promise<string[]> {
  return [await migratePgTables(url, 'verifier', "The verifier's tables", migratePg)];
}

await runStoreMigrateCommand(VERIFIER_STORE, { sqlite: migrateSqlite, postgres: migratePostgres });
