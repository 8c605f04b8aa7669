import { SkillsPassportError } from '@skills-passport/core';
import { jsonBody, limitRequests, type AuthFailures, type RateLimiter } from '@skills-passport/service-kit';
import { Router, type RequestHandler } from 'express';
import QRCode from 'qrcode';
import { requestContext, type VerifierDeps } from '../deps.js';
import {
  publishVacancy,
  requestFromVacancy,
  vacanciesOf,
  vacancyLinks,
  viewVacancy,
  withdrawVacancy,
  type VacancyContext,
} from '../domain/vacancies.js';
import type { Employer } from '../ports.js';
import { requireEmployer } from './auth.js';
import { vacancyPage } from './vacancy-page.js';

/** A vacancy id as we make them: 128 random bits in base64url. */
const VACANCY_ID = /^[A-Za-z0-9_-]{22}$/;

export function vacancyContext(deps: VerifierDeps): VacancyContext {
  return {
    store: deps.store,
    employers: deps.store,
    taxonomy: deps.taxonomy,
    publicUrl: deps.config.publicUrl,
    requests: requestContext(deps),
    now: () => deps.verification.now(),
  };
}

/**
 * Published vacancies: an employer publishes a request's skills query as a public link (employer
 * API key) and withdraws it; anyone reads it and asks for a fresh request made from it (CORS open,
 * no cookies; with a limiter, a bounded number per client address and minute: 429 ERR_RATE_LIMITED).
 */
export function vacancyRoutes(
  deps: VerifierDeps,
  options: { limiter?: RateLimiter; authFailures?: AuthFailures } = {},
): Router {
  const router = Router();
  const ctx = vacancyContext(deps);
  const { limiter, authFailures } = options;
  const limit = (bucket: string): RequestHandler =>
    limiter === undefined ? (_req, _res, next) => next() : limitRequests(limiter, bucket);
  const employer = requireEmployer(deps, authFailures);
  const idOf = (raw: unknown): string => {
    const id = typeof raw === 'string' ? raw : '';
    // An id we could never have made is unknown without asking the store.
    if (!VACANCY_ID.test(id))
      throw new SkillsPassportError('ERR_VACANCY_UNKNOWN', 'There is no vacancy at this link.');
    return id;
  };

  /**
   * POST /api/vacancies (employer key) — a request's body (title, skills, acceptedTypes,
   * acceptedIssuers, askForName, expiresInSeconds for each request made from it) plus `purpose` and
   * `expiresInDays` (1–365, default 30). 201 the public vacancy with `url` (its JSON) and `page`.
   * 401, 415, 422 ERR_VALIDATION / ERR_UNKNOWN_SKILL.
   */
  router.post('/api/vacancies', employer, ...jsonBody('64kb'), async (req, res) => {
    const published = await publishVacancy(
      req.body as Record<string, unknown>,
      (res.locals.employer as Employer).id,
      ctx,
    );
    res.status(201).location(published.url).json(published);
  });

  /** GET /api/vacancies (employer key) — this employer's vacancies, newest first, with `status` (200; 401). */
  router.get('/api/vacancies', employer, async (_req, res) => {
    res
      .set('Cache-Control', 'no-store')
      .json({ vacancies: await vacanciesOf((res.locals.employer as Employer).id, ctx) });
  });

  /**
   * DELETE /api/vacancies/:id (employer key) — 204 withdrawn. 401; 404 ERR_VACANCY_UNKNOWN (unknown,
   * or another employer's); 410 ERR_VACANCY_WITHDRAWN (withdrawn already).
   */
  router.delete('/api/vacancies/:id', employer, async (req, res) => {
    await withdrawVacancy(idOf(req.params.id), (res.locals.employer as Employer).id, ctx);
    res.status(204).end();
  });

  /**
   * GET /api/vacancies/:id — public: 200 `{id, title, purpose, employer: {name}, skills[],
   * publishedAt, expiresAt}` (no nonce, no request; cached for a minute). 404 ERR_VACANCY_UNKNOWN;
   * 410 ERR_VACANCY_WITHDRAWN (withdrawn or expired); 429.
   */
  router.get('/api/vacancies/:id', limit('vacancy'), async (req, res) => {
    const vacancy = await viewVacancy(idOf(req.params.id), ctx);
    res.set('Cache-Control', 'public, max-age=60').json(vacancy);
  });

  /** GET /api/vacancies/:id/qr.svg — the QR code of the vacancy's page (200 image/svg+xml; 404). */
  router.get('/api/vacancies/:id/qr.svg', limit('vacancy'), async (req, res) => {
    const id = idOf(req.params.id);
    if ((await deps.store.vacancy(id)) === undefined)
      throw new SkillsPassportError('ERR_VACANCY_UNKNOWN', 'There is no vacancy at this link.');
    const svg = await QRCode.toString(vacancyLinks(id, deps.config.publicUrl).page, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
    });
    res.set('Cache-Control', 'public, max-age=3600').type('image/svg+xml').send(svg);
  });

  /**
   * POST /api/vacancies/:id/requests — public, no body: 201 `{requestLink, requestId, expiresAt}`, a
   * fresh OpenID4VP request for the vacancy's skills, owned by its employer. 404 ERR_VACANCY_UNKNOWN;
   * 410 ERR_VACANCY_WITHDRAWN; 429.
   */
  router.post('/api/vacancies/:id/requests', limit('vacancy-request'), async (req, res) => {
    const made = await requestFromVacancy(idOf(req.params.id), ctx);
    res.status(201).set('Cache-Control', 'no-store').json(made);
  });

  /**
   * GET /vacancies/:id — the vacancy's public page (text/html, NL or EN by `?lang=` or
   * Accept-Language). 200, or a page saying why with 404 / 410.
   */
  router.get('/vacancies/:id', limit('vacancy-page'), async (req, res) => {
    await vacancyPage(req, res, ctx, deps.config.walletUrl);
  });

  return router;
}
