import { existsSync } from 'node:fs';
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

/** The files the page consists of; nothing else in the folder (sources, tests) is served. */
const ASSETS: Readonly<Record<string, string>> = {
  '': 'index.html',
  'index.html': 'index.html',
  'app.js': 'app.js',
  'content.js': 'content.js',
  'i18n.js': 'i18n.js',
  'styles.css': 'styles.css',
};

/**
 * Where the page's static files are. From the sources (tests, tsx) they sit beside this module.
 * From `dist/` they do not, because tsc copies no .html/.js/.css: the compiled module then serves
 * them from `src/assessor-page/`, which ships with the package.
 */
export function assessorPageDir(): string {
  const here = fileURLToPath(new URL('./', import.meta.url));
  if (existsSync(`${here}index.html`)) return here;
  return fileURLToPath(new URL('../../src/assessor-page/', import.meta.url));
}

/**
 * The assessor page: GET /assessor/ and its assets, under a strict CSP of their own. A page, not
 * part of the API: mounted as middleware, so it stays out of the OpenAPI route list.
 * - GET /assessor -> 308 to /assessor/ (relative asset URLs need the slash)
 * - GET /assessor/ | /assessor/<asset> -> 200; anything else falls through to the app's 404
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
    const file = ASSETS[path.slice('/assessor/'.length)];
    if (file === undefined) {
      next();
      return;
    }
    res.set('Content-Security-Policy', ASSESSOR_PAGE_CSP);
    res.set('Cache-Control', 'no-cache');
    res.sendFile(file, { root, dotfiles: 'deny' }, (error) => {
      if (error !== undefined && !res.headersSent) next(error);
    });
  };
  router.use('/assessor', serve);
  return router;
}
