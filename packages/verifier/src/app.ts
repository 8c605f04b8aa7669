import { fileURLToPath } from 'node:url';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { VerifierDeps } from './deps.js';
import { adminRoutes } from './http/admin-routes.js';
import { employerRoutes } from './http/employer-routes.js';
import { openApiDocument } from './http/openapi.js';
import { errorHandler, sendProblem } from './http/problem.js';
import { protocolRoutes } from './http/protocol-routes.js';
import { verifyRoutes } from './http/verify-routes.js';
import { requestLogger } from './logger.js';

export type { VerifierDeps } from './deps.js';
export type { VerifierConfig } from './config.js';
export { loadConfig } from './config.js';
export { openVerifier } from './runtime.js';
export { seedDemo } from './demo.js';
export type { DemoSeed } from './demo.js';
export { createLogger } from './logger.js';

/** The employer page: plain HTML, CSS and JS modules, no build step. */
const PUBLIC_DIR = fileURLToPath(new URL('../public', import.meta.url));

/** Wallets in browsers fetch request objects and post responses from other origins; no cookies are used. */
const walletCors: RequestHandler = (req, res, next) => {
  res.set('Access-Control-Allow-Origin', '*');
  res.set('Access-Control-Allow-Headers', 'Content-Type');
  res.set('Access-Control-Allow-Methods', 'GET, POST');
  if (req.method === 'OPTIONS') {
    res.status(204).end();
    return;
  }
  next();
};

/** Builds the verifier's express app from its dependencies; it never listens by itself. */
export function createApp(deps: VerifierDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLogger(deps.logger));
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'none'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'"],
          connectSrc: ["'self'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      crossOriginResourcePolicy: { policy: 'cross-origin' },
    }),
  );

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument(deps.config.publicUrl, deps.identity.didDocumentPath));
  });
  app.get('/', (_req, res) => {
    res.redirect(302, '/employer/');
  });
  app.use(
    '/employer',
    express.static(PUBLIC_DIR, { index: 'index.html', dotfiles: 'ignore', fallthrough: true }),
  );
  app.use(['/oid4vp', '/.well-known', '/api/verify'], walletCors);
  app.use(protocolRoutes(deps));
  app.use(verifyRoutes(deps));
  app.use(employerRoutes(deps));
  app.use(adminRoutes(deps));

  app.use((_req, res) => sendProblem(res, 'ERR_NOT_FOUND', 'There is nothing at this address.'));
  app.use(errorHandler(deps.logger));
  return app;
}
