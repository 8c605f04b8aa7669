import { isSkillsPassportError } from '@skills-passport/core';
import {
  formBody,
  limitRequests,
  logStorageFault,
  type Problems,
  type RateLimiter,
} from '@skills-passport/service-kit';
import { Router, type RequestHandler } from 'express';
import type { VerifierDeps } from '../deps.js';
import { requestContext } from '../deps.js';
import { receiveResponse, requestObject } from '../domain/skills-requests.js';

/**
 * The OpenID4VP 1.0 endpoints a wallet calls, and the verifier's DID document. With a limiter, each
 * endpoint takes a bounded number of requests per client address and minute (429 ERR_RATE_LIMITED).
 */
export function protocolRoutes(deps: VerifierDeps, problems: Problems, limiter?: RateLimiter): Router {
  const router = Router();
  const ctx = requestContext(deps);
  const limit = (bucket: string): RequestHandler =>
    limiter === undefined ? (_req, _res, next) => next() : limitRequests(limiter, bucket);

  /** GET /.well-known/did.json — the verifier's did:web document (200). */
  router.get(deps.identity.didDocumentPath, (_req, res) => {
    res.type('application/did+json').send(JSON.stringify(deps.identity.didDocument()));
  });

  /**
   * GET /oid4vp/requests/:id — the signed request object (`application/oauth-authz-req+jwt`, 200).
   * 404 ERR_NOT_FOUND; 410 ERR_REQUEST_EXPIRED / ERR_REQUEST_ALREADY_ANSWERED.
   */
  router.get('/oid4vp/requests/:id', limit('request-object'), async (req, res) => {
    const request = await deps.store.request(req.params.id as string);
    if (request === undefined) return problems.send(res, 'ERR_NOT_FOUND', 'There is no such request.');
    if (request.status !== 'pending')
      return problems.send(res, 'ERR_REQUEST_ALREADY_ANSWERED', 'This request has been answered already.');
    const now = deps.verification.now();
    if (request.expiresAt <= now)
      return problems.send(res, 'ERR_REQUEST_EXPIRED', 'This request has expired.');
    res
      .set('Cache-Control', 'no-store')
      .type('application/oauth-authz-req+jwt')
      .send(await requestObject(request, ctx, now));
  });

  /**
   * POST /oid4vp/responses/:id — `direct_post` (form: `vp_token` and `state`, or the wallet's error
   * response: `error`, `error_description`, `state`). 200 `{redirect_uri}` when accepted; 200 `{}`
   * when the wallet's error response was processed (the request stays open); 400 `{error,
   * error_description, code}` when refused (the wallet shows why; an incomplete answer leaves the
   * request open); 503 `{error: "temporarily_unavailable", code: "ERR_STORAGE_UNAVAILABLE"}` when
   * it cannot be stored.
   */
  router.post('/oid4vp/responses/:id', limit('response'), formBody('1536kb', 10), async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!req.is('application/x-www-form-urlencoded')) {
      res.status(400).json({
        error: 'invalid_request',
        error_description: 'Send the response as application/x-www-form-urlencoded.',
        code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
      });
      return;
    }
    const form = (req.body ?? {}) as Record<string, unknown>;
    let outcome;
    try {
      outcome = await receiveResponse(req.params.id as string, form, ctx);
    } catch (error) {
      if (!isSkillsPassportError(error) || error.code !== 'ERR_STORAGE_UNAVAILABLE') throw error;
      // Nothing was stored and the request is still open: the wallet may send the same answer again.
      logStorageFault(deps.logger, error.cause, req);
      res.status(503).json({
        error: 'temporarily_unavailable',
        error_description: 'The verifier cannot store answers right now; send your answer again in a moment.',
        code: 'ERR_STORAGE_UNAVAILABLE',
      });
      return;
    }
    if (outcome.kind === 'accepted') {
      const base = deps.config.publicUrl.href.replace(/\/$/, '');
      res.status(200).json({ redirect_uri: `${base}/employer/received.html` });
      return;
    }
    if (outcome.kind === 'wallet_error') {
      // OpenID4VP 1.0, 8.2: a processed error response is answered 200 with a JSON object.
      deps.logger.info({ error: outcome.error }, 'wallet sent an error response');
      res.status(200).json({});
      return;
    }
    // Codes and check ids only: presentations hold personal data and never reach the log.
    const failed = (outcome.report?.presentations ?? [])
      .flatMap((p) => [...p.checks, ...p.credentials.flatMap((c) => c.checks)])
      .filter((c) => c.status === 'fail');
    deps.logger.info(
      {
        code: outcome.code,
        requestOpen: outcome.requestOpen,
        checks: failed.map((c) => `${c.id}:${c.code ?? ''}`),
      },
      'presentation refused',
    );
    res
      .status(400)
      .json({ error: outcome.error, error_description: outcome.description, code: outcome.code });
  });

  return router;
}
