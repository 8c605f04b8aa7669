import { SkillsPassportError, type Esco } from '@skills-passport/core';
import {
  formBody,
  jsonBody,
  limitRequests,
  type AuthFailures,
  type RateLimiter,
} from '@skills-passport/service-kit';
import { directPostHandler } from '@skills-passport/verifier';
import { Router, type RequestHandler } from 'express';
import type { IssuerDeps } from '../domain/deps.js';
import { receiveIntakeAnswer, type IntakeAnswerOutcome } from '../domain/intake-answers.js';
import {
  intakeOpenness,
  intakeRequestObject,
  requestPublicIntake,
  requestStaffIntake,
  type IntakeContext,
} from '../domain/intake-requests.js';
import { listStandards, publicIntake, putStandard } from '../domain/intake-standards.js';
import { intakeVerification } from '../domain/intake-verification.js';
import { getIntake, intakeGap, listIntakes } from '../domain/intake-views.js';
import { actorOf, principalOf, requireStaff } from './auth.js';

const objectBody = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};

/**
 * Intakes: a learner's credentials received over OpenID4VP 1.0 by an EVC provider (an EVC intake
 * for one of its standards) or a learn-work desk (advice).
 *
 * Public (CORS open; with a limiter, a bounded number per client address and minute: 429 ERR_RATE_LIMITED):
 * - GET /api/intake/:slug -> 200 {provider, standards} | 404 ERR_NOT_FOUND (no EVC provider)
 * - POST /api/intake/:slug/requests {standard} -> 201 {requestLink, requestId, expiresAt}
 *   | 404 ERR_NOT_FOUND, 422 ERR_STANDARD_UNKNOWN
 * - GET /oid4vp/intakes/:id/request -> the signed request object (application/oauth-authz-req+jwt)
 *   | 404 ERR_NOT_FOUND, 410 ERR_REQUEST_EXPIRED / ERR_REQUEST_ALREADY_ANSWERED
 * - POST /oid4vp/intakes/:id/response (form: vp_token + state, or error + state) -> 200 {} when
 *   kept or when the wallet's error response was processed (the intake stays open); 400 {error,
 *   error_description, code} when refused; 503 {error: temporarily_unavailable} when it cannot be kept
 *
 * Staff (Bearer API key; EVC providers and learn-work desks, others 403 ERR_FORBIDDEN):
 * - POST /api/intakes {purpose, standard?, purposeText?} -> 201 {id, requestLink, expiresAt}
 *   | 422 ERR_VALIDATION / ERR_STANDARD_UNKNOWN
 * - GET /api/intakes -> 200 {items} ; GET /api/intakes/:id -> 200 | 404
 * - GET /api/intakes/:id/gap?occupation= -> 200 {occupation, gap} | 404, 422 ERR_VALIDATION
 * - GET /api/intake-standards -> 200 {items} ; PUT /api/intake-standards/:id {name, identifier?,
 *   occupation?, skills?} -> 200 the standard | 403 (not an EVC provider), 422 ERR_VALIDATION
 */
export function intakeRoutes(
  deps: IssuerDeps,
  esco: Esco,
  options: { limiter?: RateLimiter; authFailures?: AuthFailures } = {},
): Router {
  const router = Router();
  const ctx: IntakeContext = { deps, esco, verifier: intakeVerification(deps) };
  const limit = (bucket: string): RequestHandler =>
    options.limiter === undefined ? (_req, _res, next) => next() : limitRequests(options.limiter, bucket);

  router.get('/api/intake/:slug', limit('intake'), async (req, res) => {
    res.set('Cache-Control', 'no-cache').json(await publicIntake(deps, req.params.slug as string, esco));
  });

  router.post('/api/intake/:slug/requests', limit('intake-request'), ...jsonBody('4kb'), async (req, res) => {
    const created = await requestPublicIntake(ctx, req.params.slug as string, objectBody(req.body), req.ip);
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ requestLink: created.requestLink, requestId: created.id, expiresAt: created.expiresAt });
  });

  router.get('/oid4vp/intakes/:id/request', limit('intake-request-object'), async (req, res) => {
    const intake = await deps.store.intakes.find(req.params.id as string);
    if (intake === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such request.');
    const openness = intakeOpenness(intake, deps.now().getTime());
    if (openness === 'ERR_REQUEST_ALREADY_ANSWERED')
      throw new SkillsPassportError(openness, 'This request has been answered already.');
    if (openness === 'ERR_REQUEST_EXPIRED')
      throw new SkillsPassportError(openness, 'This request has expired.');
    const org = await deps.store.organisations.find(intake.orgSlug);
    if (org === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'There is no such request.');
    res
      .set('Cache-Control', 'no-store')
      .type('application/oauth-authz-req+jwt')
      .send(await intakeRequestObject(ctx, intake, org));
  });

  router.post(
    '/oid4vp/intakes/:id/response',
    limit('intake-response'),
    formBody('1536kb', 10),
    directPostHandler<IntakeAnswerOutcome>({
      logger: deps.logger,
      receive: (id, form) => receiveIntakeAnswer(ctx, id, form),
      accepted: (outcome) => {
        deps.logger.info({ credentials: outcome.credentials }, 'intake received');
        return {};
      },
      refusedChecks: (outcome) => outcome.checks ?? [],
      unavailable: 'The answer cannot be kept right now; send it again in a moment.',
      logAs: { walletError: 'wallet sent an error response to an intake', refused: 'intake answer refused' },
    }),
  );

  const staff = requireStaff(deps, options.authFailures);
  router.use(['/api/intakes', '/api/intake-standards'], staff);

  router.post('/api/intakes', ...jsonBody('8kb'), async (req, res) => {
    const created = await requestStaffIntake(ctx, principalOf(res).org, objectBody(req.body), actorOf(res));
    res.status(201).set('Cache-Control', 'no-store').json(created);
  });

  router.get('/api/intakes', async (_req, res) => {
    res.set('Cache-Control', 'no-store').json(await listIntakes(ctx, principalOf(res).org));
  });

  router.get('/api/intakes/:id', async (req, res) => {
    res.set('Cache-Control', 'no-store').json(await getIntake(ctx, principalOf(res).org, req.params.id));
  });

  router.get('/api/intakes/:id/gap', async (req, res) => {
    const occupation = typeof req.query.occupation === 'string' ? req.query.occupation : undefined;
    res
      .set('Cache-Control', 'no-store')
      .json(await intakeGap(ctx, principalOf(res).org, req.params.id, occupation));
  });

  router.get('/api/intake-standards', async (_req, res) => {
    res.json({ items: await listStandards(deps, principalOf(res).org, esco) });
  });

  router.put('/api/intake-standards/:id', ...jsonBody('64kb'), async (req, res) => {
    res.json(
      await putStandard(
        deps,
        principalOf(res).org,
        req.params.id as string,
        objectBody(req.body),
        esco,
        actorOf(res),
      ),
    );
  });

  return router;
}
