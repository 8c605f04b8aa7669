import { createHash } from 'node:crypto';
import { limitRequests, openCors, type RateLimiter } from '@skills-passport/service-kit';
import { Router, type RequestHandler } from 'express';
import type { VerifierDeps } from '../deps.js';
import type { TrustedIssuer } from '../domain/trusted-issuers.js';

/** How long a wallet may reuse the trust list before asking again (it revalidates by ETag). */
const MAX_AGE_SECONDS = 300;

/** The trust list as published: every trusted issuer with the services it offers. */
export interface PublishedTrustList {
  issuers: TrustedIssuer[];
}

/** One entry as published, its members in a fixed order (so the ETag follows the content only). */
function published(issuer: TrustedIssuer): TrustedIssuer {
  return {
    did: issuer.did,
    name: issuer.name,
    kind: issuer.kind,
    accreditedTypes: [...issuer.accreditedTypes],
    ...(issuer.catalogue === undefined ? {} : { catalogue: issuer.catalogue }),
    ...(issuer.intake === undefined ? {} : { intake: issuer.intake }),
  };
}

/**
 * Whether an `If-None-Match` header names the current entity tag (RFC 9110, 13.1.2: `*`, or a
 * list compared weakly, so `W/"x"` matches `"x"`).
 */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * The public trust list: which issuers this verifier recognises, for which of our types, and the
 * services each offers (a training provider's module catalogue, an EVC provider's intake). Wallets
 * read it to know whose catalogues and intakes to offer. Open to any origin, without cookies.
 */
export function trustListRoutes(
  deps: Pick<VerifierDeps, 'store'>,
  options: { limiter?: RateLimiter } = {},
): Router {
  const router = Router();
  const limit: RequestHandler =
    options.limiter === undefined
      ? (_req, _res, next) => next()
      : limitRequests(options.limiter, 'trust-list');
  router.use(
    '/api/trust-list',
    openCors({ allowHeaders: ['If-None-Match'], exposeHeaders: ['ETag'], allowMethods: ['GET'] }),
  );

  /**
   * GET /api/trust-list — `{ issuers: [{ did, name, kind, accreditedTypes, catalogue?, intake? }] }`
   * ordered by name. Strong ETag of the content and `Cache-Control: public, max-age=300`;
   * 304 when `If-None-Match` names the current tag; 429 ERR_RATE_LIMITED past the public allowance.
   */
  router.get('/api/trust-list', limit, async (req, res) => {
    const list: PublishedTrustList = { issuers: (await deps.store.listTrustedIssuers()).map(published) };
    const body = JSON.stringify(list);
    const etag = `"${createHash('sha256').update(body).digest('base64url')}"`;
    res.set('ETag', etag).set('Cache-Control', `public, max-age=${MAX_AGE_SECONDS}`);
    if (matchesEtag(req.get('If-None-Match'), etag)) {
      res.status(304).end();
      return;
    }
    res.type('application/json').send(body);
  });

  return router;
}
