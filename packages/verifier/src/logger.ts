import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { pino, type Logger } from 'pino';

/**
 * The service logger. Presentations carry credentials, which are personal data; tokens and API
 * keys are secrets: none is logged, and these paths are redacted should one slip into a log call.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'verifier' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.vp_token',
          '*.presentation',
          '*.credential',
          '*.credentials',
          '*.credentialSubject',
          '*.apiKey',
          '*.adminToken',
          '*.nonce',
          '*.state',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}

/** Request ids (X-Request-Id) and one log line per request with the route pattern, never the path. */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    const started = process.hrtime.bigint();
    res.set('X-Request-Id', id);
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      logger.info(
        {
          reqId: id,
          method: req.method,
          route: route === undefined ? '(no route)' : `${req.baseUrl}${route}`,
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}
