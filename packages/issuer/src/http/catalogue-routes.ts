import { createHash } from 'node:crypto';
import {
  jsonBody,
  limitRequests,
  openCors,
  type AuthFailures,
  type RateLimiter,
} from '@skills-passport/service-kit';
import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { SkillLookup } from '../domain/catalogue-module.js';
import {
  addModule,
  changeModule,
  getCataloguePage,
  getOwnModule,
  getPublishedModule,
  listCatalogues,
  listOwnModules,
  parsePaging,
  setModuleStatus,
  versionFromIfMatch,
  type StaffModuleView,
} from '../domain/catalogue.js';
import type { IssuerDeps } from '../domain/deps.js';
import { actorOf, principalOf, requireStaff } from './auth.js';

/** Wallets may reuse a catalogue this long, then revalidate it by its ETag. */
const PUBLIC_MAX_AGE = 300;

/** True when `If-None-Match` names `etag` (one of a list, or `*`). */
function matches(req: Request, etag: string): boolean {
  const header = req.get('if-none-match');
  if (header === undefined) return false;
  return header
    .split(',')
    .map((tag) => tag.trim())
    .some((tag) => tag === '*' || tag === etag || tag === `W/${etag}`);
}

/** Answers a public GET with a strong ETag, or 304 when the client holds that version. */
function sendCached(req: Request, res: Response, body: unknown, etag?: string): void {
  const json = JSON.stringify(body);
  const tag = etag ?? `"${createHash('sha256').update(json).digest('base64url').slice(0, 32)}"`;
  res.set('ETag', tag).set('Cache-Control', `public, max-age=${PUBLIC_MAX_AGE}`);
  if (matches(req, tag)) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(json);
}

/**
 * The public catalogues of training providers (CORS *, rate-limited per client, ETag and 304,
 * `Cache-Control: public, max-age=300`):
 * - GET /api/catalogues -> 200 {catalogues: [{provider: {id, name, url?}, url, modules}]}: providers with published modules
 * - GET /api/catalogues/:slug?page=1&perPage=50 -> 200 {provider, page, perPage, total, next?, modules: [Achievement]}
 *   | 404 ERR_NOT_FOUND (unknown or not a training provider), 422 ERR_VALIDATION (paging), 429 ERR_RATE_LIMITED
 * - GET /api/catalogues/:slug/modules/:moduleId -> 200 Achievement | 404 ERR_NOT_FOUND (unknown or withdrawn)
 * Mounted before the staff routes, whose guard covers the rest of /api.
 */
export function publicCatalogueRoutes(deps: IssuerDeps, limiter?: RateLimiter): Router {
  const router = Router();
  const limit: RequestHandler =
    limiter === undefined ? (_req, _res, next) => next() : limitRequests(limiter, 'catalogue');
  router.use(
    '/api/catalogues',
    openCors({ allowHeaders: ['If-None-Match'], exposeHeaders: ['ETag'], allowMethods: ['GET'] }),
    limit,
  );

  router.get('/api/catalogues', async (req, res) => {
    sendCached(req, res, await listCatalogues(deps));
  });

  router.get('/api/catalogues/:slug', async (req, res) => {
    const paging = parsePaging({ page: req.query.page, perPage: req.query.perPage });
    sendCached(req, res, await getCataloguePage(deps, String(req.params.slug), paging));
  });

  router.get('/api/catalogues/:slug/modules/:moduleId', async (req, res) => {
    const { module, version } = await getPublishedModule(
      deps,
      String(req.params.slug),
      String(req.params.moduleId),
    );
    // The version alone changes with the content; the URL (the module's id) says which module.
    sendCached(req, res, module, `"v${version}"`);
  });

  return router;
}

/**
 * A training provider's staff keep its catalogue (Bearer = API key; other kinds of organisation
 * 403 ERR_FORBIDDEN):
 * - GET /api/catalogue?page&perPage -> 200 {page, perPage, total, items: [{moduleId, status, createdAt, updatedAt, version, module}]} (withdrawn included)
 * - GET /api/catalogue/modules/:id -> 200 item | 404
 * - POST /api/catalogue/modules {module input} -> 201 item (published) | 403, 413, 415, 422 ERR_VALIDATION
 * - PUT /api/catalogue/modules/:id {module input} -> 200 item | 404, 422 ERR_VALIDATION
 * - DELETE /api/catalogue/modules/:id -> 200 item (withdrawn: gone from the public catalogue) | 404
 * - POST /api/catalogue/modules/:id/publish -> 200 item (published again) | 404
 * Each module answer has ETag "v<version>"; PUT, DELETE and publish with If-Match: "v<version>"
 * change nothing once the module is at another version: 412 ERR_PRECONDITION_FAILED.
 * With `skills`, every ESCO skill of a module must exist in it (rule `unknown_skill`).
 */
export function staffCatalogueRoutes(
  deps: IssuerDeps,
  skills?: SkillLookup,
  failures?: AuthFailures,
): Router {
  const router = Router();
  router.use('/api/catalogue', requireStaff(deps, failures));
  // Each module answer carries its version as ETag; If-Match with it makes a change safe from
  // overwriting someone else's in between (412 ERR_PRECONDITION_FAILED).
  const send = (res: Response, view: StaffModuleView, status = 200): void => {
    res.set('Cache-Control', 'no-store').set('ETag', `"v${view.version}"`).status(status).json(view);
  };

  router.get('/api/catalogue', async (req, res) => {
    const paging = parsePaging({ page: req.query.page, perPage: req.query.perPage });
    res.set('Cache-Control', 'no-store').json(await listOwnModules(deps, principalOf(res).org, paging));
  });

  router.get('/api/catalogue/modules/:id', async (req, res) => {
    send(res, await getOwnModule(deps, principalOf(res).org, String(req.params.id)));
  });

  router.post('/api/catalogue/modules', ...jsonBody('64kb'), async (req, res) => {
    const view = await addModule(deps, principalOf(res).org, req.body, actorOf(res), {
      ...(skills === undefined ? {} : { skills }),
    });
    res.location(view.module.id);
    send(res, view, 201);
  });

  router.put('/api/catalogue/modules/:id', ...jsonBody('64kb'), async (req, res) => {
    const ifVersion = versionFromIfMatch(req.get('if-match'));
    const view = await changeModule(
      deps,
      principalOf(res).org,
      String(req.params.id),
      req.body,
      actorOf(res),
      {
        ...(skills === undefined ? {} : { skills }),
        ...(ifVersion === undefined ? {} : { ifVersion }),
      },
    );
    send(res, view);
  });

  for (const [method, path, status] of [
    ['delete', '/api/catalogue/modules/:id', 'withdrawn'],
    ['post', '/api/catalogue/modules/:id/publish', 'published'],
  ] as const) {
    router[method](path, async (req, res) => {
      const ifVersion = versionFromIfMatch(req.get('if-match'));
      const org = principalOf(res).org;
      send(res, await setModuleStatus(deps, org, String(req.params.id), status, actorOf(res), ifVersion));
    });
  }

  return router;
}
