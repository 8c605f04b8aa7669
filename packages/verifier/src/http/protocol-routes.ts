import { isSkillsPassportError } from '@skills-passport/core';
import {
  formBody,
  limitRequests,
  logStorageFault,
  type Logger,
  type Problems,
  type RateLimiter,
} from '@skills-passport/service-kit';
import { Router, type RequestHandler } from 'express';
import type { VerifierDeps } from '../deps.js';
import { requestContext } from '../deps.js';
import { checkLabels, failedChecks, type DirectPostOutcome } from '../domain/direct-post.js';
import { receiveResponse, requestObject, type ResponseOutcome } from '../domain/skills-requests.js';

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
   * request open), 400 ERR_UNSUPPORTED_MEDIA_TYPE when not a form; 503 `{error:
   * "temporarily_unavailable", code: "ERR_STORAGE_UNAVAILABLE"}` when it cannot be stored.
   */
  router.post(
    '/oid4vp/responses/:id',
    limit('response'),
    formBody('1536kb', 10),
    directPostHandler<ResponseOutcome>({
      logger: deps.logger,
      receive: (id, form) => receiveResponse(id, form, ctx),
      accepted: () => ({
        redirect_uri: `${deps.config.publicUrl.href.replace(/\/$/, '')}/employer/received.html`,
      }),
      refusedChecks: (outcome) => checkLabels(failedChecks(outcome.report?.presentations ?? [])),
      unavailable: 'The verifier cannot store answers right now; send your answer again in a moment.',
      logAs: { walletError: 'wallet sent an error response', refused: 'presentation refused' },
    }),
  );

  return router;
}

/** How a Response URI answers a `direct_post`, around what its receiver does with the answer. */
export interface DirectPostHandling<Outcome extends DirectPostOutcome> {
  logger: Logger;
  /** Receives the answer to request `id`; throws `ERR_STORAGE_UNAVAILABLE` only when nothing was kept. */
  receive(id: string, form: Record<string, unknown>): Promise<Outcome>;
  /** The JSON the wallet gets for an accepted answer (200). */
  accepted(outcome: Extract<Outcome, { kind: 'accepted' }>): Record<string, unknown>;
  /** The failing checks of a refusal, as `checkLabels` names them, for the log. */
  refusedChecks(outcome: Extract<Outcome, { kind: 'refused' }>): string[];
  /** What the wallet is told when the answer cannot be kept (503). */
  unavailable: string;
  /** The log messages of a wallet's error response and of a refusal. */
  logAs: { walletError: string; refused: string };
}

/**
 * The handler of a Response URI (OpenID4VP 1.0, 8.2), after `formBody`: 200 with `accepted`'s JSON
 * when accepted; 200 `{}` when the wallet's error response was processed; 400 `{error,
 * error_description, code}` when refused or not a form (ERR_UNSUPPORTED_MEDIA_TYPE); 503 `{error:
 * "temporarily_unavailable", code: "ERR_STORAGE_UNAVAILABLE"}` when the answer cannot be kept.
 */
export function directPostHandler<Outcome extends DirectPostOutcome>(
  handling: DirectPostHandling<Outcome>,
): RequestHandler {
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!req.is('application/x-www-form-urlencoded')) {
      res.status(400).json({
        error: 'invalid_request',
        error_description: 'Send the response as application/x-www-form-urlencoded.',
        code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
      });
      return;
    }
    let outcome: Outcome;
    try {
      outcome = await handling.receive(req.params.id as string, formOf(req.body));
    } catch (error) {
      if (!isSkillsPassportError(error, 'ERR_STORAGE_UNAVAILABLE')) throw error;
      // Nothing was kept and the request is still open: the wallet may send the same answer again.
      logStorageFault(handling.logger, error.cause, req);
      res.status(503).json({
        error: 'temporarily_unavailable',
        error_description: handling.unavailable,
        code: 'ERR_STORAGE_UNAVAILABLE',
      });
      return;
    }
    if (outcome.kind === 'accepted') {
      res.status(200).json(handling.accepted(outcome as Extract<Outcome, { kind: 'accepted' }>));
      return;
    }
    if (outcome.kind === 'wallet_error') {
      // OpenID4VP 1.0, 8.2: a processed error response is answered 200 with a JSON object.
      handling.logger.info({ error: outcome.error }, handling.logAs.walletError);
      res.status(200).json({});
      return;
    }
    const refused = outcome as Extract<Outcome, { kind: 'refused' }>;
    // Codes and check ids only: presentations hold personal data and never reach the log.
    handling.logger.info(
      { code: refused.code, requestOpen: refused.requestOpen, checks: handling.refusedChecks(refused) },
      handling.logAs.refused,
    );
    res
      .status(400)
      .json({ error: refused.error, error_description: refused.description, code: refused.code });
  };
}

const formOf = (body: unknown): Record<string, unknown> =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
