// `node dist/migrate.js` (`./sp migrate`): brings the verifier's tables up to date — in the SQLite
// file under VERIFIER_DATA_DIR or the PostgreSQL database DATABASE_URL names (the server's
// variables; no secret needed) — prints what it applied and exits 0. Each instance also migrates
// at start, one at a time; this lets an operator do it beforehand, alone.
import { join } from 'node:path';
import { migratePgTables, migrateSqliteTables, runStoreMigrateCommand } from '@skills-passport/service-kit';
import { VERIFIER_STORE } from './config.js';
import { migratePg } from './store/pg/migrations.js';
import { SqliteVerifierStores } from './store/sqlite/sqlite-verifier-stores.js';

async function migrateSqlite(dataDir: string): Promise<string[]> {
  // Opening the stores is what brings the file up to date (the base schema, then each migration).
  const openStores = async (file: string) => (await SqliteVerifierStores.open(file)).close();
  return [await migrateSqliteTables(join(dataDir, 'verifier.sqlite'), "The verifier's tables", openStores)];
}

async function migratePostgres(url: string): Promise<string[]> {
  return [await migratePgTables(url, 'verifier', "The verifier's tables", migratePg)];
}

await runStoreMigrateCommand(VERIFIER_STORE, { sqlite: migrateSqlite, postgres: migratePostgres });
