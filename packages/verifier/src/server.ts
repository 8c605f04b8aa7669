// The entry point: config -> logger -> deps -> createApp -> listen.
import { isSkillsPassportError } from '@skills-passport/core';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { seedDemo } from './demo.js';
import { createLogger } from './logger.js';
import { openVerifier } from './runtime.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const runtime = await openVerifier(config, logger);
  const app = createApp(runtime.deps);
  const server = app.listen(config.port, config.host, () => {
    logger.info(
      { port: config.port, publicUrl: config.publicUrl.href, did: runtime.deps.identity.did },
      'verifier listening',
    );
  });
  if (config.demo) {
    const seed = await seedDemo(runtime.deps, { trustedIssuers: [] });
    process.stdout.write(
      `Employer page: ${seed.employerPageUrl}\nDemo employer API key: ${seed.apiKey}\nDemo vacancy request:\n${seed.requestLink}\n`,
    );
  }
  const stop = (): void => {
    server.close(() => {
      runtime.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${isSkillsPassportError(error) ? error.message : 'The verifier could not start.'}\n`);
  if (!isSkillsPassportError(error)) console.error(error);
  process.exit(1);
});
