import { SkillsPassportError } from '@skills-passport/core';
import type { Request, RequestHandler } from 'express';
import type { Actor, IssuerDeps } from '../domain/deps.js';
import { sameSecret } from '../domain/secrets.js';
import { authenticateApiKey, type StaffPrincipal } from '../domain/staff.js';
import { failureKey, type RateLimiter } from './rate-limit.js';

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header === undefined ? null : /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  return match?.[1];
}

/** The bearer token of a request, if it carries one in the Authorization header. */
export const bearerToken = bearer;

/** Refuses a client that failed authentication too often in the current window (429, Retry-After). */
function tooManyFailures(
  failures: RateLimiter | undefined,
  req: Request,
  res: { set(name: string, value: string): unknown },
): boolean {
  if (failures === undefined || !failures.exhausted(failureKey(req))) return false;
  res.set('Retry-After', String(failures.secondsLeft(failureKey(req))));
  return true;
}

/** Admin routes: the bootstrap token from the environment, compared in constant time. */
export function requireAdmin(deps: IssuerDeps, failures?: RateLimiter): RequestHandler {
  return (req, res, next) => {
    if (tooManyFailures(failures, req, res)) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearer(req);
    if (token === undefined || !sameSecret(token, deps.config.adminToken)) {
      failures?.take(failureKey(req));
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'This route needs the administrator token.'));
      return;
    }
    res.locals.actor = {
      kind: 'admin',
      id: 'admin',
      ...(req.ip === undefined ? {} : { ip: req.ip }),
    } satisfies Actor;
    next();
  };
}

/** Staff routes: an API key that is known and not revoked; binds the request to the key's organisation. */
export function requireStaff(deps: IssuerDeps, failures?: RateLimiter): RequestHandler {
  return (req, res, next) => {
    if (tooManyFailures(failures, req, res)) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearer(req);
    if (token === undefined) {
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'Send your API key as a Bearer token.'));
      return;
    }
    authenticateApiKey(deps, token).then(
      (principal) => {
        if (principal === undefined) {
          failures?.take(failureKey(req));
          next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'The API key is unknown or revoked.'));
          return;
        }
        res.locals.principal = principal;
        res.locals.actor = {
          kind: 'staff',
          id: principal.staff.id,
          orgSlug: principal.org.slug,
          ...(req.ip === undefined ? {} : { ip: req.ip }),
        } satisfies Actor;
        next();
      },
      (error: unknown) => next(error),
    );
  };
}

export function principalOf(res: { locals: Record<string, unknown> }): StaffPrincipal {
  return res.locals.principal as StaffPrincipal;
}

export function actorOf(res: { locals: Record<string, unknown> }): Actor {
  return res.locals.actor as Actor;
}
