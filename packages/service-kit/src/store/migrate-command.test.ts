import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateSqliteTables } from './migrate-command.js';
import { applyMigrations } from './migrations.js';
import { SqliteDatabase } from './sqlite-database.js';

// A service's SQLite tables as its `migrate` command brings them up to date: the line it prints
// counts what this run applied, from the file's version before and after.

const MIGRATIONS = ['CREATE TABLE a (id TEXT PRIMARY KEY);', 'CREATE TABLE b (id TEXT PRIMARY KEY);'];

/** Opens the file as a service would, applying the first `count` of MIGRATIONS. */
const upTo = (count: number) => async (file: string) => {
  const db = await SqliteDatabase.open(file);
  try {
    await applyMigrations(db, MIGRATIONS.slice(0, count));
  } finally {
    await db.close();
  }
};

describe('migrateSqliteTables', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sp-migrate-command-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('makes the data directory, applies everything to a new file, and then finds it up to date', async () => {
    const file = join(dir, 'data', 'service.sqlite');
    expect(await migrateSqliteTables(file, 'The tables', upTo(2))).toBe(
      `The tables in ${file}: 2 migrations applied (now version 2)`,
    );
    expect(await migrateSqliteTables(file, 'The tables', upTo(2))).toBe(
      `The tables in ${file}: up to date (version 2)`,
    );
  });

  it('counts only what it applied to a file of an earlier version', async () => {
    const file = join(dir, 'service.sqlite');
    await upTo(1)(file);
    expect(await migrateSqliteTables(file, 'The tables', upTo(2))).toBe(
      `The tables in ${file}: 1 migration applied (now version 2)`,
    );
  });
});
