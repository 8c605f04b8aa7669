import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, type Migration } from './migrations.js';
import { SqliteDatabase } from './sqlite-database.js';

// Migrations on a real SQLite file: in order, each once, and a table rebuild (SQLite's way to change
// a CHECK constraint of a table others refer to) that keeps every reference or changes nothing.

const PARENT = `CREATE TABLE parent (slug TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b')));
CREATE TABLE child (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES parent(slug));`;
const rebuild = (copy: string): Migration => ({
  rebuild: `CREATE TABLE parent_new (slug TEXT PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('a', 'b', 'c')));
${copy}
DROP TABLE parent;
ALTER TABLE parent_new RENAME TO parent;`,
});
const KEEP_ALL = rebuild('INSERT INTO parent_new SELECT slug, kind FROM parent;');

describe('applyMigrations', () => {
  let dir: string;
  let db: SqliteDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sp-migrate-'));
    db = await SqliteDatabase.open(join(dir, 'store.sqlite'));
    await applyMigrations(db, [PARENT]);
    await db.exec("INSERT INTO parent VALUES ('p', 'a'); INSERT INTO child VALUES ('c', 'p');");
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds a table others refer to: rows and references kept, the new CHECK in force, foreign keys on again', async () => {
    expect(await applyMigrations(db, [PARENT, KEEP_ALL])).toBe(1);
    expect(await applyMigrations(db, [PARENT, KEEP_ALL])).toBe(0);
    expect(await db.get('PRAGMA user_version')).toEqual({ user_version: 2 });
    expect(await db.all('SELECT * FROM child')).toEqual([{ id: 'c', parent: 'p' }]);
    await db.exec("INSERT INTO parent VALUES ('q', 'c')");
    await expect(db.exec("INSERT INTO parent VALUES ('r', 'd')")).rejects.toThrow(/CHECK/);
    await expect(db.exec("INSERT INTO child VALUES ('x', 'nobody')")).rejects.toThrow(/FOREIGN KEY/);
    await expect(db.exec("DELETE FROM parent WHERE slug = 'p'")).rejects.toThrow(/FOREIGN KEY/);
    expect(
      (await db.get<{ sql: string }>("SELECT sql FROM sqlite_schema WHERE name = 'child'"))?.sql,
    ).toMatch(/REFERENCES parent\(slug\)/);
  });

  it('refuses a rebuild that would leave a reference broken, and changes nothing', async () => {
    const losing = rebuild("INSERT INTO parent_new SELECT slug, kind FROM parent WHERE slug <> 'p';");
    await expect(applyMigrations(db, [PARENT, losing])).rejects.toThrow(/broken references/);
    expect(await db.get('PRAGMA user_version')).toEqual({ user_version: 1 });
    expect(await db.all('SELECT * FROM parent')).toEqual([{ slug: 'p', kind: 'a' }]);
    await expect(db.exec("INSERT INTO parent VALUES ('q', 'c')")).rejects.toThrow(/CHECK/);
    // Enforcement is back on after the failed rebuild.
    await expect(db.exec("INSERT INTO child VALUES ('x', 'nobody')")).rejects.toThrow(/FOREIGN KEY/);
  });
});
