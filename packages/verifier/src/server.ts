// The entry point: config -> logger -> deps -> createApp -> listen, and a graceful stop.
import { runService } from '@skills-passport/service-kit';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { seedDemo } from './demo.js';
import { openVerifier } from './runtime.js';

await runService({
  name: 'verifier',
  loadConfig: () => loadConfig(process.env),
  async open(config, logger) {
    const runtime = await openVerifier(config, logger);
    return {
      app: createApp(runtime.deps),
      close: () => runtime.close(),
      async listening() {
        // After listen, off the start's path: the first employer search then finds the index built.
        setImmediate(() => runtime.warmSearch());
        if (!config.demo) return;
        const seed = await seedDemo(runtime.deps, { trustedIssuers: [] });
        process.stdout.write(
          `Employer page: ${seed.employerPageUrl}\nDemo employer API key: ${seed.apiKey}\nDemo vacancy page: ${seed.vacancyPage}\nDemo vacancy (for wallets): ${seed.vacancyUrl}\nDemo vacancy request:\n${seed.requestLink}\n`,
        );
      },
    };
  },
});
