import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { describeWithPostgres, startPostgres, type RunningPostgres } from '../../testing/postgres.js';
import { PgDatabase } from './pg-database.js';
import { applyPgMigrations, pgSchemaVersion } from './pg-migrations.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

const MIGRATIONS = [
  'CREATE TABLE a (id INTEGER PRIMARY KEY)',
  'ALTER TABLE a ADD COLUMN label TEXT; CREATE TABLE b (id INTEGER PRIMARY KEY)',
];

describeWithPostgres()('applyPgMigrations', () => {
  let cluster: RunningPostgres;
  beforeAll(async () => {
    cluster = (await startPostgres())!;
  }, 60_000);
  afterAll(() => cluster?.stop());

  it('applies each migration once, in order, per component', async () => {
    const db = await PgDatabase.open({ url: await cluster.createDatabase() });
    try {
      expect(await pgSchemaVersion(db, 'issuer')).toBe(0);
      expect(await applyPgMigrations(db, 'issuer', MIGRATIONS.slice(0, 1))).toBe(1);
      expect(await applyPgMigrations(db, 'issuer', MIGRATIONS)).toBe(1);
      expect(await applyPgMigrations(db, 'issuer', MIGRATIONS)).toBe(0);
      expect(await pgSchemaVersion(db, 'issuer')).toBe(2);
      expect(await db.all('SELECT id, label FROM a')).toEqual([]);
      // Another component in the same database counts its own versions.
      expect(await applyPgMigrations(db, 'verifier', ['CREATE TABLE v (id INTEGER)'])).toBe(1);
      expect(await pgSchemaVersion(db, 'issuer')).toBe(2);
    } finally {
      await db.close();
    }
  });

  it('lets only one of two instances starting together apply each migration', async () => {
    const url = await cluster.createDatabase();
    const [one, two] = await Promise.all([PgDatabase.open({ url }), PgDatabase.open({ url })]);
    try {
      // Without the lock both would CREATE TABLE a, and one would fail.
      const applied = await Promise.all([
        applyPgMigrations(one, 'issuer', MIGRATIONS),
        applyPgMigrations(two, 'issuer', MIGRATIONS),
      ]);
      expect(applied[0] + applied[1]).toBe(2);
      expect(await pgSchemaVersion(one, 'issuer')).toBe(2);
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });

  it('keeps the version it fully has when a migration fails', async () => {
    const db = await PgDatabase.open({ url: await cluster.createDatabase() });
    try {
      const broken = [MIGRATIONS[0]!, 'CREATE TABLE c (id INTEGER); SELECT no_such_function()'];
      await expect(applyPgMigrations(db, 'issuer', broken)).rejects.toMatchObject({ code: '42883' });
      expect(await pgSchemaVersion(db, 'issuer')).toBe(1);
      expect(await db.get("SELECT to_regclass('c') AS c")).toEqual({ c: null });
    } finally {
      await db.close();
    }
  });
});
