import { demoTaxonomy, type SkillTaxonomy } from '@skills-passport/core';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { assessorPage } from './assessor-page/assessor-page.js';
import type { IssuerDeps } from './domain/deps.js';
import { adminRoutes } from './http/admin-routes.js';
import { openApiDocument } from './http/openapi.js';
import { errorHandler, sendProblem } from './http/problem.js';
import { protocolRoutes } from './http/protocol-routes.js';
import { RateLimiter } from './http/rate-limit.js';
import { staffRoutes } from './http/staff-routes.js';
import { requestLogger } from './logger.js';

export type { IssuerDeps } from './domain/deps.js';
export type { IssuerConfig } from './config.js';

/**
 * Wallets in browsers call the public protocol endpoints from other origins. They authenticate with
 * bearer tokens, never cookies, so any origin may call them.
 */
const publicCors: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.set('Access-Control-Allow-Methods', 'GET, POST');
  res.set('Access-Control-Expose-Headers', 'ETag, WWW-Authenticate');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};

/** Builds the issuer's express app from its dependencies; it never listens by itself. */
export function createApp(deps: IssuerDeps, options: { taxonomy?: SkillTaxonomy } = {}): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLogger(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.config.publicUrl));
  });
  app.use(['/orgs', '/.well-known', '/offers', '/status'], publicCors);
  // Per client address: requests to each OpenID4VCI endpoint, and failed authentications.
  const perMinute = deps.config.rateLimitPerMinute ?? 0;
  const protocolLimiter = new RateLimiter(perMinute, 60_000, () => deps.now().getTime());
  const authFailures = new RateLimiter(
    perMinute > 0 ? Math.max(10, Math.floor(perMinute / 4)) : 0,
    60_000,
    () => deps.now().getTime(),
  );
  app.use(protocolRoutes(deps, protocolLimiter));
  app.use(adminRoutes(deps, authFailures));
  app.use(staffRoutes(deps, options.taxonomy ?? demoTaxonomy(), authFailures));
  app.use(assessorPage());

  app.use((_req, res) => sendProblem(res, 'ERR_NOT_FOUND', 'There is nothing at this address.'));
  app.use(errorHandler(deps.logger));
  return app;
}
