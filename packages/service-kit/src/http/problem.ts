import { isSkillsPassportError, type ErrorCode, type ValidationIssue } from '@skills-passport/core';
import type { ErrorRequestHandler, Request, Response } from 'express';
import type { Logger } from 'pino';
import { routeOf } from '../logging/logger.js';

/** A service's own code -> HTTP status table: the only place its codes meet HTTP. */
export type StatusTable = Readonly<Partial<Record<ErrorCode, number>>>;

/** Codes every service answers alike: the shape of a request, authentication, limits, storage. */
export const COMMON_STATUS = {
  ERR_NOT_AN_OBJECT: 400,
  ERR_FORBIDDEN_KEY: 400,
  ERR_INPUT_TOO_DEEP: 400,
  ERR_MALFORMED_JSON: 400,
  ERR_INPUT_TOO_LARGE: 413,
  ERR_PAYLOAD_TOO_LARGE: 413,
  ERR_UNSUPPORTED_MEDIA_TYPE: 415,
  ERR_VALIDATION: 422,
  ERR_UNAUTHENTICATED: 401,
  ERR_NOT_FOUND: 404,
  ERR_RATE_LIMITED: 429,
  ERR_STORAGE_UNAVAILABLE: 503,
  // A configuration the service cannot work with (read at start-up, or a file it reloads).
  ERR_CONFIG_INVALID: 500,
  ERR_INTERNAL: 500,
} as const satisfies StatusTable;

const COMMON_TITLES: Partial<Record<ErrorCode, string>> = {
  ERR_VALIDATION: 'The request is not valid',
  ERR_UNAUTHENTICATED: 'Authentication required',
  ERR_NOT_FOUND: 'Not found',
  ERR_STORAGE_UNAVAILABLE: 'Storage is unavailable',
  ERR_INTERNAL: 'Something went wrong on our side',
};

/** Sends RFC 9457 problem documents under one service's status table. */
export interface Problems {
  /** The status `code` maps to, or `undefined` when the table has none (a bug, answered as 500). */
  statusOf(code: ErrorCode): number | undefined;
  /** Answers `application/problem+json` with our stable `code` and, for validation, `errors[]`. */
  send(res: Response, code: ErrorCode, detail: string, issues?: readonly ValidationIssue[]): void;
}

export function problemsFor(
  table: StatusTable,
  logger: Logger,
  titles: Partial<Record<ErrorCode, string>> = {},
): Problems {
  const statusOf = (code: ErrorCode): number | undefined => table[code];
  return {
    statusOf,
    send(res, code, detail, issues = []) {
      let status = statusOf(code);
      if (status === undefined) {
        // No silent default: an unmapped code is a mistake in this service's table.
        logger.error({ code }, 'no HTTP status for this error code');
        [code, detail, issues, status] = [
          'ERR_INTERNAL',
          'An unexpected error occurred; it has been logged.',
          [],
          500,
        ];
      }
      const body: Record<string, unknown> = {
        type: `https://w3id.org/skills-passport/problems/${code.toLowerCase().replace(/_/g, '-')}`,
        title: titles[code] ?? COMMON_TITLES[code] ?? detail,
        status,
        code,
        detail,
      };
      if (issues.length > 0)
        body.errors = issues.map(({ pointer, rule, message }) => ({ pointer, rule, message }));
      if (code === 'ERR_UNAUTHENTICATED') res.set('WWW-Authenticate', 'Bearer');
      res.status(status).type('application/problem+json').send(JSON.stringify(body));
    },
  };
}

interface BodyParserError {
  type?: string;
  status?: number;
}

/** A service's own answer to an error it knows (an OAuth error on a protocol endpoint); true when sent. */
export type SpecialErrorHandler = (error: unknown, req: Request, res: Response) => boolean;

/**
 * The one place errors become responses. Domain errors keep their code; the body parser's errors
 * get theirs; anything unknown is logged once with its cause and answered with a plain 500 that
 * reveals nothing.
 */
export function errorHandler(
  problems: Problems,
  logger: Logger,
  special?: SpecialErrorHandler,
): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) return;
    if (special?.(error, req, res) === true) return;
    if (isSkillsPassportError(error)) {
      if (error.code === 'ERR_STORAGE_UNAVAILABLE') logStorageFault(logger, error.cause, req);
      problems.send(res, error.code, error.message, error.issues);
      return;
    }
    const parser = error as BodyParserError | null;
    if (parser?.type === 'entity.too.large') {
      problems.send(res, 'ERR_PAYLOAD_TOO_LARGE', 'The request body is too large.');
    } else if (parser?.type === 'entity.parse.failed') {
      problems.send(res, 'ERR_MALFORMED_JSON', 'The request body is not valid JSON.');
    } else if (parser?.type !== undefined && parser.status !== undefined && parser.status < 500) {
      problems.send(res, 'ERR_VALIDATION', 'The request body could not be read.');
    } else {
      logger.error({ err: error, method: req.method, route: routeOf(req) }, 'unhandled error');
      problems.send(res, 'ERR_INTERNAL', 'An unexpected error occurred; it has been logged.');
    }
  };
}

/** Logs a storage fault once, with the driver's reason and the route pattern, never the request. */
export function logStorageFault(logger: Logger, cause: unknown, req: Request): void {
  logger.error({ err: cause, route: routeOf(req) }, 'storage unavailable');
}
