import { DEFAULT_JSON_LIMITS, envelopeOf, MAX_JWS_LENGTH, SkillsPassportError } from '@skills-passport/core';
import { Router } from 'express';
import type { VerifierDeps } from '../deps.js';
import { verifyCredential } from '../domain/verify-credential.js';
import { verifyPresentation } from '../domain/verify-presentation.js';
import { jsonBody, limitRequests, type RateLimiter } from '@skills-passport/service-kit';
import type { RequestHandler } from 'express';
import { summarizeCredential } from '../domain/credential-summary.js';

/** The bodies carry one JWT each, far longer than any ordinary text field. */
const JWT_BODY_LIMITS = {
  ...DEFAULT_JSON_LIMITS,
  maxStringLength: MAX_JWS_LENGTH,
  maxTotalChars: MAX_JWS_LENGTH + 10_000,
};

/**
 * The stateless verify API, for integrations, for the wallet to show a credential's status, and
 * for the public verification page (`/verify`). Anyone may call it: with a limiter, each endpoint
 * takes a bounded number of requests per client address and minute (429 ERR_RATE_LIMITED).
 */
export function verifyRoutes(deps: VerifierDeps, limiter?: RateLimiter): Router {
  const router = Router();
  const limit = (bucket: string): RequestHandler =>
    limiter === undefined ? (_req, _res, next) => next() : limitRequests(limiter, bucket);

  /**
   * POST /api/verify/credential `{credential: <JWT> | <SD-JWT VC> | <Data Integrity credential>,
   * holder?: <DID>}` — 200 with `{verified, outcome, checks[], …, summary}` whatever the verdict
   * (`summary`: title, issuer, name on it, dates and each skill with its level, labels in NL and
   * EN); 400/413/415/422 for a malformed request; 429.
   */
  router.post(
    '/api/verify/credential',
    limit('verify-credential'),
    ...jsonBody('300kb', JWT_BODY_LIMITS),
    async (req, res) => {
      const body = req.body as Record<string, unknown>;
      const envelope = envelopeOf(body.credential);
      if (envelope === undefined)
        throw new SkillsPassportError('ERR_VALIDATION', 'Send the credential as "credential".', {
          issues: [
            {
              pointer: '/credential',
              rule: 'type',
              message:
                'A compact JWT string (jwt_vc_json), an SD-JWT VC string (dc+sd-jwt), or a JSON object with a Data Integrity proof (ldp_vc).',
            },
          ],
        });
      if (body.holder !== undefined && typeof body.holder !== 'string')
        throw new SkillsPassportError('ERR_VALIDATION', '"holder" is a DID.');
      const result = await verifyCredential(
        envelope,
        deps.verification,
        typeof body.holder === 'string' ? { holder: body.holder } : {},
      );
      res.json({ ...result, summary: summarizeCredential(result, deps.taxonomy) });
    },
  );

  /**
   * POST /api/verify/presentation `{presentation: <VP JWT>, nonce, audience}` — 200 with the full
   * report whatever the verdict; 400/413/415/422 for a malformed request.
   */
  router.post(
    '/api/verify/presentation',
    limit('verify-presentation'),
    ...jsonBody('1536kb', JWT_BODY_LIMITS),
    async (req, res) => {
      const body = req.body as Record<string, unknown>;
      // A VP JWT (a string) or an ldp_vp (a JSON object).
      const presentationOk =
        (typeof body.presentation === 'string' && body.presentation.length > 0) ||
        (typeof body.presentation === 'object' &&
          body.presentation !== null &&
          !Array.isArray(body.presentation));
      const issues = (['presentation', 'nonce', 'audience'] as const)
        .filter((key) =>
          key === 'presentation' ? !presentationOk : typeof body[key] !== 'string' || body[key].length === 0,
        )
        .map((key) => ({ pointer: `/${key}`, rule: 'type', message: `"${key}" is a non-empty string.` }));
      if (issues.length > 0)
        throw new SkillsPassportError('ERR_VALIDATION', 'Send presentation, nonce and audience.', { issues });
      res.json(
        await verifyPresentation(
          body.presentation,
          { nonce: body.nonce as string, audience: body.audience as string },
          deps.verification,
        ),
      );
    },
  );

  return router;
}
