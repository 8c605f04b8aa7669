import { demoEsco, type Esco } from '@skills-passport/core';
import {
  AuthFailures,
  authFailureAllowance,
  createServiceApp,
  finishServiceApp,
  openCors,
  problemsFor,
  RateLimiter,
  limiterOptions,
} from '@skills-passport/service-kit';
import type { Express } from 'express';
import { assessorPage } from './assessor-page/assessor-page.js';
import type { IssuerDeps } from './domain/deps.js';
import { adminRoutes } from './http/admin-routes.js';
import { publicCatalogueRoutes, staffCatalogueRoutes } from './http/catalogue-routes.js';
import { claimPage } from './http/claim-page.js';
import { intakeRoutes } from './http/intake-routes.js';
import { ISSUER_STATUS, ISSUER_TITLES } from './http/codes.js';
import { sendOAuthError } from './http/oauth-errors.js';
import { openApiDocument } from './http/openapi.js';
import { protocolRoutes } from './http/protocol-routes.js';
import { rootPage } from './http/root-page.js';
import { staffRoutes } from './http/staff-routes.js';

/**
 * Builds the issuer's express app from its dependencies; it never listens by itself. `esco` is what
 * the assessor page searches: the whole ESCO in a real start (server.ts), the demo seed otherwise.
 */
export function createApp(deps: IssuerDeps, options: { esco?: Esco } = {}): Express {
  const app = createServiceApp({
    logger: deps.logger,
    openApi: () => openApiDocument(deps.config.publicUrl),
    trustProxyHops: deps.config.trustProxyHops ?? 0,
  });
  // Wallets in browsers call the public protocol endpoints from other origins.
  app.use(
    ['/orgs', '/.well-known', '/offers', '/status', '/contexts', '/vct', '/oid4vp', '/api/intake'],
    openCors({
      allowHeaders: ['Authorization', 'Content-Type'],
      exposeHeaders: ['ETag', 'WWW-Authenticate'],
    }),
  );
  // Per client address: requests to each OpenID4VCI endpoint, and failed authentications.
  const perMinute = deps.config.rateLimitPerMinute ?? 0;
  const clock = () => deps.now().getTime();
  // With instances sharing the storage, they count together; see RateLimiter for an outage.
  const shared = (scope: string) =>
    limiterOptions(`issuer:${scope}`, deps.store.rateCounters?.bind(deps.store), deps.logger);
  const protocolLimiter = new RateLimiter(perMinute, 60_000, clock, shared('protocol'));
  const authFailures = new AuthFailures(
    new RateLimiter(authFailureAllowance(perMinute), 60_000, clock, shared('auth-failures')),
  );
  app.use(protocolRoutes(deps, protocolLimiter));
  app.use(adminRoutes(deps, authFailures));
  // Before staffRoutes: its guard covers all of /api, and the catalogues are public.
  app.use(publicCatalogueRoutes(deps, protocolLimiter));
  app.use(staffCatalogueRoutes(deps, (options.esco ?? demoEsco()).skills, authFailures));
  // Intakes before staffRoutes too: the public intake and the OpenID4VP endpoints take no key.
  app.use(intakeRoutes(deps, options.esco ?? demoEsco(), { limiter: protocolLimiter, authFailures }));
  app.use(staffRoutes(deps, options.esco ?? demoEsco(), authFailures));
  app.use(assessorPage());
  app.use(claimPage(deps));
  app.use(rootPage());
  return finishServiceApp(
    app,
    problemsFor(ISSUER_STATUS, deps.logger, ISSUER_TITLES),
    deps.logger,
    sendOAuthError,
  );
}
