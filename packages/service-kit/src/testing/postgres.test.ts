import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  describeWithPostgres,
  postgresUnavailable,
  startPostgres,
  type RunningPostgres,
} from './postgres.js';

describe('postgresUnavailable', () => {
  it('says why when there are no PostgreSQL binaries, so the suites skip with a reason', () => {
    const empty = mkdtempSync(join(tmpdir(), 'sp-no-pg-'));
    try {
      expect(postgresUnavailable(empty)).toMatch(/no PostgreSQL binaries/);
      expect(postgresUnavailable(join(empty, 'missing'))).toMatch(/install Debian's "postgresql" package/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describeWithPostgres()('startPostgres', () => {
  let cluster: RunningPostgres;
  beforeAll(async () => {
    cluster = (await startPostgres())!;
  }, 60_000);
  afterAll(() => cluster?.stop());

  const answer = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ db: string }>('SELECT current_database() AS db')).rows[0]?.db;
    } finally {
      await client.end();
    }
  };

  it('gives a cluster on a loopback port, and empty databases of it', async () => {
    expect(cluster.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
    expect(await answer(cluster.url)).toBe('postgres');
    const url = await cluster.createDatabase('fresh');
    expect(await answer(url)).toBe('fresh');
  });

  it('restarts on the same port', async () => {
    await cluster.restart();
    expect(await answer(cluster.url)).toBe('postgres');
  }, 60_000);
});
