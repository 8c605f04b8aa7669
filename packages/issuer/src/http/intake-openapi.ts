// The intake routes (intake-routes.ts) in the issuer's OpenAPI document.
import {
  formRequestBody,
  jsonResponse as json,
  oauthErrorResponse,
  objectSchema,
  operation as op,
  pathParam,
  problemResponse,
  queryParam,
  type OpenApiObject,
} from '@skills-passport/service-kit';

const problem = problemResponse();
const staff = [{ apiKey: [] }];
const slug = pathParam('slug', 'The EVC provider’s slug');
const intakeId = pathParam('id', 'The intake’s id');
/** A refused answer: `{error, error_description, code}` as OpenID4VP's response endpoint answers. */
const oauthError = oauthErrorResponse(
  '{error, error_description, code}: the answer is refused; see the code',
);

export const intakePaths: Record<string, Record<string, OpenApiObject>> = {
  '/api/intake/{slug}': {
    get: op(
      'An EVC provider’s public intake: {provider: {id, name}, standards: [{id, name, identifier?, occupation?, skills: [{uri, label: {nl?, en?}, essential}]}]} (CORS open, rate-limited)',
      { 200: json('The intake'), 404: problem, 429: problem },
      { parameters: [slug] },
    ),
  },
  '/api/intake/{slug}/requests': {
    post: op(
      'A learner asks to send an EVC intake for a standard: {requestLink (openid4vp://), requestId, expiresAt} (30 minutes by default; CORS open, rate-limited)',
      {
        201: json('{requestLink, requestId, expiresAt}'),
        404: problem,
        415: problem,
        422: problem,
        429: problem,
      },
      {
        parameters: [slug],
        requestBody: json('The standard', objectSchema({ standard: 'string' }, ['standard'])),
      },
    ),
  },
  '/oid4vp/intakes/{id}/request': {
    get: op(
      'The signed request object (OpenID4VP 1.0, application/oauth-authz-req+jwt), by the organisation’s did:web key',
      { 200: { description: 'application/oauth-authz-req+jwt' }, 404: problem, 410: problem, 429: problem },
      { parameters: [intakeId] },
    ),
  },
  '/oid4vp/intakes/{id}/response': {
    post: op(
      'direct_post: the wallet’s vp_token and state (kept once: 200 {}), or its error response (access_denied: 200 {}, the intake stays open)',
      { 200: json('{}'), 400: oauthError, 429: problem, 503: oauthError },
      {
        parameters: [intakeId],
        requestBody: formRequestBody(
          objectSchema({ vp_token: 'string', state: 'string', error: 'string' }, ['state']),
        ),
      },
    ),
  },
  '/api/intakes': {
    post: op(
      'Ask a learner for their credentials (EVC providers and learn-work desks): {id, requestLink, expiresAt} (24 hours by default)',
      { 201: json('{id, requestLink, expiresAt}'), 401: problem, 403: problem, 415: problem, 422: problem },
      {
        security: staff,
        requestBody: json('The request', {
          type: 'object',
          required: ['purpose'],
          properties: {
            purpose: { enum: ['evc-intake', 'advice'] },
            standard: {
              type: 'string',
              description: 'One of the organisation’s standards (required for evc-intake)',
            },
            purposeText: { type: 'string', maxLength: 300 },
          },
        }),
      },
    ),
    get: op(
      'The organisation’s intakes, newest first: {items: [{id, purpose, standard?, status, createdAt, expiresAt, receivedAt?, learnerName?, requestLink?, counts?}]}',
      { 200: json('{items}'), 401: problem, 403: problem },
      { security: staff },
    ),
  },
  '/api/intakes/{id}': {
    get: op(
      'One intake with every credential shared: [{type, title, issuer, recognised, selfDeclared, verified, problem?, issuedAt?, learning, skills, evidence?}]',
      { 200: json('The intake'), 401: problem, 403: problem, 404: problem },
      { security: staff, parameters: [intakeId] },
    ),
  },
  '/api/intakes/{id}/gap': {
    get: op(
      'The gap between the shared credentials and an ESCO occupation (default: the standard’s): {occupation: {uri, label}, gap}',
      { 200: json('{occupation, gap}'), 401: problem, 403: problem, 404: problem, 422: problem },
      { security: staff, parameters: [intakeId, queryParam('occupation')] },
    ),
  },
  '/api/intake-standards': {
    get: op(
      'The EVC provider’s standards: {items}',
      { 200: json('{items}'), 401: problem, 403: problem },
      { security: staff },
    ),
  },
  '/api/intake-standards/{id}': {
    put: op(
      'Add or replace a standard: an ESCO occupation, a list of skills, or both',
      { 200: json('The standard'), 401: problem, 403: problem, 415: problem, 422: problem },
      {
        security: staff,
        parameters: [pathParam('id', 'The standard’s id (e.g. 25498)')],
        requestBody: json('The standard', {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', maxLength: 200 },
            identifier: { type: 'string', maxLength: 50 },
            occupation: { type: 'string', description: 'ESCO occupation URI' },
            skills: {
              type: 'array',
              maxItems: 200,
              items: objectSchema({ uri: 'string', essential: 'boolean' }, ['uri']),
            },
          },
        }),
      },
    ),
  },
};
