// `node dist/migrate.js` (`./sp migrate`): brings the issuer's store up to date — its own tables
// and Veramo's, in the SQLite file under ISSUER_DATA_DIR or the PostgreSQL database DATABASE_URL
// names (the server's variables; no secret needed) — prints what it applied and exits 0. Each
// instance also migrates at start, one at a time; this lets an operator do it beforehand, alone.
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
import { openVeramoDataSource, type VeramoDatabase } from './agent/veramo-agent.js';
import { ISSUER_STORE } from './config.js';
import { migratePg, PG_COMPONENT } from './store/pg/migrations.js';
import { migrate, MIGRATIONS } from './store/sqlite/migrations.js';

/** One line on a set of tables: how many migrations were applied now, and the version reached. */
function tablesLine(what: string, applied: number, version: number): string {
  return applied === 0
    ? `${what}: up to date (version ${version})`
    : `${what}: ${applied} migration${applied === 1 ? '' : 's'} applied (now version ${version})`;
}

async function migrateVeramo(database: VeramoDatabase, where: string): Promise<string> {
  const { dataSource, applied } = await openVeramoDataSource(database);
  await dataSource.destroy();
  return applied.length === 0
    ? `Veramo's tables in ${where}: up to date`
    : `Veramo's tables in ${where}: applied ${applied.join(', ')}`;
}

async function migrateSqlite(dataDir: string): Promise<string[]> {
  ensureWritableDataDir(dataDir, 'issuer.sqlite');
  const file = join(dataDir, 'issuer.sqlite');
  const db = await SqliteDatabase.open(file);
  let applied: number;
  try {
    applied = await migrate(db);
  } finally {
    await db.close();
  }
  return [
    tablesLine(`The issuer's tables in ${file}`, applied, MIGRATIONS.length),
    await migrateVeramo({ kind: 'sqlite', file }, file),
  ];
}

async function migratePostgres(url: string): Promise<string[]> {
  const where = describeDatabaseUrl(url);
  // One connection: each migration is one transaction (Veramo's have a pool of their own).
  const db = await PgDatabase.open({ url, poolSize: 1 });
  let applied: number;
  let version: number;
  try {
    applied = await migratePg(db);
    version = await pgSchemaVersion(db, PG_COMPONENT);
  } finally {
    await db.close();
  }
  return [
    tablesLine(`The issuer's tables in ${where}`, applied, version),
    await migrateVeramo({ kind: 'postgres', url }, where),
  ];
}

/** Migrates the store `location` names; returns what to print. */
function migrateIssuerStore(location: StoreLocation): Promise<string[]> {
  return location.database === undefined
    ? migrateSqlite(location.dataDir)
    : migratePostgres(location.database.url);
}

await runMigrateCommand('issuer', () => migrateIssuerStore(readStoreLocation(process.env, ISSUER_STORE)));
