import { isSkillsPassportError, type ErrorCode, type ValidationIssue } from '@skills-passport/core';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { OAuthError } from '../domain/oauth-error.js';
import { routeOf } from '../logger.js';

/** HTTP status per error code; codes not listed (other services' codes) answer 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_NOT_AN_OBJECT: 400,
  ERR_FORBIDDEN_KEY: 400,
  ERR_INPUT_TOO_DEEP: 400,
  ERR_MALFORMED_JSON: 400,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_UNKNOWN_CREDENTIAL_TYPE: 422,
  ERR_CREDENTIAL_TYPE_MISMATCH: 422,
  ERR_SCHEMA_INVALID: 422,
  ERR_VALIDATION: 422,
  ERR_CSV_INVALID: 422,
  ERR_IDEMPOTENCY_KEY_REUSED: 422,
  ERR_UNAUTHENTICATED: 401,
  ERR_FORBIDDEN: 403,
  ERR_CREDENTIAL_TYPE_NOT_ALLOWED: 403,
  ERR_NOT_FOUND: 404,
  ERR_CONFLICT: 409,
  ERR_INVALID_STATE: 409,
  ERR_OFFER_EXPIRED: 410,
  ERR_OFFER_REDEEMED: 410,
  ERR_RATE_LIMITED: 429,
  ERR_STORAGE_UNAVAILABLE: 503,
  ERR_INTERNAL: 500,
};

const TITLES: Partial<Record<ErrorCode, string>> = {
  ERR_SCHEMA_INVALID: 'The credential content is not valid',
  ERR_VALIDATION: 'The request is not valid',
  ERR_UNAUTHENTICATED: 'Authentication required',
  ERR_NOT_FOUND: 'Not found',
  ERR_INTERNAL: 'Something went wrong on our side',
};

/** Sends an RFC 9457 problem document with our stable `code` and, for validation, `errors[]`. */
export function sendProblem(
  res: Response,
  code: ErrorCode,
  detail: string,
  issues: readonly ValidationIssue[] = [],
): void {
  const status = STATUS[code] ?? 400;
  const body: Record<string, unknown> = {
    type: `https://w3id.org/skills-passport/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[code] ?? detail,
    status,
    code,
    detail,
  };
  if (issues.length > 0)
    body.errors = issues.map(({ pointer, rule, message }) => ({ pointer, rule, message }));
  if (code === 'ERR_UNAUTHENTICATED') res.set('WWW-Authenticate', 'Bearer');
  res.status(status).type('application/problem+json').send(JSON.stringify(body));
}

/** Sends an OAuth-style error as OpenID4VCI prescribes for its endpoints. */
export function sendOAuthError(res: Response, error: OAuthError): void {
  if (error.error === 'invalid_token')
    res.set('WWW-Authenticate', `Bearer error="invalid_token", error_description="${error.description}"`);
  res
    .status(error.status)
    .set('Cache-Control', 'no-store')
    .json({ error: error.error, error_description: error.description });
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The one place errors become responses. Domain errors keep their code; the body parser's errors
 * get theirs; anything unknown is logged once with its cause and answered with a plain 500 that
 * reveals nothing.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (error instanceof OAuthError) return sendOAuthError(res, error);
    if (isSkillsPassportError(error)) {
      if (error.code === 'ERR_STORAGE_UNAVAILABLE')
        logger.error({ err: error.cause, route: routeOf(req) }, 'storage unavailable');
      return sendProblem(res, error.code, error.message, error.issues);
    }
    const parserType = (error as BodyParserError | null)?.type;
    if (parserType === 'entity.too.large')
      return sendProblem(res, 'ERR_PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (parserType === 'entity.parse.failed')
      return sendProblem(res, 'ERR_MALFORMED_JSON', 'The request body is not valid JSON.');
    if (
      parserType !== undefined &&
      (error as BodyParserError).status !== undefined &&
      (error as BodyParserError).status! < 500
    ) {
      return sendProblem(res, 'ERR_VALIDATION', 'The request body could not be read.');
    }
    logger.error({ err: error, method: req.method, route: routeOf(req) }, 'unhandled error');
    return sendProblem(res, 'ERR_INTERNAL', 'An unexpected error occurred; it has been logged.');
  };
}
