import { DEFAULT_JSON_LIMITS, SkillsPassportError } from '@skills-passport/core';
import {
  bearerToken,
  jsonBody,
  limitRequests,
  type AuthFailures,
  type Problems,
  type RateLimiter,
} from '@skills-passport/service-kit';
import { Router, type RequestHandler, type Response } from 'express';
import { join } from 'node:path';
import type { VerifierDeps } from '../deps.js';
import {
  publicationState,
  publishCredentials,
  viewPublication,
  withdrawPublication,
  type PublicationContext,
} from '../domain/publications.js';

/** Up to 20 credentials, each a JWT or a Data Integrity document of a few tens of KB. */
const PUBLICATION_BODY_LIMITS = {
  ...DEFAULT_JSON_LIMITS,
  maxStringLength: 300_000,
  maxTotalChars: 2_100_000,
};

/** A publication id as we make them: 128 random bits in base64url. */
const PUBLICATION_ID = /^[A-Za-z0-9_-]{22}$/;

/** Nothing of a publication is cached, sent on as a referrer, or indexed. */
function privateHeaders(res: Response): void {
  res.set({
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Robots-Tag': 'noindex',
  });
}

export function publicationContext(deps: VerifierDeps): PublicationContext {
  return {
    store: deps.store,
    verification: deps.verification,
    taxonomy: deps.taxonomy,
    publicUrl: deps.config.publicUrl,
  };
}

/**
 * Publications (no account; CORS open, no cookies): a learner publishes credentials behind a link
 * anyone can open, and withdraws it with the token it got. With a limiter, publishing and viewing
 * take a bounded number of requests per client address and minute (429 ERR_RATE_LIMITED); wrong
 * withdraw tokens count as failed authentications.
 */
export function publicationRoutes(
  deps: VerifierDeps,
  options: { pageDir: string; problems: Problems; limiter?: RateLimiter; authFailures?: AuthFailures },
): Router {
  const router = Router();
  const ctx = publicationContext(deps);
  const { limiter, authFailures, problems } = options;
  const limit = (bucket: string): RequestHandler =>
    limiter === undefined ? (_req, _res, next) => next() : limitRequests(limiter, bucket);
  const idOf = (raw: unknown): string => {
    const id = typeof raw === 'string' ? raw : '';
    // An id we could never have made is unknown without asking the store.
    if (!PUBLICATION_ID.test(id))
      throw new SkillsPassportError('ERR_PUBLICATION_UNKNOWN', 'There is no publication at this link.');
    return id;
  };

  /**
   * POST /api/publications `{credentials: [<credential as issued>, …], expiresInDays?}` — 201
   * `{id, url, withdrawToken, createdAt, expiresAt}`. 422 ERR_PUBLICATION_INVALID (a credential does
   * not verify; `errors[]` names each by `/credentials/<i>`, its failing check id as `rule`), 422
   * ERR_VALIDATION, 400/413/415, 429.
   */
  router.post(
    '/api/publications',
    limit('publish'),
    ...jsonBody('2mb', PUBLICATION_BODY_LIMITS),
    async (req, res) => {
      const published = await publishCredentials(req.body as Record<string, unknown>, ctx);
      privateHeaders(res);
      res.status(201).location(published.url).json(published);
    },
  );

  /**
   * GET /api/publications/:id — 200 `{id, publishedAt, expiresAt, verifiedAt, credentials[]}`, each
   * credential verified now. 404 ERR_PUBLICATION_UNKNOWN; 410 ERR_PUBLICATION_WITHDRAWN (withdrawn
   * or expired); 429.
   */
  router.get('/api/publications/:id', limit('publication'), async (req, res) => {
    privateHeaders(res);
    res.json(await viewPublication(idOf(req.params.id), ctx));
  });

  /**
   * DELETE /api/publications/:id with `Authorization: Bearer <withdrawToken>` — 204; the
   * credentials are deleted. 401 ERR_UNAUTHENTICATED (no token), 403 ERR_FORBIDDEN (another token),
   * 404 ERR_PUBLICATION_UNKNOWN, 410 ERR_PUBLICATION_WITHDRAWN (a second DELETE, or expired), 429.
   */
  router.delete('/api/publications/:id', async (req, res) => {
    privateHeaders(res);
    if ((await authFailures?.exhausted(req, res)) === true)
      throw new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.');
    const token = bearerToken(req);
    if (token === undefined)
      throw new SkillsPassportError('ERR_UNAUTHENTICATED', 'Send the withdraw token as a Bearer token.');
    try {
      await withdrawPublication(idOf(req.params.id), token, ctx);
    } catch (error) {
      if (error instanceof SkillsPassportError && error.code === 'ERR_FORBIDDEN')
        await authFailures?.record(req);
      throw error;
    }
    res.status(204).end();
  });

  /**
   * GET /p/:id — the public page of a publication (text/html; the page reads
   * `/api/publications/:id`). 200, or the same page with 404 / 410 when there is nothing to show.
   */
  router.get('/p/:id', limit('publication-page'), async (req, res) => {
    privateHeaders(res);
    const id = typeof req.params.id === 'string' ? req.params.id : '';
    const state = PUBLICATION_ID.test(id) ? await publicationState(id, ctx) : 'ERR_PUBLICATION_UNKNOWN';
    const status = state === 'published' ? 200 : (problems.statusOf(state) ?? 404);
    res.status(status).sendFile(join(options.pageDir, 'verify.html'));
  });

  return router;
}
