import { isSkillsPassportError } from '@skills-passport/core';
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { EnvReader, type DatabaseConfig } from '../config/env-reader.js';
import { ensureWritableDataDir } from './data-dir.js';
import { PgDatabase } from './pg/pg-database.js';
import { pgSchemaVersion } from './pg/pg-migrations.js';
import { SqliteDatabase } from './sqlite-database.js';

/** Where a service keeps its data, as its server reads it: what its `migrate` command needs. */
export interface StoreLocation {
  /** `<PREFIX>_DATA_DIR`, absolute: the SQLite file's directory. */
  readonly dataDir: string;
  /** `DATABASE_URL` / `DATABASE_POOL_SIZE`: PostgreSQL instead of the SQLite file. */
  readonly database?: DatabaseConfig;
}

/**
 * Reads a service's store location from the variables its server reads (`<PREFIX>_DATA_DIR`,
 * `DATABASE_URL`, `DATABASE_POOL_SIZE`) and nothing else: migrating needs no secret. Throws
 * `ERR_CONFIG_INVALID` with every problem, never quoting the URL.
 */
export function readStoreLocation(
  env: Readonly<Record<string, string | undefined>>,
  service: { name: string; prefix: string; dataDir: string },
  cwd = process.cwd(),
): StoreLocation {
  const read = new EnvReader(env, cwd);
  const dataDir = read.path(`${service.prefix}_DATA_DIR`, service.dataDir);
  const database = read.database();
  read.finish(service.name);
  return database === undefined ? { dataDir } : { dataDir, database };
}

/**
 * A PostgreSQL URL as it may be printed: host, port and database, never the user's password (nor
 * its name, nor the query, which may carry one too).
 */
export function describeDatabaseUrl(url: string): string {
  const parsed = new URL(url);
  return `postgres://${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * A service's `migrate` command: runs `migrate`, prints the lines it returns (what was applied,
 * in plain words) and exits 0; on a failure prints one line (a coded error's sentence, or the
 * error's message: never a stack, a URL or a secret) and exits 1, or 2 for a bad configuration.
 */
export async function runMigrateCommand(
  name: string,
  migrate: () => Promise<readonly string[]>,
): Promise<void> {
  try {
    for (const line of await migrate()) process.stdout.write(`${line}\n`);
  } catch (error) {
    // A storage fault's cause says what the operator can act on ("connect ECONNREFUSED …").
    const cause = isSkillsPassportError(error)
      ? (error.cause as { message?: unknown } | undefined)
      : undefined;
    const reason = isSkillsPassportError(error)
      ? `${error.message}${typeof cause?.message === 'string' ? ` (${cause.message})` : ''}`
      : error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`${name} migrate failed: ${reason}\n`);
    process.exitCode = isSkillsPassportError(error) && error.code === 'ERR_CONFIG_INVALID' ? 2 : 1;
  }
}

/** One line on a set of tables: how many migrations were applied now, and the version reached. */
export function describeMigration(tables: string, applied: number, version: number): string {
  return applied === 0
    ? `${tables}: up to date (version ${version})`
    : `${tables}: ${applied} migration${applied === 1 ? '' : 's'} applied (now version ${version})`;
}

/**
 * Brings `component`'s tables in the PostgreSQL database at `url` up to date over one connection
 * (each migration is one transaction) and says so in one line, naming the database as it may be
 * printed: "<label> in postgres://host:port/db: …".
 */
export async function migratePgTables(
  url: string,
  component: string,
  label: string,
  migrate: (db: PgDatabase) => Promise<number>,
): Promise<string> {
  const db = await PgDatabase.open({ url, poolSize: 1 });
  try {
    const applied = await migrate(db);
    return describeMigration(
      `${label} in ${describeDatabaseUrl(url)}`,
      applied,
      await pgSchemaVersion(db, component),
    );
  } finally {
    await db.close();
  }
}

/**
 * Brings a service's tables in the SQLite file at `file` up to date — `bringUpToDate` opens it as the
 * service does, which applies what is missing — and says so in one line naming the file: "<label> in
 * /path/to/file: …", counting the migrations by how far its `PRAGMA user_version` moved. The file's
 * directory is made, and checked writable, first.
 */
export async function migrateSqliteTables(
  file: string,
  label: string,
  bringUpToDate: (file: string) => Promise<void>,
): Promise<string> {
  ensureWritableDataDir(dirname(file), basename(file));
  const before = existsSync(file) ? await sqliteVersion(file) : 0;
  await bringUpToDate(file);
  const after = await sqliteVersion(file);
  return describeMigration(`${label} in ${file}`, after - before, after);
}

/** How many migrations the SQLite file at `file` has: its `PRAGMA user_version`. */
async function sqliteVersion(file: string): Promise<number> {
  const db = await SqliteDatabase.open(file);
  try {
    return (await db.get<{ user_version: number }>('PRAGMA user_version'))?.user_version ?? 0;
  } finally {
    await db.close();
  }
}

/**
 * A service's `migrate` command on the store its server's variables name: `sqlite` with the data
 * directory, or `postgres` with `DATABASE_URL`. Each returns the lines to print (see
 * {@link runMigrateCommand}); a bad variable exits 2 before either runs.
 */
export function runStoreMigrateCommand(
  service: { name: string; prefix: string; dataDir: string },
  migrate: {
    sqlite: (dataDir: string) => Promise<readonly string[]>;
    postgres: (url: string) => Promise<readonly string[]>;
  },
): Promise<void> {
  return runMigrateCommand(service.name, () => {
    const location = readStoreLocation(process.env, service);
    return location.database === undefined
      ? migrate.sqlite(location.dataDir)
      : migrate.postgres(location.database.url);
  });
}
