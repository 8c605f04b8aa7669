import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AuthFailures,
  authFailureAllowance,
  createServiceApp,
  finishServiceApp,
  openCors,
  PAGE_CSP,
  problemsFor,
  RateLimiter,
  limiterOptions,
  taxonomyRoutes,
} from '@skills-passport/service-kit';
import express, { type Express } from 'express';
import type { VerifierDeps } from './deps.js';
import { adminRoutes } from './http/admin-routes.js';
import { VERIFIER_STATUS, VERIFIER_TITLES } from './http/codes.js';
import { employerRoutes } from './http/employer-routes.js';
import { openApiDocument } from './http/openapi.js';
import { protocolRoutes } from './http/protocol-routes.js';
import { publicationRoutes } from './http/publication-routes.js';
import { rootRoutes } from './http/root-page.js';
import { trustListRoutes } from './http/trust-list-routes.js';
import { VACANCY_STYLE } from './http/vacancy-page.js';
import { vacancyRoutes } from './http/vacancy-routes.js';
import { verifyRoutes } from './http/verify-routes.js';

/** The employer page as Vite builds it (employer-page/, `pnpm build:pages`): only the built files. */
const PUBLIC_DIR = fileURLToPath(new URL('../employer-page/dist', import.meta.url));

/** Builds the verifier's express app from its dependencies; it never listens by itself. */
export function createApp(deps: VerifierDeps): Express {
  // The employer page is served by this app, so the app-wide policy is the pages' policy.
  const app = createServiceApp({
    logger: deps.logger,
    csp: PAGE_CSP,
    openApi: () => openApiDocument(deps.config.publicUrl, deps.identity.didDocumentPath),
    trustProxyHops: deps.config.trustProxyHops ?? 0,
  });
  const problems = problemsFor(VERIFIER_STATUS, deps.logger, VERIFIER_TITLES);
  // Per client address: requests to each OpenID4VP endpoint, and failed authentications.
  const perMinute = deps.config.rateLimitPerMinute;
  const clock = () => deps.verification.now();
  // With instances sharing the storage, they count together; see RateLimiter for an outage.
  const shared = (scope: string) =>
    limiterOptions(`verifier:${scope}`, deps.store.rateCounters?.bind(deps.store), deps.logger);
  const protocolLimiter = new RateLimiter(perMinute, 60_000, clock, shared('protocol'));
  // The public verification page and publications: anyone may call them, without an account.
  const publicLimiter = new RateLimiter(perMinute, 60_000, clock, shared('public'));
  const authFailures = new AuthFailures(
    new RateLimiter(authFailureAllowance(perMinute), 60_000, clock, shared('auth-failures')),
  );

  app.use(rootRoutes());
  app.use(
    '/employer',
    express.static(PUBLIC_DIR, { index: 'index.html', dotfiles: 'ignore', fallthrough: true }),
  );
  // The public verification page (the same Vite build; its assets are relative, so the page lives
  // at /verify/ and a publication's at /p/:id, each with the assets beside it).
  // Routing is not strict, so this takes /verify and /verify/ alike: the first is sent on.
  app.get('/verify', (req, res) => {
    if (req.path.endsWith('/')) return res.sendFile(join(PUBLIC_DIR, 'verify.html'));
    const query = req.originalUrl.indexOf('?');
    res.redirect(301, `/verify/${query < 0 ? '' : req.originalUrl.slice(query)}`);
  });
  for (const base of ['/verify/assets', '/p/assets'])
    app.use(base, express.static(join(PUBLIC_DIR, 'assets'), { dotfiles: 'ignore', fallthrough: true }));
  // Wallets in browsers fetch request objects and post responses from other origins; no cookies are used.
  app.use(['/oid4vp', '/.well-known', '/api/verify'], openCors({ allowHeaders: ['Content-Type'] }));
  app.use(
    '/api/publications',
    openCors({ allowHeaders: ['Content-Type', 'Authorization'], allowMethods: ['GET', 'POST', 'DELETE'] }),
  );
  // Wallets in browsers read published vacancies and ask for a request made from one.
  app.use('/api/vacancies', openCors({ allowHeaders: ['Content-Type'], allowMethods: ['GET', 'POST'] }));
  app.get('/vacancy.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('css').send(VACANCY_STYLE);
  });
  app.use(protocolRoutes(deps, problems, protocolLimiter));
  app.use(verifyRoutes(deps, publicLimiter));
  app.use(publicationRoutes(deps, { pageDir: PUBLIC_DIR, problems, limiter: publicLimiter, authFailures }));
  app.use(vacancyRoutes(deps, { limiter: publicLimiter, authFailures }));
  // Wallets read which issuers are recognised and the catalogues and intakes they offer.
  app.use(trustListRoutes(deps, { limiter: publicLimiter }));
  app.use(taxonomyRoutes({ skills: deps.taxonomy, occupations: deps.occupations }));
  app.use(employerRoutes(deps, authFailures));
  app.use(adminRoutes(deps, authFailures));
  return finishServiceApp(app, problems, deps.logger);
}
