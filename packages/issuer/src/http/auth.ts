import { SkillsPassportError } from '@skills-passport/core';
import { bearerToken, sameSecret, type AuthFailures } from '@skills-passport/service-kit';
import type { RequestHandler } from 'express';
import type { Actor, IssuerDeps } from '../domain/deps.js';
import { authenticateApiKey, type StaffPrincipal } from '../domain/staff.js';

/** Admin routes: the bootstrap token from the environment, compared in constant time. */
export function requireAdmin(deps: IssuerDeps, failures?: AuthFailures): RequestHandler {
  return (req, res, next) => {
    if (failures?.exhausted(req, res) === true) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearerToken(req);
    if (token === undefined || !sameSecret(token, deps.config.adminToken)) {
      failures?.record(req);
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
export function requireStaff(deps: IssuerDeps, failures?: AuthFailures): RequestHandler {
  return (req, res, next) => {
    if (failures?.exhausted(req, res) === true) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearerToken(req);
    if (token === undefined) {
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'Send your API key as a Bearer token.'));
      return;
    }
    authenticateApiKey(deps, token).then(
      (principal) => {
        if (principal === undefined) {
          failures?.record(req);
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
