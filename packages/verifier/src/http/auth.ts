import { SkillsPassportError } from '@skills-passport/core';
import { bearerToken, sameSecret, sha256Hex, type AuthFailures } from '@skills-passport/service-kit';
import type { RequestHandler } from 'express';
import type { VerifierDeps } from '../deps.js';

/** Admin routes: the token from the configuration, compared in constant time. */
export function requireAdmin(deps: VerifierDeps, failures?: AuthFailures): RequestHandler {
  return (req, res, next) => {
    if (failures?.exhausted(req, res) === true) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearerToken(req);
    if (token !== undefined && sameSecret(token, deps.config.adminToken)) {
      next();
      return;
    }
    failures?.record(req);
    next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'This route needs the administrator token.'));
  };
}

/** Employer routes: a known, unrevoked API key; binds the request to its employer (`res.locals.employer`). */
export function requireEmployer(deps: VerifierDeps, failures?: AuthFailures): RequestHandler {
  return (req, res, next) => {
    if (failures?.exhausted(req, res) === true) {
      next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many failed attempts; try again later.'));
      return;
    }
    const token = bearerToken(req);
    if (token === undefined) {
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'Send your employer API key as a Bearer token.'));
      return;
    }
    deps.store
      .employerByKeyHash(sha256Hex(token))
      .then((employer) => {
        if (employer === undefined) {
          failures?.record(req);
          throw new SkillsPassportError('ERR_UNAUTHENTICATED', 'This API key is not valid.');
        }
        res.locals.employer = employer;
        next();
      })
      .catch(next);
  };
}
