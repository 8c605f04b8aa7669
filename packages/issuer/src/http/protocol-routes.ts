import {
  SKILLS_PASSPORT_CONTEXT,
  SKILLS_PASSPORT_CONTEXT_PATH,
  SkillsPassportError,
} from '@skills-passport/core';
import { bearerToken, formBody, limitRequests, type RateLimiter } from '@skills-passport/service-kit';
import { Router, type Response } from 'express';
import type { IssuerDeps } from '../domain/deps.js';
import { OAuthError } from '../domain/oauth-error.js';
import {
  authorizationServerMetadata,
  createNonce,
  credentialOffer,
  exchangePreAuthorizedCode,
  issueToHolder,
  issuerMetadata,
  receiveNotification,
} from '../domain/openid4vci.js';
import { didDocument, getOrganisation } from '../domain/organisations.js';
import { jwtVcIssuerMetadata, typeMetadataDocument } from '../domain/sd-jwt-vc-metadata.js';
import { publishedStatusListToken } from '../domain/status-list-token.js';
import {
  publishedStatusList,
  type BitstringListFormat,
  type SignedStatusList,
} from '../domain/status-lists.js';
import express from 'express';

function noStore(res: Response): Response {
  return res.set('Cache-Control', 'no-store');
}

/** Converts body-parser failures on OAuth endpoints into the OAuth error format. */
function oauthBody(parser: express.RequestHandler): express.RequestHandler {
  return (req, res, next) =>
    parser(req, res, (error?: unknown) =>
      next(
        error === undefined
          ? undefined
          : new OAuthError('invalid_request', 'The request body could not be read.'),
      ),
    );
}

/**
 * Public protocol endpoints, per organisation `:slug`:
 * - GET /orgs/:slug/did.json -> the did:web document (every key ever used) | 404
 * - GET /.well-known/openid-credential-issuer/orgs/:slug -> Credential Issuer Metadata (OpenID4VCI 1.0 §12.2)
 * - GET /.well-known/jwt-vc-issuer/orgs/:slug -> JWT VC Issuer Metadata (SD-JWT VC): {issuer, jwks} | 404
 * - GET /vct/:type -> SD-JWT VC Type Metadata of one of our credential types (application/json) | 404 ERR_NOT_FOUND
 * - GET /.well-known/oauth-authorization-server/orgs/:slug -> Authorization Server Metadata (RFC 8414)
 * - GET /offers/:id -> Credential Offer (by reference) | 404, 410 ERR_OFFER_REDEEMED / ERR_OFFER_WITHDRAWN / ERR_OFFER_EXPIRED
 * - POST /orgs/:slug/token (form) -> access token | 400 invalid_request / invalid_grant / unsupported_grant_type
 * - POST /orgs/:slug/nonce -> {c_nonce} (Cache-Control: no-store)
 * - POST /orgs/:slug/credential (Bearer) {credential_configuration_id, proofs: {jwt: [..]}} -> {credentials: [{credential}]}
 *   | 401 invalid_token, 400 invalid_credential_request / unknown_credential_configuration / invalid_proof / invalid_nonce / credential_request_denied
 * - POST /orgs/:slug/notification (Bearer) {notification_id, event, event_description?} -> 204
 *   | 401 invalid_token, 400 invalid_notification_id / invalid_notification_request
 * - GET /status/:slug/:listNo -> BitstringStatusListCredential as a JWT (application/vc+jwt), ETag, max-age = ttl
 * - GET /status/:slug/:listNo/ldp -> the same list with a Data Integrity proof (application/ld+json)
 * - GET /status/:slug/:listNo/token -> the same list as an IETF Token Status List token, ES256
 *   (application/statuslist+jwt), for SD-JWT VCs; ETag, max-age = ttl | 404 ERR_NOT_FOUND
 * - GET /contexts/skills-passport/v1 -> our JSON-LD context (application/ld+json), for processors that
 *   fetch the contexts a credential names (ours never do)
 */
export function protocolRoutes(deps: IssuerDeps, limiter?: RateLimiter): Router {
  const router = Router();
  const limit = (bucket: string): express.RequestHandler =>
    limiter === undefined ? (_req, _res, next) => next() : limitRequests(limiter, bucket);

  const context = JSON.stringify(SKILLS_PASSPORT_CONTEXT);
  router.get(SKILLS_PASSPORT_CONTEXT_PATH, (_req, res) => {
    res.type('application/ld+json').set('Cache-Control', 'public, max-age=86400').send(context);
  });

  router.get('/orgs/:slug/did.json', async (req, res) => {
    res
      .type('application/did+json')
      .set('Cache-Control', 'max-age=300')
      .send(JSON.stringify(await didDocument(deps, req.params.slug)));
  });

  router.get('/.well-known/openid-credential-issuer/orgs/:slug', async (req, res) => {
    res.json(issuerMetadata(deps, await getOrganisation(deps, req.params.slug)));
  });

  router.get('/.well-known/jwt-vc-issuer/orgs/:slug', async (req, res) => {
    res.json(await jwtVcIssuerMetadata(deps, await getOrganisation(deps, req.params.slug)));
  });

  // The exact bytes integrity hashes (`vct#integrity`) are computed over; they change only with a release.
  router.get('/vct/:type', (req, res) => {
    res
      .type('application/json')
      .set('Cache-Control', 'public, max-age=86400')
      .send(typeMetadataDocument(deps, String(req.params.type)));
  });

  router.get('/.well-known/oauth-authorization-server/orgs/:slug', async (req, res) => {
    res.json(authorizationServerMetadata(deps, await getOrganisation(deps, req.params.slug)));
  });

  router.get('/offers/:id', async (req, res) => {
    noStore(res).json(await credentialOffer(deps, req.params.id));
  });

  router.post('/orgs/:slug/token', limit('token'), oauthBody(formBody('8kb')), async (req, res) => {
    if (!req.is('application/x-www-form-urlencoded'))
      throw new OAuthError('invalid_request', 'Send the token request as application/x-www-form-urlencoded.');
    const form = (req.body ?? {}) as Record<string, unknown>;
    noStore(res).json(await exchangePreAuthorizedCode(deps, req.params.slug as string, form, req.ip));
  });

  router.post('/orgs/:slug/nonce', limit('nonce'), async (req, res) => {
    noStore(res).json(await createNonce(deps, req.params.slug as string));
  });

  router.post(
    '/orgs/:slug/credential',
    limit('credential'),
    oauthBody(express.json({ limit: '32kb' })),
    async (req, res) => {
      const body: unknown = req.body;
      if (!req.is('application/json') || typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new OAuthError('invalid_credential_request', 'Send the credential request as a JSON object.');
      }
      noStore(res).json(
        await issueToHolder(
          deps,
          req.params.slug as string,
          bearerToken(req),
          body as Record<string, unknown>,
        ),
      );
    },
  );

  const statusList =
    (
      label: string,
      mediaType: string,
      published: (slug: string, listNo: number) => Promise<SignedStatusList>,
    ): express.RequestHandler =>
    async (req, res) => {
      const listNo = /^[1-9]\d{0,5}$/.test(String(req.params.list)) ? Number(req.params.list) : undefined;
      if (listNo === undefined) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such status list.');
      const list = await published(String(req.params.slug), listNo);
      const etag = `"list-${listNo}-${label}-${list.revision}"`;
      res
        .set('ETag', etag)
        .set('Cache-Control', `public, max-age=${Math.floor(deps.config.statusListTtlMs / 1000)}`);
      if (req.get('if-none-match') === etag) {
        res.status(304).end();
        return;
      }
      // The token's media type exactly as the draft names it: a Buffer gets no `; charset` appended.
      res.type(mediaType).send(label === 'tsl' ? Buffer.from(list.document) : list.document);
    };
  const credentialList = (format: BitstringListFormat) => (slug: string, listNo: number) =>
    publishedStatusList(deps, slug, listNo, format);
  router.post(
    '/orgs/:slug/notification',
    limit('notification'),
    oauthBody(express.json({ limit: '8kb' })),
    async (req, res) => {
      const body: unknown = req.body;
      if (!req.is('application/json') || typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new OAuthError('invalid_notification_request', 'Send the notification as a JSON object.');
      }
      await receiveNotification(
        deps,
        req.params.slug as string,
        bearerToken(req),
        body as Record<string, unknown>,
      );
      noStore(res).status(204).end();
    },
  );

  router.get(
    '/status/:slug/:list',
    statusList('jwt_vc_json', 'application/vc+jwt', credentialList('jwt_vc_json')),
  );
  // JSON-LD document loaders (those of Data Integrity verifiers) parse what says it is JSON.
  router.get(
    '/status/:slug/:list/ldp',
    statusList('ldp_vc', 'application/ld+json', credentialList('ldp_vc')),
  );
  router.get(
    '/status/:slug/:list/token',
    statusList('tsl', 'application/statuslist+jwt', (slug, listNo) =>
      publishedStatusListToken(deps, slug, listNo),
    ),
  );

  return router;
}
