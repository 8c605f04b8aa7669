import { randomUUID } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { pino, type Logger } from 'pino';

/**
 * What is never logged, should it slip into a log call: credentials, presentations and learners
 * are personal data; keys, tokens, codes, nonces and API keys are secrets. One list for every
 * service, so a field redacted in one is redacted in all.
 */
export const REDACTED_PATHS: readonly string[] = [
  'req.headers.authorization',
  'headers.authorization',
  '*.authorization',
  '*.token',
  '*.access_token',
  '*.jwt',
  '*.credential',
  '*.credentials',
  '*.credentialSubject',
  '*.presentation',
  '*.vp_token',
  '*.learner',
  '*.txCode',
  '*.tx_code',
  '*["pre-authorized_code"]',
  '*.nonce',
  '*.c_nonce',
  '*.state',
  '*.apiKey',
  '*.kmsSecret',
  '*.adminToken',
];

/** The service logger: JSON lines tagged with the service's name, with {@link REDACTED_PATHS} censored. */
export function createLogger(service: string, level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service }, redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' } },
    destination as pino.DestinationStream | undefined,
  );
}

/** The route pattern a request matched (`/offers/:id`), for logs: concrete paths may hold offer ids. */
export function routeOf(req: Request): string {
  const route = (req.route as { path?: string } | undefined)?.path;
  return route === undefined ? '(no route)' : `${req.baseUrl}${route}`;
}

/**
 * Gives every request an id (echoed as X-Request-Id) and logs one line when it ends: method, the
 * route pattern (never the concrete path), status and duration.
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
