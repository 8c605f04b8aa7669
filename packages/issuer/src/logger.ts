import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { pino, type Logger } from 'pino';

/**
 * The service logger. Credentials and learners are personal data and keys, tokens and codes are
 * secrets: none of them is ever logged, and these paths are redacted should one slip into a log call.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: 'issuer' },
      redact: {
        paths: [
          'req.headers.authorization',
          'headers.authorization',
          '*.token',
          '*.access_token',
          '*.jwt',
          '*.credential',
          '*.credentialSubject',
          '*.learner',
          '*.txCode',
          '*.tx_code',
          '*["pre-authorized_code"]',
          '*.kmsSecret',
          '*.adminToken',
        ],
        censor: '[redacted]',
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}

/**
 * Gives every request an id (echoed as X-Request-Id) and logs one line when it ends: method, the
 * route pattern (never the concrete path, which may hold offer ids), status and duration.
 */
export function requestLogger(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const id = randomUUID();
    const started = process.hrtime.bigint();
    res.set('X-Request-Id', id);
    res.on('finish', () => {
      logger.info(
        {
          reqId: id,
          method: req.method,
          route: routeOf(req),
          status: res.statusCode,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
        },
        'request',
      );
    });
    next();
  };
}

/** The route pattern a request matched (`/offers/:id`), for logs: concrete paths may hold offer ids. */
export function routeOf(req: Request): string {
  const route = (req.route as { path?: string } | undefined)?.path;
  return route === undefined ? '(no route)' : `${req.baseUrl}${route}`;
}
