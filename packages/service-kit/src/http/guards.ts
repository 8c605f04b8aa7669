import { SkillsPassportError } from '@skills-passport/core';
import type { Request, RequestHandler, Response } from 'express';
import { sameSecret } from '../secrets.js';
import { bearerToken } from './bearer.js';
import type { AuthFailures } from './rate-limit.js';

/**
 * A route guard on a bearer credential. A client that failed too often is refused first
 * (`ERR_RATE_LIMITED`, Retry-After); a missing credential is `ERR_UNAUTHENTICATED` with `missing`;
 * a wrong one is counted as a failure and is `ERR_UNAUTHENTICATED` with `invalid`. `accept` binds the
 * request to whoever the credential stands for.
 */
export function bearerGuard<Principal>(options: {
  failures?: AuthFailures | undefined;
  missing: string;
  invalid: string;
  authenticate(token: string): Principal | undefined | Promise<Principal | undefined>;
  accept?(principal: Principal, req: Request, res: Response): void;
}): RequestHandler {
  // Express 5 hands a rejection of this handler to the error middleware.
  return async (req, res, next) => {
    if ((await options.failures?.exhausted(req, res)) === true) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearerToken(req);
    if (token === undefined) {
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', options.missing));
      return;
    }
    const principal = await options.authenticate(token);
    if (principal === undefined) {
      await options.failures?.record(req);
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', options.invalid));
      return;
    }
    options.accept?.(principal, req, res);
    next();
  };
}

/** A guard for administrator routes: the service's admin token, compared in constant time. */
export function adminGuard(
  adminToken: string,
  failures?: AuthFailures,
  accept?: (req: Request, res: Response) => void,
): RequestHandler {
  const message = 'This route needs the administrator token.';
  return bearerGuard({
    failures,
    missing: message,
    invalid: message,
    authenticate: (token) => (sameSecret(token, adminToken) ? true : undefined),
    ...(accept === undefined
      ? {}
      : { accept: (_principal: true, req: Request, res: Response) => accept(req, res) }),
  });
}
