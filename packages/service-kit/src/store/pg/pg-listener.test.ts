import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { describeWithPostgres, startPostgres, type RunningPostgres } from '../../testing/postgres.js';
import { PgDatabase } from './pg-database.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(60_000);

/** What one listener heard, and a way to wait until it has heard something. */
function recorder() {
  const heard: string[] = [];
  let listened = 0;
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((resolve) => resolve());
  return {
    heard,
    get listened() {
      return listened;
    },
    handlers: {
      notified(payload: string) {
        heard.push(payload);
        wake();
      },
      listening() {
        listened += 1;
        wake();
      },
    },
    /** Resolves once `done()` holds, re-checked after each thing heard. */
    async until(done: () => boolean): Promise<void> {
      while (!done()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
  };
}

describeWithPostgres()('PgDatabase.listen', () => {
  let cluster: RunningPostgres;
  let db: PgDatabase;

  beforeAll(async () => {
    cluster = (await startPostgres())!;
    db = await PgDatabase.open({ url: await cluster.createDatabase(), poolSize: 4, connectTimeoutMs: 1000 });
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('hears what is notified when the notifying transaction commits, and nothing of one rolled back', async () => {
    const ear = recorder();
    const listener = db.listen('key_revoked', ear.handlers);
    await ear.until(() => ear.listened === 1);
    await expect(
      db.transaction(async (tx) => {
        await tx.run("SELECT pg_notify('key_revoked', 'rolled-back')");
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await db.transaction(async (tx) => {
      await tx.run("SELECT pg_notify('key_revoked', 'k1')");
      // Not before the commit.
      expect(ear.heard).toEqual([]);
    });
    await db.run("SELECT pg_notify('another_channel', 'k2')");
    await db.run("SELECT pg_notify('key_revoked', 'k3')");
    await ear.until(() => ear.heard.length === 2);
    expect(ear.heard).toEqual(['k1', 'k3']);
    await listener.close();
    expect(listener.listening).toBe(false);
  });

  it('listens again after the server restarted, and says so', async () => {
    const ear = recorder();
    const listener = db.listen('key_revoked', ear.handlers);
    try {
      await ear.until(() => ear.listened === 1);
      await cluster.restart();
      await ear.until(() => ear.listened === 2);
      expect(listener.listening).toBe(true);
      // The pool, too, is back by itself; a notification reaches the new connection.
      let sent = false;
      for (let i = 0; i < 50 && !sent; i += 1)
        sent = await db.run("SELECT pg_notify('key_revoked', 'after-restart')").then(
          () => true,
          () => false,
        );
      await ear.until(() => ear.heard.includes('after-restart'));
    } finally {
      await listener.close();
    }
  });
});
