// The issuer's `migrate` command (built dist/migrate.js, as `./sp migrate` runs it) on each store
// passes the suite every service's does — on an empty store it applies the issuer's migrations and
// Veramo's and says so, a second run finds everything up to date, it reads the server's variables,
// needs no secret and never prints the database password — and an issuer then starts on what it made.
import { expect, it, jest } from '@jest/globals';
import { describeMigrateCommand } from '@skills-passport/service-kit/testing';
import { ISSUER_STORE } from './config.js';
import { MIGRATIONS } from './store/sqlite/migrations.js';
import { provisionOrg, startIssuer } from './test-support/issuer-harness.js';

jest.setTimeout(60_000);

describeMigrateCommand(
  ISSUER_STORE,
  {
    sqliteMigrations: MIGRATIONS.length,
    applied: [
      /^The issuer's tables in .+: \d+ migrations applied \(now version \d+\)$/,
      /^Veramo's tables in .+: applied CreateDatabase\d+, /,
    ],
    upToDate: [
      /^The issuer's tables in .+: up to date \(version \d+\)$/,
      /^Veramo's tables in .+: up to date$/,
    ],
  },
  (target) => {
    it('leaves a store an issuer starts on and works with', async () => {
      const issuer = await startIssuer({ dataDir: target().dataDir, database: target().store.database });
      try {
        const org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider');
        expect(org.did).toMatch(/^did:web:/);
      } finally {
        await issuer.stop();
      }
    });
  },
);
