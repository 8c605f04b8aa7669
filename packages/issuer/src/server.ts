// Entry point: config -> logger -> dependencies -> app -> listen, and a graceful stop on SIGTERM/SIGINT.
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadFullEsco } from '@skills-passport/core/full-esco';
import { runService, warmTaxonomySearch } from '@skills-passport/service-kit';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { demoOffers, seedDemo } from './demo/seed-demo.js';
import { openIssuer } from './runtime.js';

await runService({
  name: 'issuer',
  loadConfig: () => loadConfig(),
  async open(config, logger) {
    // The whole ESCO for the assessor page's search, read before the database opens: a broken file
    // fails the start with nothing to close.
    const esco = await loadFullEsco();
    const runtime = await openIssuer(config, logger);
    if (config.demo) {
      // Demo mode: the organisations, keys and fresh example offers go to a file the start script
      // prints from (never to the log).
      const seed = await seedDemo(runtime.deps);
      const offers = await demoOffers(runtime.deps);
      const summary = { publicUrl: config.publicUrl.href, adminToken: config.adminToken, ...seed, offers };
      // Written aside and renamed: instances sharing the data directory each write theirs whole,
      // and the start script never reads half of one.
      const demoFile = join(config.dataDir, 'demo.json');
      const partFile = `${demoFile}.${process.pid}.part`;
      writeFileSync(partFile, `${JSON.stringify(summary, null, 2)}\n`, { mode: 0o600 });
      renameSync(partFile, demoFile);
      logger.info({ organisations: seed.organisations.length, offers: offers.length }, 'demo seeded');
    }
    return {
      app: createApp(runtime.deps, { esco }),
      close: () => runtime.close(),
      listening() {
        // Off the start's path, so the first assessor's search finds the label indexes built.
        setImmediate(() => warmTaxonomySearch(esco, logger));
      },
    };
  },
});
