import type { RequestListener } from 'node:http';
import { isSkillsPassportError } from '@skills-passport/core';
import type { Logger } from 'pino';
import { createLogger } from '../logging/logger.js';
import { listen, type ServerTimeouts } from './http-server.js';

/** What every service's configuration holds for the kit. */
export interface ServiceConfig {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: URL;
  readonly logLevel: string;
}

/** A service opened on its configuration: its request handler and how to let go of its resources. */
export interface OpenedService {
  app: RequestListener;
  close(): Promise<void>;
  /** Called once the server listens, e.g. to print demo links. */
  listening?(): void | Promise<void>;
}

function fail(name: string, error: unknown, exitCode: number): never {
  // Our coded errors carry a sentence for a person; anything else is a bug, shown with its stack.
  const message = isSkillsPassportError(error)
    ? error.message
    : `${name} could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
  process.stderr.write(`${message}\n`);
  process.exit(exitCode);
}

/**
 * A service's entry point: config -> logger -> open -> listen, and a graceful stop on SIGTERM or
 * SIGINT that finishes the requests in flight before closing the service's resources. A bad
 * configuration exits with 2 and every problem listed; any other failure to start exits with 1.
 */
export async function runService<C extends ServiceConfig>(spec: {
  name: string;
  loadConfig(): C;
  open(config: C, logger: Logger): Promise<OpenedService>;
  timeouts?: Partial<ServerTimeouts>;
}): Promise<void> {
  let config: C;
  try {
    config = spec.loadConfig();
  } catch (error) {
    fail(spec.name, error, isSkillsPassportError(error, 'ERR_CONFIG_INVALID') ? 2 : 1);
  }
  const logger = createLogger(spec.name, config.logLevel);
  let opened: OpenedService;
  let server;
  try {
    opened = await spec.open(config, logger);
    server = await listen(opened.app, {
      port: config.port,
      host: config.host,
      ...(spec.timeouts === undefined ? {} : { timeouts: spec.timeouts }),
    });
  } catch (error) {
    fail(spec.name, error, 1);
  }
  logger.info({ url: config.publicUrl.href, port: server.port }, `${spec.name} listening`);
  const running = server;
  const stop = (signal: string) => {
    logger.info({ signal }, 'stopping: finishing requests in flight');
    running
      .stop()
      .then(() => opened.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'stopping failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  await opened.listening?.();
}
