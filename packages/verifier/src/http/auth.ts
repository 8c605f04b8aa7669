import { adminGuard, bearerGuard, sha256Hex, type AuthFailures } from '@skills-passport/service-kit';
import type { RequestHandler } from 'express';
import type { VerifierDeps } from '../deps.js';

/** Admin routes: the token from the configuration, compared in constant time. */
export function requireAdmin(deps: VerifierDeps, failures?: AuthFailures): RequestHandler {
  return adminGuard(deps.config.adminToken, failures);
}

/** Employer routes: a known, unrevoked API key; binds the request to its employer (`res.locals.employer`). */
export function requireEmployer(deps: VerifierDeps, failures?: AuthFailures): RequestHandler {
  return bearerGuard({
    failures,
    missing: 'Send your employer API key as a Bearer token.',
    invalid: 'This API key is not valid.',
    authenticate: (token) => deps.store.employerByKeyHash(sha256Hex(token)),
    accept(employer, _req, res) {
      res.locals.employer = employer;
    },
  });
}
