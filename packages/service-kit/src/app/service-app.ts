import express, { type Express } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { errorHandler, type Problems, type SpecialErrorHandler } from '../http/problem.js';
import { requestLogger } from '../logging/logger.js';

/** Content-Security-Policy directives, in helmet's camelCase form. */
export type CspDirectives = Record<string, string[]>;

/** For JSON APIs: nothing may load, frame or submit anything. */
export const API_CSP: CspDirectives = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** For our pages: their own scripts, styles, images and API only; no inline code, no framing. */
export const PAGE_CSP: CspDirectives = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The header value of a policy, for a page that sets its own. */
export function cspHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`)
    .join('; ');
}

/**
 * The start of every service's app: no `X-Powered-By`, simple query strings, a log line per
 * request, helmet's headers with the given policy, `GET /health` and `GET /openapi.json`. The
 * service adds its routes, then calls {@link finishServiceApp}.
 */
export function createServiceApp(options: {
  logger: Logger;
  openApi: () => Record<string, unknown>;
  csp?: CspDirectives;
  /** Reverse proxies whose `X-Forwarded-For` names the client (`TRUST_PROXY_HOPS`); none when absent. */
  trustProxyHops?: number;
}): Express {
  const app = express();
  app.disable('x-powered-by');
  // req.ip (rate limits, audit) is the client's address, not a balancer's, only with the hops trusted.
  if ((options.trustProxyHops ?? 0) > 0) app.set('trust proxy', options.trustProxyHops);
  app.set('query parser', 'simple');
  app.use(requestLogger(options.logger));
  app.use(
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: options.csp ?? API_CSP },
      // Wallets on other origins read our public documents (DID documents, status lists, metadata).
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(options.openApi());
  });
  return app;
}

/** The end of every service's app: a problem document for any other path, then the error handler. */
export function finishServiceApp(
  app: Express,
  problems: Problems,
  logger: Logger,
  special?: SpecialErrorHandler,
): Express {
  app.use((_req, res) => problems.send(res, 'ERR_NOT_FOUND', 'There is nothing at this address.'));
  app.use(errorHandler(problems, logger, special));
  return app;
}
