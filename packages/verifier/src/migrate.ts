// `node dist/migrate.js` (`./sp migrate`): brings the verifier's tables up to date — in the SQLite
// file under VERIFIER_DATA_DIR or the PostgreSQL database DATABASE_URL names (the server's
// variables; no secret needed) — prints what it applied and exits 0. Each instance also migrates
// at start, one at a time; this lets an operator do it beforehand, alone.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  describeDatabaseUrl,
  ensureWritableDataDir,
  PgDatabase,
  pgSchemaVersion,
  readStoreLocation,
  runMigrateCommand,
  SqliteDatabase,
  type StoreLocation,
} from '@skills-passport/service-kit';
import { VERIFIER_STORE } from './config.js';
import { migratePg } from './store/pg/migrations.js';
import { SqliteVerifierStores } from './store/sqlite/sqlite-verifier-stores.js';

/** One line on the tables: how many migrations were applied now, and the version reached. */
function tablesLine(where: string, applied: number, version: number): string {
  return applied === 0
    ? `The verifier's tables in ${where}: up to date (version ${version})`
    : `The verifier's tables in ${where}: ${applied} migration${applied === 1 ? '' : 's'} applied (now version ${version})`;
}

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
    return [tablesLine(file, after - before, after)];
  } finally {
    await stores.close();
  }
}

async function migratePostgres(url: string): Promise<string[]> {
  const db = await PgDatabase.open({ url, poolSize: 1 });
  try {
    const applied = await migratePg(db);
    return [tablesLine(describeDatabaseUrl(url), applied, await pgSchemaVersion(db, 'verifier'))];
  } finally {
    await db.close();
  }
}

function migrateVerifierStore(location: StoreLocation): Promise<string[]> {
  return location.database === undefined
    ? migrateSqlite(location.dataDir)
    : migratePostgres(location.database.url);
}

await runMigrateCommand('verifier', () =>
  migrateVerifierStore(readStoreLocation(process.env, VERIFIER_STORE)),
);
