// `node dist/migrate.js` (`./sp migrate`): brings the issuer's store up to date — its own tables
// and Veramo's, in the SQLite file under ISSUER_DATA_DIR or the PostgreSQL database DATABASE_URL
// names (the server's variables; no secret needed) — prints what it applied and exits 0. Each
// instance also migrates at start, one at a time; this lets an operator do it beforehand, alone.
import { join } from 'node:path';
import {
  describeDatabaseUrl,
  migratePgTables,
  migrateSqliteTables,
  runStoreMigrateCommand,
  SqliteDatabase,
} from '@skills-passport/service-kit';
import { openVeramoDataSource, type VeramoDatabase } from './agent/veramo-agent.js';
import { ISSUER_STORE } from './config.js';
import { migratePg, PG_COMPONENT } from './store/pg/migrations.js';
import { migrate } from './store/sqlite/migrations.js';

async function migrateVeramo(database: VeramoDatabase, where: string): Promise<string> {
  const { dataSource, applied } = await openVeramoDataSource(database);
  await dataSource.destroy();
  return applied.length === 0
    ? `Veramo's tables in ${where}: up to date`
    : `Veramo's tables in ${where}: applied ${applied.join(', ')}`;
}

async function migrateSqlite(dataDir: string): Promise<string[]> {
  const file = join(dataDir, 'issuer.sqlite');
  const issuerTables = async () => {
    const db = await SqliteDatabase.open(file);
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
  };
  return [
    await migrateSqliteTables(file, "The issuer's tables", issuerTables),
    await migrateVeramo({ kind: 'sqlite', file }, file),
  ];
}

async function migratePostgres(url: string): Promise<string[]> {
  return [
    await migratePgTables(url, PG_COMPONENT, "The issuer's tables", migratePg),
    // Veramo's have a pool of their own.
    await migrateVeramo({ kind: 'postgres', url }, describeDatabaseUrl(url)),
  ];
}

await runStoreMigrateCommand(ISSUER_STORE, { sqlite: migrateSqlite, postgres: migratePostgres });
