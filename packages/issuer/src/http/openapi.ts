// The issuer's API as an OpenAPI 3.1 document, served at /openapi.json. A test compares it with the
// routes the app registers, so it stays true.
import {
  bearerScheme,
  formRequestBody,
  jsonResponse as json,
  objectSchema,
  oauthErrorResponse,
  openApiDocument as document,
  operation as op,
  pathParam as idParam,
  problemResponse,
  queryParam,
  taxonomyPaths,
  type OpenApiObject,
} from '@skills-passport/service-kit';
import { cataloguePaths } from './catalogue-openapi.js';
import { intakePaths } from './intake-openapi.js';

const problem = problemResponse();
const oauthError = oauthErrorResponse();
const staff = [{ apiKey: [] }];
const admin = [{ adminToken: [] }];
const slug = idParam('slug', 'The organisation’s slug');
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description:
    'The same key with the same body replays the first response and creates nothing; with another body: 422 ERR_IDEMPOTENCY_KEY_REUSED.',
};

const paths: Record<string, Record<string, OpenApiObject>> = {
  '/orgs/{slug}/did.json': {
    get: op(
      'did:web document of an organisation (every key it ever signed with)',
      { 200: json('DID document'), 404: problem },
      { parameters: [slug] },
    ),
  },
  '/.well-known/openid-credential-issuer/orgs/{slug}': {
    get: op(
      'OpenID4VCI Credential Issuer Metadata',
      { 200: json('Metadata'), 404: problem },
      { parameters: [slug] },
    ),
  },
  '/.well-known/jwt-vc-issuer/orgs/{slug}': {
    get: op(
      'JWT VC Issuer Metadata (SD-JWT VC): {issuer, jwks} — every public key of the organisation, kid = its DID URL, alg ES256 or EdDSA',
      { 200: json('Metadata'), 404: problem },
      { parameters: [slug] },
    ),
  },
  '/vct/{type}': {
    get: op(
      'SD-JWT VC Type Metadata of a credential type (the document a `vct` names); served byte for byte as its integrity hash was computed',
      { 200: json('Type Metadata'), 404: problem },
      {
        parameters: [
          idParam(
            'type',
            'EVCCredential, ModuleCredential, WorkplaceLearningCredential or DevelopmentPlanCredential',
          ),
        ],
      },
    ),
  },
  '/.well-known/oauth-authorization-server/orgs/{slug}': {
    get: op(
      'OAuth 2.0 Authorization Server Metadata',
      { 200: json('Metadata'), 404: problem },
      { parameters: [slug] },
    ),
  },
  '/offers/{id}': {
    get: op(
      'Credential Offer behind a credential_offer_uri',
      { 200: json('Credential Offer'), 404: problem, 410: problem },
      { parameters: [idParam('id', 'Offer id')] },
    ),
  },
  '/orgs/{slug}/token': {
    post: op(
      'Token endpoint, pre-authorized code grant (with tx_code when the offer asks for a PIN)',
      { 200: json('Access token'), 400: oauthError },
      {
        parameters: [slug],
        requestBody: formRequestBody(
          objectSchema(
            {
              grant_type: { const: 'urn:ietf:params:oauth:grant-type:pre-authorized_code' },
              'pre-authorized_code': 'string',
              tx_code: 'string',
            },
            ['grant_type', 'pre-authorized_code'],
          ),
        ),
      },
    ),
  },
  '/orgs/{slug}/nonce': {
    post: op(
      'Nonce endpoint: a fresh single-use c_nonce',
      { 200: json('{c_nonce}'), 404: problem },
      { parameters: [slug] },
    ),
  },
  '/orgs/{slug}/credential': {
    post: op(
      'Credential endpoint: jwt proof of possession (did:key kid or Ed25519 jwk), returns the signed credential once',
      { 200: json('{credentials: [{credential}]}'), 400: oauthError, 401: oauthError },
      {
        parameters: [slug],
        security: [{ accessToken: [] }],
        requestBody: json('Credential request', {
          type: 'object',
          required: ['credential_configuration_id', 'proofs'],
          properties: {
            credential_configuration_id: { type: 'string' },
            proofs: { type: 'object', properties: { jwt: { type: 'array', items: { type: 'string' } } } },
          },
        }),
      },
    ),
  },
  '/status/{slug}/{list}': {
    get: op(
      'Bitstring Status List credential (JWT), with ETag and Cache-Control max-age = ttl. One list serves revocation and suspension: a set bit is not valid now, `suspended` says which are suspensions',
      { 200: { description: 'application/vc+jwt' }, 304: { description: 'Not modified' }, 404: problem },
      { parameters: [slug, idParam('list', 'the list number, 1, 2, …')] },
    ),
  },
  '/status/{slug}/{list}/ldp': {
    get: op(
      'The same Bitstring Status List credential with a Data Integrity proof (eddsa-rdfc-2022), for ldp_vc credentials',
      { 200: { description: 'application/ld+json' }, 304: { description: 'Not modified' }, 404: problem },
      { parameters: [slug, idParam('list', 'the list number, 1, 2, …')] },
    ),
  },
  '/status/{slug}/{list}/token': {
    get: op(
      'The same list as an IETF Token Status List token (draft-ietf-oauth-status-list), for dc+sd-jwt credentials: typ statuslist+jwt, ES256 by the organisation’s newest P-256 key, sub = this URL, iat, exp, ttl, status_list {bits: 2, lst}: 0 VALID, 1 INVALID (revoked), 2 SUSPENDED. ETag and Cache-Control max-age = ttl',
      {
        200: { description: 'application/statuslist+jwt' },
        304: { description: 'Not modified' },
        404: problem,
      },
      { parameters: [slug, idParam('list', 'the list number, 1, 2, …')] },
    ),
  },
  '/orgs/{slug}/notification': {
    post: op(
      'Notification endpoint (OpenID4VCI 1.0 §11): the wallet reports credential_accepted, credential_failure or credential_deleted for a notification_id',
      { 204: { description: 'Noted' }, 400: oauthError, 401: oauthError },
      {
        parameters: [slug],
        security: [{ accessToken: [] }],
        requestBody: json('Notification', {
          type: 'object',
          required: ['notification_id', 'event'],
          properties: {
            notification_id: { type: 'string' },
            event: { enum: ['credential_accepted', 'credential_failure', 'credential_deleted'] },
            event_description: { type: 'string' },
          },
        }),
      },
    ),
  },
  '/contexts/skills-passport/v1': {
    get: op('The Skills Passport JSON-LD context our credentials name', {
      200: { description: 'application/ld+json' },
    }),
  },
  '/admin/organisations': {
    post: op(
      'Create an organisation with its did:web and first key',
      { 201: json('Organisation'), 401: problem, 409: problem, 422: problem },
      {
        security: admin,
        requestBody: json('New organisation', {
          type: 'object',
          required: ['slug', 'name', 'kind'],
          properties: {
            slug: { type: 'string' },
            name: { type: 'string' },
            kind: { enum: ['evc-provider', 'training-provider', 'employer', 'learn-work-desk'] },
            url: { type: 'string' },
          },
        }),
      },
    ),
    get: op('List organisations', { 200: json('Organisations'), 401: problem }, { security: admin }),
  },
  '/admin/organisations/{slug}/keys': {
    post: op(
      'Rotate the signing key (old keys stay in the DID document)',
      { 201: json('New key'), 401: problem, 404: problem },
      { security: admin, parameters: [slug] },
    ),
  },
  '/admin/organisations/{slug}/staff': {
    post: op(
      'Create a staff member (assessor)',
      { 201: json('Staff member'), 401: problem, 404: problem, 422: problem },
      { security: admin, parameters: [slug] },
    ),
    get: op('List staff', { 200: json('Staff'), 401: problem }, { security: admin, parameters: [slug] }),
  },
  '/admin/organisations/{slug}/staff/{staffId}/api-keys': {
    post: op(
      'Create an API key; the token is shown once',
      { 201: json('API key with token'), 401: problem, 404: problem },
      { security: admin, parameters: [slug, idParam('staffId', 'Staff id')] },
    ),
    get: op(
      'List API keys (no secrets)',
      { 200: json('API keys'), 401: problem, 404: problem },
      { security: admin, parameters: [slug, idParam('staffId', 'Staff id')] },
    ),
  },
  '/admin/organisations/{slug}/api-keys/{keyId}': {
    delete: op(
      'Revoke an API key',
      { 204: { description: 'Revoked' }, 401: problem, 404: problem },
      { security: admin, parameters: [slug, idParam('keyId', 'API key id')] },
    ),
  },
  '/admin/audit': {
    get: op('Audit log, newest first', { 200: json('Entries'), 401: problem }, { security: admin }),
  },
  '/api/me': {
    get: op(
      'The caller and their organisation',
      { 200: json('Principal'), 401: problem },
      { security: staff },
    ),
  },
  '/api/credentials': {
    post: op(
      'Issue a credential for a learner: validated against its schema, with a single-use offer',
      {
        201: json('{credential, txCode?}'),
        200: json('Replay of an idempotent request'),
        401: problem,
        403: problem,
        413: problem,
        415: problem,
        422: problem,
      },
      {
        security: staff,
        parameters: [idempotencyKey],
        requestBody: json('Issue request', {
          type: 'object',
          required: ['type', 'learner', 'credential'],
          properties: {
            type: {
              enum: [
                'EVCCredential',
                'ModuleCredential',
                'WorkplaceLearningCredential',
                'DevelopmentPlanCredential',
              ],
            },
            learner: objectSchema({ name: 'string', email: 'string', phone: 'string', contact: 'string' }, [
              'name',
            ]),
            credential: {
              type: 'object',
              description:
                'credentialSubject (without id/type/identifier) and optionally name, description, validUntil, evidence; see schemas/',
            },
            offer: { type: 'object', properties: { txCode: { type: 'boolean' } } },
          },
        }),
      },
    ),
    get: op(
      'List and search credentials (learner, type, status, batch, from, to), newest first',
      { 200: json('{items, nextCursor}'), 401: problem, 422: problem },
      {
        security: staff,
        parameters: ['learner', 'type', 'status', 'batch', 'from', 'to', 'limit', 'cursor'].map((name) =>
          queryParam(name),
        ),
      },
    ),
  },
  '/api/credentials/{id}': {
    get: op(
      'One credential',
      { 200: json('Credential'), 401: problem, 404: problem },
      { security: staff, parameters: [idParam('id', 'Credential id')] },
    ),
  },
  '/api/credentials/{id}/offer.{format}': {
    get: op(
      'QR code of the open offer (svg or png)',
      { 200: { description: 'image/svg+xml or image/png' }, 401: problem, 404: problem, 409: problem },
      { security: staff, parameters: [idParam('id', 'Credential id'), idParam('format', 'svg or png')] },
    ),
  },
  '/api/credentials/{id}/offer/mail': {
    post: op(
      'Send the offer e-mail of the credential’s open offer again (the same claim link), e.g. after offer.mail.state failed: 202 with the mail pending',
      { 202: json('Credential'), 401: problem, 404: problem, 409: problem },
      { security: staff, parameters: [idParam('id', 'Credential id (urn:uuid:…)')] },
    ),
  },
  '/api/outbox': {
    get: op(
      'The organisation’s offer e-mails in the outbox, newest first: {enabled, items: [{id, to, subject, at, claimUrl, file}]}. Without ISSUER_SMTP_URL every offer e-mail is written there (an .eml file under <data dir>/outbox) instead of sent; enabled is false when mail goes to an SMTP server',
      { 200: json('Outbox'), 401: problem },
      { security: staff, parameters: [queryParam('limit')] },
    ),
  },
  '/api/credentials/{id}/offer': {
    post: op(
      'Offer the credential again (a failed, deleted or lost delivery, an expired offer): a new offer, the old one withdrawn; {txCode?} asks for a PIN',
      { 201: json('{credential, txCode?}'), 401: problem, 404: problem, 409: problem, 422: problem },
      {
        security: staff,
        parameters: [idParam('id', 'Credential id')],
        requestBody: json('Options', { type: 'object', properties: { txCode: { type: 'boolean' } } }),
      },
    ),
  },
  '/api/credentials/{id}/revoke': {
    post: op(
      'Revoke (final) with a reason',
      { 200: json('Credential'), 401: problem, 404: problem, 409: problem, 422: problem },
      { security: staff, parameters: [idParam('id', 'Credential id')] },
    ),
  },
  '/api/credentials/{id}/suspend': {
    post: op(
      'Suspend',
      { 200: json('Credential'), 401: problem, 404: problem, 409: problem },
      { security: staff, parameters: [idParam('id', 'Credential id')] },
    ),
  },
  '/api/credentials/{id}/unsuspend': {
    post: op(
      'Reinstate a suspended credential',
      { 200: json('Credential'), 401: problem, 404: problem, 409: problem },
      { security: staff, parameters: [idParam('id', 'Credential id')] },
    ),
  },
  '/api/cohorts': {
    post: op(
      'Upload a cohort: common content plus a CSV with one learner per row; processed in the background',
      {
        202: json('Batch'),
        200: json('Replay of an idempotent request'),
        401: problem,
        403: problem,
        413: problem,
        422: problem,
      },
      { security: staff, parameters: [idempotencyKey] },
    ),
  },
  '/api/cohorts/preview': {
    post: op(
      'What an upload of this cohort would do with its first 5 rows: the CSV read as the upload reads it (`,` or `;`, with or without BOM), each row checked as the upload checks it; nothing is stored',
      {
        200: json('{separator, columns, total, rows: [{line, cells, issues}]}'),
        401: problem,
        403: problem,
        413: problem,
        422: problem,
      },
      { security: staff },
    ),
  },
  '/api/cohorts/template.csv': {
    get: op(
      'An empty cohort CSV for a credential type: the header line (learner and per-learner dates), UTF-8 with BOM',
      { 200: { description: 'text/csv' }, 401: problem, 403: problem, 422: problem },
      {
        security: staff,
        parameters: [queryParam('type'), queryParam('separator')],
      },
    ),
  },
  '/api/cohorts/{id}': {
    get: op(
      'Progress and per-row report of a cohort upload',
      { 200: json('Batch'), 401: problem, 404: problem },
      { security: staff, parameters: [idParam('id', 'Batch id')] },
    ),
  },
  '/api/cohorts/{id}/offers.csv': {
    get: op(
      'The cohort’s offers as CSV (credential_id, name, contact, offer_link, expires_at, claim_page); separator=semicolon for Dutch Excel (with a BOM)',
      { 200: { description: 'text/csv' }, 401: problem, 404: problem },
      { security: staff, parameters: [idParam('id', 'Batch id'), queryParam('separator')] },
    ),
  },
  ...taxonomyPaths({ security: staff }),
  ...cataloguePaths,
  ...intakePaths,
};

/** The OpenAPI 3.1 description of this issuer. */
export function openApiDocument(publicUrl: URL): Record<string, unknown> {
  return document({
    title: 'Skills Passport issuer',
    description:
      'Organisations issue EVC, module and workplace-learning credentials, hand them over by OpenID4VCI 1.0 and revoke them with Bitstring Status List 1.0. ' +
      'A learner with an e-mail address gets each offer by e-mail (SMTP by ISSUER_SMTP_URL, or the outbox) with a link to the claim page, GET /claim/<claim id> (an HTML page for people, not part of this API: the QR code, an "open in my web wallet" button, the PIN instructions; 404 unknown, 410 collected, withdrawn, expired or revoked). ' +
      'Each credential’s offer says how far it got: offer.handover is claimed, opened, sent, failed, sending or not_sent; offer.mail {state: pending|sent|failed, at, reason} and offer.openedAt give the detail, offer.claimUrl the page.',
    serverUrl: publicUrl.origin,
    paths,
    securitySchemes: {
      adminToken: bearerScheme('ISSUER_ADMIN_TOKEN'),
      apiKey: bearerScheme('A staff API key (spk_...)'),
      accessToken: bearerScheme('OpenID4VCI access token'),
    },
  });
}
