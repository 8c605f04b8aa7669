// Entry point: config -> logger -> dependencies -> app -> listen, and a graceful stop on SIGTERM/SIGINT.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runService } from '@skills-passport/service-kit';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { demoOffers, seedDemo } from './demo/seed-demo.js';
import { openIssuer } from './runtime.js';

await runService({
  name: 'issuer',
  loadConfig: () => loadConfig(),
  async open(config, logger) {
    const runtime = await openIssuer(config, logger);
    if (config.demo) {
      // Demo mode: the organisations, keys and fresh example offers go to a file the start script
      // prints from (never to the log).
      const seed = await seedDemo(runtime.deps);
      const offers = await demoOffers(runtime.deps);
      const summary = { publicUrl: config.publicUrl.href, adminToken: config.adminToken, ...seed, offers };
      writeFileSync(join(config.dataDir, 'demo.json'), `${JSON.stringify(summary, null, 2)}\n`, {
        mode: 0o600,
      });
      logger.info({ organisations: seed.organisations.length, offers: offers.length }, 'demo seeded');
    }
    return { app: createApp(runtime.deps), close: () => runtime.close() };
  },
});
