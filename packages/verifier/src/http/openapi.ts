import { CHECK_IDS, CREDENTIAL_TYPES } from '@skills-passport/core';
import { REQUEST_LIFETIME } from '../domain/skills-requests.js';
import {
  bearerScheme,
  formRequestBody,
  jsonRequestBody as jsonRequest,
  jsonResponse as json,
  objectSchema,
  oauthErrorResponse,
  openApiDocument as document,
  pathParam,
  problemResponse as problem,
  taxonomyPaths,
} from '@skills-passport/service-kit';
import { ISSUER_KINDS } from '../domain/trusted-issuers.js';

const idParam = pathParam('id');
const didParam = pathParam('did');
const employerAuth = [{ employerKey: [] }];
const adminAuth = [{ adminToken: [] }];
/** The OpenAPI 3.1 description of this service's own API, served at /openapi.json (a test keeps it true). */
export function openApiDocument(publicUrl: URL, didDocumentPath: string): Record<string, unknown> {
  return document({
    title: 'Skills Passport verifier',
    description:
      'Employers ask for skills; wallets answer by OpenID4VP 1.0; every check is reported with a stable id.',
    serverUrl: publicUrl.href.replace(/\/$/, ''),
    paths: {
      [didDocumentPath]: {
        get: {
          summary: "The verifier's did:web document",
          responses: {
            '200': {
              description: 'DID document',
              content: { 'application/did+json': { schema: { type: 'object' } } },
            },
          },
        },
      },
      '/oid4vp/requests/{id}': {
        get: {
          summary: 'OpenID4VP request object (by request_uri)',
          parameters: [idParam],
          responses: {
            '200': {
              description: 'Signed request object',
              content: { 'application/oauth-authz-req+jwt': { schema: { type: 'string' } } },
            },
            '404': problem('ERR_NOT_FOUND'),
            '410': problem('ERR_REQUEST_EXPIRED or ERR_REQUEST_ALREADY_ANSWERED'),
          },
        },
      },
      '/oid4vp/responses/{id}': {
        post: {
          summary: 'OpenID4VP direct_post response endpoint',
          parameters: [idParam],
          requestBody: formRequestBody(
            objectSchema(
              {
                vp_token: { type: 'string', description: 'JSON object keyed by DCQL query id' },
                state: 'string',
                error: { type: 'string', description: "The wallet's error response instead of a vp_token" },
                error_description: 'string',
              },
              ['state'],
            ),
          ),
          responses: {
            '200': json("Accepted (with redirect_uri), or the wallet's error response processed ({})", {
              type: 'object',
              properties: { redirect_uri: { type: 'string' } },
            }),
            '400': oauthErrorResponse(
              'Refused: OAuth error with our code; an incomplete answer leaves the request open',
            ),
            '413': problem('ERR_PAYLOAD_TOO_LARGE'),
            '503': oauthErrorResponse(
              'Not stored (temporarily_unavailable, ERR_STORAGE_UNAVAILABLE): send it again',
            ),
          },
        },
      },
      ...taxonomyPaths(),
      '/api/employer': {
        get: {
          summary: 'The employer the API key belongs to (the employer page shows who is signed in)',
          security: employerAuth,
          responses: {
            '200': json('The employer', objectSchema({ id: 'string', name: 'string' }, ['id', 'name'])),
            '401': problem('ERR_UNAUTHENTICATED'),
          },
        },
      },
      '/api/requests': {
        post: {
          summary: 'Create a skills request',
          security: employerAuth,
          requestBody: jsonRequest({ $ref: '#/components/schemas/SkillsRequestInput' }),
          responses: {
            '201': json('The request with its openid4vp:// link', {
              $ref: '#/components/schemas/SkillsRequest',
            }),
            '401': problem('ERR_UNAUTHENTICATED'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem('ERR_VALIDATION or ERR_UNKNOWN_SKILL'),
          },
        },
        get: {
          summary: "This employer's requests, newest first",
          security: employerAuth,
          responses: { '200': json('Requests'), '401': problem('ERR_UNAUTHENTICATED') },
        },
      },
      '/api/requests/{id}': {
        get: {
          summary: 'One request with its status and report',
          security: employerAuth,
          parameters: [idParam],
          responses: {
            '200': json('The request', { $ref: '#/components/schemas/SkillsRequest' }),
            '401': problem('ERR_UNAUTHENTICATED'),
            '404': problem('ERR_NOT_FOUND'),
          },
        },
      },
      '/api/requests/{id}/qr.svg': {
        get: {
          summary: 'QR code of the request link',
          parameters: [idParam],
          responses: {
            '200': { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
            '404': problem('ERR_NOT_FOUND'),
          },
        },
      },
      '/api/verify/credential': {
        post: {
          summary: 'Verify one credential (stateless; the public verification page /verify uses it)',
          requestBody: jsonRequest({
            type: 'object',
            required: ['credential'],
            properties: {
              credential: {
                description:
                  'A compact JWT (jwt_vc_json), an SD-JWT VC (dc+sd-jwt) or a Data Integrity document (ldp_vc).',
                oneOf: [{ type: 'string' }, { type: 'object' }],
              },
              holder: { type: 'string' },
            },
          }),
          responses: {
            '200': json('The checks, whatever the verdict, and the credential in words', {
              $ref: '#/components/schemas/CredentialReport',
            }),
            '413': problem('ERR_PAYLOAD_TOO_LARGE'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem('ERR_VALIDATION'),
            '429': problem('ERR_RATE_LIMITED'),
          },
        },
      },
      '/api/verify/presentation': {
        post: {
          summary: 'Verify a presentation JWT against a nonce and audience (stateless)',
          requestBody: jsonRequest({
            type: 'object',
            required: ['presentation', 'nonce', 'audience'],
            properties: {
              presentation: { type: 'string' },
              nonce: { type: 'string' },
              audience: { type: 'string' },
            },
          }),
          responses: {
            '200': json('The checks, whatever the verdict'),
            '413': problem('ERR_PAYLOAD_TOO_LARGE'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem('ERR_VALIDATION'),
            '429': problem('ERR_RATE_LIMITED'),
          },
        },
      },
      '/api/publications': {
        post: {
          summary:
            'Publish credentials behind a link anyone can open, until withdrawn (no account; CORS open). Each credential is verified now; if any is not verified proof from a recognised issuer, nothing is stored.',
          requestBody: jsonRequest({
            type: 'object',
            required: ['credentials'],
            properties: {
              credentials: {
                type: 'array',
                minItems: 1,
                maxItems: 20,
                items: {
                  description:
                    'A credential as issued: compact JWT (jwt_vc_json), SD-JWT VC (dc+sd-jwt) or Data Integrity document (ldp_vc).',
                  oneOf: [{ type: 'string' }, { type: 'object' }],
                },
              },
              expiresInDays: { type: 'integer', minimum: 1, maximum: 3650, default: 365 },
            },
          }),
          responses: {
            '201': json('Published; the withdraw token is shown only now (the verifier keeps its hash)', {
              $ref: '#/components/schemas/Published',
            }),
            '400': problem('ERR_MALFORMED_JSON, ERR_NOT_AN_OBJECT, ERR_FORBIDDEN_KEY or ERR_INPUT_TOO_DEEP'),
            '413': problem('ERR_PAYLOAD_TOO_LARGE or ERR_INPUT_TOO_LARGE'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem(
              'ERR_PUBLICATION_INVALID (errors[]: one per credential that is not verified, pointer /credentials/<i>, rule = its failing check id) or ERR_VALIDATION',
            ),
            '429': problem('ERR_RATE_LIMITED'),
            '503': problem('ERR_STORAGE_UNAVAILABLE (nothing was stored)'),
          },
        },
      },
      '/api/publications/{id}': {
        get: {
          summary:
            'A publication, each credential verified now (fresh status). Cache-Control: no-store, Referrer-Policy: no-referrer, X-Robots-Tag: noindex.',
          parameters: [idParam],
          responses: {
            '200': json('The publication as anyone with its link sees it', {
              $ref: '#/components/schemas/PublicationView',
            }),
            '404': problem('ERR_PUBLICATION_UNKNOWN'),
            '410': problem('ERR_PUBLICATION_WITHDRAWN (withdrawn, or expired)'),
            '429': problem('ERR_RATE_LIMITED'),
          },
        },
        delete: {
          summary:
            'Withdraw a publication with its withdraw token (Authorization: Bearer <withdrawToken>); its credentials are deleted, only the id and the time remain. A second DELETE answers 410.',
          parameters: [idParam],
          security: [{ withdrawToken: [] }],
          responses: {
            '204': { description: 'Withdrawn' },
            '401': problem('ERR_UNAUTHENTICATED (no token)'),
            '403': problem("ERR_FORBIDDEN (not this publication's token)"),
            '404': problem('ERR_PUBLICATION_UNKNOWN'),
            '410': problem(
              'ERR_PUBLICATION_WITHDRAWN (ended already: withdrawn, or expired and cleared by a read)',
            ),
            '429': problem('ERR_RATE_LIMITED (too many wrong tokens)'),
            '503': problem('ERR_STORAGE_UNAVAILABLE (still published; send it again)'),
          },
        },
      },
      '/api/vacancies': {
        post: {
          summary:
            "Publish a vacancy as a public link: a request's skills query without a nonce. Wallets read it to check the fit before anything is shared.",
          security: employerAuth,
          requestBody: jsonRequest(
            {
              allOf: [
                { $ref: '#/components/schemas/SkillsRequestInput' },
                {
                  type: 'object',
                  properties: {
                    purpose: { type: 'string', maxLength: 1000 },
                    expiresInDays: { type: 'integer', minimum: 1, maximum: 365, default: 30 },
                  },
                },
              ],
            },
            'expiresInSeconds, if given, is how long each request made from the vacancy stays open (never past the vacancy).',
          ),
          responses: {
            '201': json('The published vacancy with its links', {
              allOf: [
                { $ref: '#/components/schemas/Vacancy' },
                objectSchema({ url: 'string', page: 'string' }, ['url', 'page']),
              ],
            }),
            '401': problem('ERR_UNAUTHENTICATED'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem('ERR_VALIDATION or ERR_UNKNOWN_SKILL'),
          },
        },
        get: {
          summary:
            "This employer's vacancies, newest first, each with status published, withdrawn or expired",
          security: employerAuth,
          responses: { '200': json('Vacancies'), '401': problem('ERR_UNAUTHENTICATED') },
        },
      },
      '/api/vacancies/{id}': {
        get: {
          summary: 'A published vacancy (public, CORS open): its skills query, no nonce, no request',
          parameters: [idParam],
          responses: {
            '200': json('The vacancy', { $ref: '#/components/schemas/Vacancy' }),
            '404': problem('ERR_VACANCY_UNKNOWN'),
            '410': problem('ERR_VACANCY_WITHDRAWN (withdrawn, or expired)'),
            '429': problem('ERR_RATE_LIMITED'),
          },
        },
        delete: {
          summary: "Withdraw one of this employer's vacancies; its link answers 410 from now on",
          security: employerAuth,
          parameters: [idParam],
          responses: {
            '204': { description: 'Withdrawn' },
            '401': problem('ERR_UNAUTHENTICATED'),
            '404': problem("ERR_VACANCY_UNKNOWN (unknown, or another employer's)"),
            '410': problem('ERR_VACANCY_WITHDRAWN (withdrawn already)'),
          },
        },
      },
      '/api/vacancies/{id}/requests': {
        post: {
          summary:
            "A fresh OpenID4VP request for the vacancy's skills (public, CORS open, no body), owned by the vacancy's employer",
          parameters: [idParam],
          responses: {
            '201': json(
              'The request link to open in a wallet',
              objectSchema({ requestLink: 'string', requestId: 'string', expiresAt: 'string' }, [
                'requestLink',
                'requestId',
                'expiresAt',
              ]),
            ),
            '404': problem('ERR_VACANCY_UNKNOWN'),
            '410': problem('ERR_VACANCY_WITHDRAWN (withdrawn, or expired)'),
            '429': problem('ERR_RATE_LIMITED'),
          },
        },
      },
      '/api/vacancies/{id}/qr.svg': {
        get: {
          summary: "QR code of the vacancy's public page",
          parameters: [idParam],
          responses: {
            '200': { description: 'SVG', content: { 'image/svg+xml': { schema: { type: 'string' } } } },
            '404': problem('ERR_VACANCY_UNKNOWN'),
          },
        },
      },
      '/api/trust-list': {
        get: {
          summary:
            'The trust list (public, CORS open): every recognised issuer, the types it is recognised for, and its module catalogue or EVC intake address. Strong ETag; Cache-Control public, max-age=300; 304 on If-None-Match',
          responses: {
            '200': json(
              'Trusted issuers, ordered by name',
              objectSchema(
                { issuers: { type: 'array', items: { $ref: '#/components/schemas/TrustedIssuer' } } },
                ['issuers'],
              ),
            ),
            '304': { description: 'Not modified (If-None-Match names the current ETag)' },
            '429': problem('ERR_RATE_LIMITED'),
          },
        },
      },
      '/api/admin/trusted-issuers': {
        get: {
          summary: 'The trusted-issuer registry',
          security: adminAuth,
          responses: { '200': json('Trusted issuers'), '401': problem('ERR_UNAUTHENTICATED') },
        },
      },
      '/api/admin/trusted-issuers/{did}': {
        put: {
          summary: 'Add or replace a trusted issuer',
          security: adminAuth,
          parameters: [didParam],
          requestBody: jsonRequest({ $ref: '#/components/schemas/TrustedIssuerInput' }),
          responses: {
            '200': json('Stored'),
            '401': problem('ERR_UNAUTHENTICATED'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem('ERR_VALIDATION'),
          },
        },
        delete: {
          summary: 'Remove a trusted issuer',
          security: adminAuth,
          parameters: [didParam],
          responses: {
            '204': { description: 'Removed' },
            '401': problem('ERR_UNAUTHENTICATED'),
            '404': problem('ERR_NOT_FOUND'),
          },
        },
      },
      '/api/admin/employers': {
        post: {
          summary: 'Create an employer and its API key (shown once)',
          security: adminAuth,
          requestBody: jsonRequest({
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string' } },
          }),
          responses: {
            '201': json('Employer with apiKey'),
            '401': problem('ERR_UNAUTHENTICATED'),
            '415': problem('ERR_UNSUPPORTED_MEDIA_TYPE'),
            '422': problem('ERR_VALIDATION'),
          },
        },
      },
      '/api/admin/employers/{id}': {
        delete: {
          summary: "Revoke an employer's API key",
          security: adminAuth,
          parameters: [idParam],
          responses: {
            '204': { description: 'Revoked' },
            '401': problem('ERR_UNAUTHENTICATED'),
            '404': problem('ERR_NOT_FOUND'),
          },
        },
      },
    },
    securitySchemes: {
      employerKey: bearerScheme('Employer API key'),
      adminToken: bearerScheme('VERIFIER_ADMIN_TOKEN'),
      withdrawToken: bearerScheme('The withdrawToken POST /api/publications returned'),
    },
    schemas: {
      Check: {
        type: 'object',
        required: ['id', 'status', 'reason'],
        properties: {
          id: { enum: [...CHECK_IDS] },
          status: { enum: ['pass', 'fail', 'warning'] },
          reason: { type: 'string' },
          code: { type: 'string' },
        },
      },
      CredentialReport: {
        type: 'object',
        required: ['verified', 'outcome', 'checks'],
        properties: {
          verified: { type: 'boolean' },
          outcome: { enum: ['verified', 'issuer_not_recognised', 'failed'] },
          checks: { type: 'array', items: { $ref: '#/components/schemas/Check' } },
          summary: { $ref: '#/components/schemas/CredentialSummary' },
          selfDeclared: {
            const: true,
            description:
              'Its issuer is its own subject: the holder vouches for it, nobody else. Never counted as proof (issuer_trust warns ERR_ISSUER_SELF_DECLARED).',
          },
        },
      },
      CredentialSummary: {
        type: 'object',
        description:
          'The credential in words, for a person: absent fields could not be read (a credential whose signature failed has only `skills: []`).',
        required: ['skills'],
        properties: {
          title: { type: 'string' },
          kind: {
            type: 'object',
            properties: { type: { type: 'string' }, label: { $ref: '#/components/schemas/Labels' } },
          },
          issuer: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
          learnerName: { type: 'string' },
          validFrom: { type: 'string' },
          validUntil: { type: 'string' },
          skills: {
            type: 'array',
            items: {
              type: 'object',
              required: ['uri', 'label', 'date'],
              properties: {
                uri: { type: 'string' },
                label: { $ref: '#/components/schemas/Labels' },
                level: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    rank: { type: 'integer' },
                    label: { $ref: '#/components/schemas/Labels' },
                  },
                },
                outcome: { type: 'string' },
                date: { type: 'string' },
                assessor: {
                  type: 'object',
                  properties: { name: { type: 'string' }, role: { type: 'string' } },
                },
              },
            },
          },
        },
      },
      Labels: {
        type: 'object',
        required: ['nl', 'en'],
        properties: { nl: { type: 'string' }, en: { type: 'string' } },
      },
      Published: {
        type: 'object',
        required: ['id', 'url', 'withdrawToken', 'createdAt', 'expiresAt'],
        properties: {
          id: { type: 'string', description: '128 random bits, base64url' },
          url: { type: 'string', description: '<public URL>/p/<id>: the page anyone with the link can open' },
          withdrawToken: { type: 'string', description: '256 random bits, base64url; shown only once' },
          createdAt: { type: 'string', format: 'date-time' },
          expiresAt: { type: 'string', format: 'date-time' },
        },
      },
      PublicationView: {
        type: 'object',
        required: ['id', 'publishedAt', 'expiresAt', 'verifiedAt', 'credentials'],
        properties: {
          id: { type: 'string' },
          publishedAt: { type: 'string', format: 'date-time' },
          expiresAt: { type: 'string', format: 'date-time' },
          verifiedAt: { type: 'string', format: 'date-time' },
          credentials: { type: 'array', items: { $ref: '#/components/schemas/CredentialReport' } },
        },
      },
      Vacancy: {
        type: 'object',
        required: ['id', 'title', 'purpose', 'employer', 'skills', 'publishedAt', 'expiresAt'],
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          purpose: { type: 'string' },
          employer: objectSchema({ name: 'string' }, ['name']),
          skills: {
            type: 'array',
            items: {
              type: 'object',
              required: ['uri', 'label', 'required'],
              properties: {
                uri: { type: 'string' },
                label: objectSchema({ nl: 'string', en: 'string' }, ['nl', 'en']),
                required: { type: 'boolean' },
                minLevel: { type: 'integer', minimum: 1, maximum: 4 },
              },
            },
          },
          publishedAt: { type: 'string', format: 'date-time' },
          expiresAt: { type: 'string', format: 'date-time' },
        },
      },
      SkillsRequestInput: {
        type: 'object',
        required: ['title', 'skills'],
        properties: {
          title: { type: 'string', maxLength: 200 },
          skills: {
            type: 'array',
            maxItems: 50,
            items: {
              type: 'object',
              required: ['uri'],
              properties: {
                uri: { type: 'string' },
                required: { type: 'boolean' },
                minimumLevel: { type: 'integer', minimum: 1, maximum: 4 },
              },
            },
          },
          acceptedTypes: { type: 'array', items: { enum: [...CREDENTIAL_TYPES] } },
          acceptedIssuers: { type: 'array', items: { type: 'string' } },
          askForName: {
            type: 'boolean',
            default: false,
            description:
              "Ask for the learner's name: an SD-JWT VC answer is asked to disclose it (DCQL claim `learner_name`), and discloses it only then.",
          },
          expiresInSeconds: {
            type: 'integer',
            minimum: REQUEST_LIFETIME.min,
            maximum: REQUEST_LIFETIME.max,
            description:
              'How long the request stays open for an answer, in seconds (one minute to 30 days); default VERIFIER_REQUEST_TTL_SECONDS (a week). Out of range or not a whole number: 422 ERR_VALIDATION at /expiresInSeconds.',
          },
        },
      },
      CredentialSharing: {
        type: 'object',
        description:
          'What one credential of the answer shared: the whole credential (jwt_vc_json, ldp_vc), or for an SD-JWT VC (dc+sd-jwt) the claims disclosed and what was withheld.',
        required: ['index', 'shared'],
        properties: {
          index: {
            type: 'integer',
            description: "The credential's position in the answer (as `credentialIndex`).",
          },
          format: { enum: ['jwt_vc_json', 'ldp_vc', 'dc+sd-jwt'] },
          shared: { enum: ['whole', 'selective'] },
          disclosed: {
            type: 'array',
            items: objectSchema({ path: 'array', label: objectSchema({ nl: 'string', en: 'string' }) }, [
              'path',
            ]),
          },
          withheld: {
            type: 'array',
            description:
              'Per place (a claims path), how many claims were withheld (decoy digests count too).',
            items: objectSchema({ path: 'array', count: 'integer' }, ['path', 'count']),
          },
          notShared: objectSchema({ nl: 'string', en: 'string' }, ['nl', 'en']),
        },
      },
      RequestReport: objectSchema(
        {
          accepted: 'boolean',
          outcome: { enum: ['verified', 'issuer_not_recognised', 'failed'] },
          holder: {
            type: 'string',
            description: 'The holder DID of the VPs; absent when every credential came as an SD-JWT VC.',
          },
          learnerName: {
            type: 'string',
            description:
              "The learner's name, only when a credential that counts shared it (an SD-JWT VC only when it disclosed it).",
          },
          identityConflicts: {
            type: 'array',
            description:
              'Present when the credentials that count name different people: per kind of identifier (`name`, or another Open Badges identityType given in the clear), each value and the indexes of the credentials that give it. The answer still stands; the employer is warned.',
            items: objectSchema(
              {
                identityType: 'string',
                values: {
                  type: 'array',
                  items: objectSchema(
                    { value: 'string', credentials: { type: 'array', items: { type: 'integer' } } },
                    ['value', 'credentials'],
                  ),
                },
              },
              ['identityType', 'values'],
            ),
          },
          presentations: 'array',
          sharing: { type: 'array', items: { $ref: '#/components/schemas/CredentialSharing' } },
          match: 'object',
        },
        ['accepted', 'outcome', 'presentations', 'match'],
      ),
      SkillsRequest: objectSchema(
        {
          id: 'string',
          title: 'string',
          status: { enum: ['pending', 'expired', 'answered'] },
          link: 'string',
          qrCodeUrl: 'string',
          expiresAt: 'string',
          skills: 'array',
          incompleteAnswers: objectSchema(
            {
              count: 'integer',
              lastReceivedAt: 'string',
              lastReason: { enum: ['no_presentation', 'required_credentials_missing', 'wallet_error'] },
              lastError: 'string',
            },
            ['count', 'lastReceivedAt', 'lastReason'],
          ),
          askForName: 'boolean',
          result: objectSchema(
            {
              receivedAt: 'string',
              accepted: 'boolean',
              outcome: 'string',
              report: { $ref: '#/components/schemas/RequestReport' },
            },
            ['receivedAt', 'accepted', 'outcome', 'report'],
          ),
        },
        ['id', 'title', 'status', 'link', 'qrCodeUrl', 'expiresAt', 'skills'],
      ),
      TrustedIssuerInput: {
        type: 'object',
        required: ['name', 'kind', 'accreditedTypes'],
        properties: {
          name: { type: 'string' },
          kind: { enum: [...ISSUER_KINDS] },
          accreditedTypes: { type: 'array', items: { enum: [...CREDENTIAL_TYPES] } },
          catalogue: {
            type: 'string',
            format: 'uri',
            description:
              "A training provider's module catalogue (its GET /api/catalogues/:slug); https, or http on localhost when the verifier allows insecure localhost",
          },
          intake: {
            type: 'string',
            format: 'uri',
            description: "An EVC provider's intake (its GET /api/intake/:slug); https as for catalogue",
          },
        },
      },
      TrustedIssuer: {
        type: 'object',
        required: ['did', 'name', 'kind', 'accreditedTypes'],
        properties: {
          did: { type: 'string' },
          name: { type: 'string' },
          kind: { enum: [...ISSUER_KINDS] },
          accreditedTypes: { type: 'array', items: { enum: [...CREDENTIAL_TYPES] } },
          catalogue: { type: 'string', format: 'uri' },
          intake: { type: 'string', format: 'uri' },
        },
      },
    },
  });
}
