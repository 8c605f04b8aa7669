// Veramo's tables in PostgreSQL, opened by several instances at the same moment on one empty
// database: its TypeORM migrations run once, under an advisory lock, and every instance opens.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import {
  describeWithPostgres,
  startPostgres,
  type RunningPostgres,
} from '@skills-passport/service-kit/testing';
import { openVeramoDataSource } from './veramo-agent.js';

// A real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(60_000);

describeWithPostgres()("Veramo's tables on PostgreSQL", () => {
  let cluster: RunningPostgres;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  it('migrates once when four instances open one empty database at the same moment', async () => {
    const url = await cluster.createDatabase();
    const opened = await Promise.all([1, 2, 3, 4].map(() => openVeramoDataSource({ kind: 'postgres', url })));
    try {
      const applied = opened.map((o) => o.applied);
      // One instance applied Veramo's migrations; the others found them applied.
      expect(applied.filter((names) => names.length > 0)).toHaveLength(1);
      const [first] = opened;
      const recorded = (await first!.dataSource.query('SELECT name FROM veramo_migrations')) as unknown[];
      expect(recorded).toHaveLength(applied.flat().length);
      // Every instance reads the tables.
      for (const { dataSource } of opened)
        await expect(dataSource.query('SELECT count(*) FROM "key"')).resolves.toBeDefined();
    } finally {
      await Promise.all(opened.map((o) => o.dataSource.destroy()));
    }
  });
});
