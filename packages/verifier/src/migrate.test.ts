// The verifier's `migrate` command (built dist/migrate.js, as `./sp migrate` runs it) on each store
// passes the suite every service's does — on an empty store it applies the migrations and says so, a
// second run finds the tables up to date, it reads the server's variables, needs no secret and never
// prints the database password — and a verifier then starts on what it made.
import { expect, it, jest } from '@jest/globals';
import { describeMigrateCommand } from '@skills-passport/service-kit/testing';
import { VERIFIER_STORE } from './config.js';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { startVerifier } from './test-support/harness.js';

jest.setTimeout(60_000);

describeMigrateCommand(
  VERIFIER_STORE,
  {
    sqliteMigrations: MIGRATIONS.length,
    applied: [/^The verifier's tables in .+: \d+ migrations? applied \(now version \d+\)$/],
    upToDate: [/^The verifier's tables in .+: up to date \(version \d+\)$/],
  },
  (target) => {
    it('leaves a store a verifier starts on', async () => {
      const { dataDir, store } = target();
      const verifier = await startVerifier({
        config: { dataDir, ...(store.database === undefined ? {} : { database: store.database }) },
      });
      try {
        expect(verifier.apiKey).toMatch(/\S/);
      } finally {
        await verifier.close();
      }
    });
  },
);
