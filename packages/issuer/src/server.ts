import { createServer } from 'node:http';
import { createApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoOffers, seedDemo } from './demo/seed-demo.js';
import { openIssuer } from './runtime.js';

// Entry point: config -> logger -> dependencies -> app -> listen, and a graceful stop on SIGTERM/SIGINT.
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
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
  const server = createServer(createApp(runtime.deps));
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  server.listen(config.port, config.host, () => {
    logger.info({ url: config.publicUrl.href, port: config.port, demo: config.demo }, 'issuer listening');
  });
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping');
    server.close(() => {
      runtime.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('issuer failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
