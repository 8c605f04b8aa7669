import {
  isSkillsPassportError,
  type ErrorCode,
  type SkillsPassportError,
  type ValidationIssue,
} from '@skills-passport/core';
import type { ErrorRequestHandler, Response } from 'express';
import type { Logger } from 'pino';

/** HTTP status per error code (the one code → HTTP mapping of this service); others answer 400. */
const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_NOT_AN_OBJECT: 400,
  ERR_FORBIDDEN_KEY: 400,
  ERR_INPUT_TOO_DEEP: 400,
  ERR_MALFORMED_JSON: 400,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_VALIDATION: 422,
  ERR_UNKNOWN_SKILL: 422,
  ERR_UNAUTHENTICATED: 401,
  ERR_NOT_FOUND: 404,
  ERR_REQUEST_EXPIRED: 410,
  ERR_REQUEST_ALREADY_ANSWERED: 410,
  ERR_RATE_LIMITED: 429,
  ERR_STORAGE_UNAVAILABLE: 503,
  ERR_INTERNAL: 500,
};

const TITLES: Partial<Record<ErrorCode, string>> = {
  ERR_VALIDATION: 'The request is not valid',
  ERR_UNKNOWN_SKILL: 'Unknown skill',
  ERR_UNAUTHENTICATED: 'Authentication required',
  ERR_NOT_FOUND: 'Not found',
  ERR_REQUEST_EXPIRED: 'The request has expired',
  ERR_REQUEST_ALREADY_ANSWERED: 'The request has been answered',
  ERR_INTERNAL: 'Something went wrong on our side',
};

/** The HTTP status this service answers `code` with. */
export function statusOf(code: ErrorCode): number {
  return STATUS[code] ?? 400;
}

/** Sends an RFC 9457 problem document with our stable `code` and, for validation, `errors[]`. */
export function sendProblem(
  res: Response,
  code: ErrorCode,
  detail: string,
  issues: readonly ValidationIssue[] = [],
): void {
  const status = statusOf(code);
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

/** Logs a storage fault once, with SQLite's reason and the route pattern, never the request. */
export function logStorageFault(logger: Logger, error: SkillsPassportError, route: unknown): void {
  logger.error(
    {
      err: error.cause,
      path: typeof route === 'object' && route !== null ? String((route as { path?: string }).path) : '',
    },
    'storage unavailable',
  );
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/**
 * The one place errors become responses: domain errors keep their code, body-parser errors get
 * theirs, anything unknown is logged once and answered with a plain 500 that reveals nothing.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (isSkillsPassportError(error)) {
      if (error.code === 'ERR_STORAGE_UNAVAILABLE') logStorageFault(logger, error, req.route);
      return sendProblem(res, error.code, error.message, error.issues);
    }
    const parser = error as BodyParserError | null;
    if (parser?.type === 'entity.too.large')
      return sendProblem(res, 'ERR_PAYLOAD_TOO_LARGE', 'The request body is too large.');
    if (parser?.type === 'entity.parse.failed')
      return sendProblem(res, 'ERR_MALFORMED_JSON', 'The request body is not valid JSON.');
    if (parser?.type !== undefined && parser.status !== undefined && parser.status < 500) {
      return sendProblem(res, 'ERR_VALIDATION', 'The request body could not be read.');
    }
    logger.error({ err: error, method: req.method }, 'unhandled error');
    return sendProblem(res, 'ERR_INTERNAL', 'An unexpected error occurred; it has been logged.');
  };
}
