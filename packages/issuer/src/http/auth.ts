import { adminGuard, bearerGuard, type AuthFailures } from '@skills-passport/service-kit';
import type { RequestHandler } from 'express';
import type { Actor, IssuerDeps } from '../domain/deps.js';
import { authenticateApiKey, type StaffPrincipal } from '../domain/staff.js';

/** Admin routes: the bootstrap token from the environment, compared in constant time. */
export function requireAdmin(deps: IssuerDeps, failures?: AuthFailures): RequestHandler {
  return adminGuard(deps.config.adminToken, failures, (req, res) => {
    res.locals.actor = {
      kind: 'admin',
      id: 'admin',
      ...(req.ip === undefined ? {} : { ip: req.ip }),
    } satisfies Actor;
  });
}

/** Staff routes: an API key that is known and not revoked; binds the request to the key's organisation. */
export function requireStaff(deps: IssuerDeps, failures?: AuthFailures): RequestHandler {
  return bearerGuard({
    failures,
    missing: 'Send your API key as a Bearer token.',
    invalid: 'The API key is unknown or revoked.',
    authenticate: (token) => authenticateApiKey(deps, token),
    accept(principal, req, res) {
      res.locals.principal = principal;
      res.locals.actor = {
        kind: 'staff',
        id: principal.staff.id,
        orgSlug: principal.org.slug,
        ...(req.ip === undefined ? {} : { ip: req.ip }),
      } satisfies Actor;
    },
  });
}

export function principalOf(res: { locals: Record<string, unknown> }): StaffPrincipal {
  return res.locals.principal as StaffPrincipal;
}

export function actorOf(res: { locals: Record<string, unknown> }): Actor {
  return res.locals.actor as Actor;
}
