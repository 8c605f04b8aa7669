// Builders for the OpenAPI 3.1 documents the services serve at /openapi.json. Each service lists its
// own paths; the shapes every service shares (problems, OAuth errors, parameters) are built here.

export type OpenApiObject = Record<string, unknown>;

/** A JSON response. */
export function jsonResponse(description: string, schema: OpenApiObject = { type: 'object' }): OpenApiObject {
  return { description, content: { 'application/json': { schema } } };
}

/** An RFC 9457 problem response; `description` names the codes it carries. */
export function problemResponse(description = 'Problem with a stable code'): OpenApiObject {
  return {
    description,
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/** An OAuth-style error response (`error`, `error_description`), as the OpenID4VC protocols want. */
export function oauthErrorResponse(description = 'OAuth-style error'): OpenApiObject {
  return jsonResponse(description, { $ref: '#/components/schemas/OAuthError' });
}

/** A required JSON request body. */
export function jsonRequestBody(schema: OpenApiObject, description?: string): OpenApiObject {
  return {
    required: true,
    ...(description === undefined ? {} : { description }),
    content: { 'application/json': { schema } },
  };
}

/** A required form body (`application/x-www-form-urlencoded`), as OAuth endpoints take. */
export function formRequestBody(schema: OpenApiObject): OpenApiObject {
  return { required: true, content: { 'application/x-www-form-urlencoded': { schema } } };
}

/** A required path parameter. */
export function pathParam(name: string, description?: string): OpenApiObject {
  return {
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
    ...(description === undefined ? {} : { description }),
  };
}

/** An optional text query parameter. */
export function queryParam(name: string, schema: OpenApiObject = { type: 'string' }): OpenApiObject {
  return { name, in: 'query', required: false, schema };
}

/** One operation. */
export function operation(
  summary: string,
  responses: Record<string | number, OpenApiObject>,
  extra: OpenApiObject = {},
): OpenApiObject {
  return { summary, ...extra, responses };
}

const PROBLEM_SCHEMA: OpenApiObject = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string', pattern: '^ERR_' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['pointer', 'message'],
        properties: { pointer: { type: 'string' }, rule: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

const OAUTH_ERROR_SCHEMA: OpenApiObject = {
  type: 'object',
  required: ['error'],
  properties: {
    error: { type: 'string' },
    error_description: { type: 'string' },
    code: { type: 'string', pattern: '^ERR_' },
  },
};

/** A whole OpenAPI 3.1 document: the paths a service serves, with the shared schemas added. */
export function openApiDocument(spec: {
  title: string;
  description: string;
  serverUrl: string;
  paths: Record<string, Record<string, OpenApiObject>>;
  securitySchemes: Record<string, OpenApiObject>;
  schemas?: Record<string, OpenApiObject>;
}): OpenApiObject {
  return {
    openapi: '3.1.0',
    info: { title: spec.title, version: '0.1.0', description: spec.description },
    servers: [{ url: spec.serverUrl }],
    paths: {
      '/health': { get: operation('Liveness', { 200: jsonResponse('The service runs') }) },
      '/openapi.json': { get: operation('This document', { 200: jsonResponse('OpenAPI 3.1') }) },
      ...spec.paths,
    },
    components: {
      securitySchemes: spec.securitySchemes,
      schemas: { Problem: PROBLEM_SCHEMA, OAuthError: OAUTH_ERROR_SCHEMA, ...spec.schemas },
    },
  };
}

/** A bearer security scheme. */
export function bearerScheme(description: string): OpenApiObject {
  return { type: 'http', scheme: 'bearer', description };
}

type PlainType = 'string' | 'integer' | 'boolean' | 'object' | 'array';

/** An object schema; a property is a schema, or just the name of its JSON type. */
export function objectSchema(
  properties: Record<string, OpenApiObject | PlainType>,
  required: readonly string[] = [],
): OpenApiObject {
  return {
    type: 'object',
    ...(required.length === 0 ? {} : { required: [...required] }),
    properties: Object.fromEntries(
      Object.entries(properties).map(([name, schema]) => [
        name,
        typeof schema === 'string' ? { type: schema } : schema,
      ]),
    ),
  };
}
