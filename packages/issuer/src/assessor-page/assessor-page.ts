import { fileURLToPath } from 'node:url';
import { Router, type RequestHandler } from 'express';

/** The page's own policy: its scripts, styles and API only; QR codes arrive as blob: URLs. */
export const ASSESSOR_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The names Vite gives what it builds: the page and its hashed bundles under assets/. Nothing else
 * is ever served, and only from the build folder, which holds no sources or tests.
 */
const BUILT_FILE = /^(?:index\.html|assets\/[\w-]+\.(?:js|css|svg|png|woff2))$/;

/**
 * Where the built page is: `packages/issuer/assessor-page/dist`, written by `pnpm build:pages` (part
 * of `pnpm build` and `pnpm typecheck`). Resolved from this module's URL, which sits as deep under
 * `src/` as under `dist/`, so it works from the sources (tests) and the compiled service alike, from
 * any working directory.
 */
export function assessorPageDir(): string {
  return fileURLToPath(new URL('../../assessor-page/dist/', import.meta.url));
}

const isNotFound = (error: Error): boolean =>
  (error as { code?: unknown }).code === 'ENOENT' || (error as { status?: unknown }).status === 404;

/**
 * The assessor page: GET /assessor/ and its built assets, under a strict CSP of their own. A page,
 * not part of the API: mounted as middleware, so it stays out of the OpenAPI route list.
 * - GET /assessor -> 308 to /assessor/ (relative asset URLs need the slash)
 * - GET /assessor/ | /assessor/index.html | /assessor/assets/<hashed file> -> 200
 * - 503 (plain text) for the page when it was never built; anything else falls through to the
 *   app's 404
 */
export function assessorPage(root: string = assessorPageDir()): Router {
  const router = Router();
  const serve: RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next();
      return;
    }
    const path = new URL(req.originalUrl, 'http://x').pathname;
    if (path === '/assessor') {
      res.redirect(308, '/assessor/');
      return;
    }
    const file = path.slice('/assessor/'.length) || 'index.html';
    if (!BUILT_FILE.test(file)) {
      next();
      return;
    }
    res.set('Content-Security-Policy', ASSESSOR_PAGE_CSP);
    // Hashed names change with their content; the page itself is checked every time.
    res.set('Cache-Control', file === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable');
    res.sendFile(file, { root, dotfiles: 'deny' }, (error?: Error) => {
      if (error === undefined || res.headersSent) return;
      if (!isNotFound(error)) next(error);
      else if (file !== 'index.html') next();
      else {
        res.removeHeader('Cache-Control');
        res.status(503).type('text/plain').send('The assessor page is not built yet: run `pnpm build`.\n');
      }
    });
  };
  router.use('/assessor', serve);
  return router;
}
