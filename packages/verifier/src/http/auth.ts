import { createHash, timingSafeEqual } from 'node:crypto';
import { SkillsPassportError } from '@skills-passport/core';
import type { Request, RequestHandler } from 'express';
import type { VerifierDeps } from '../deps.js';

function bearer(req: Request): string | undefined {
  const header = req.get('authorization');
  const match = header === undefined ? null : /^Bearer ([\x21-\x7e]{1,512})$/.exec(header);
  return match?.[1];
}

/** Hash under which an employer API key is stored (keys are random, so a plain SHA-256 suffices). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** Compares secrets in constant time (over their hashes, so lengths do not leak either). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** Admin routes: the token from the configuration. */
export function requireAdmin(deps: VerifierDeps): RequestHandler {
  return (req, _res, next) => {
    const token = bearer(req);
    next(
      token !== undefined && sameSecret(token, deps.config.adminToken)
        ? undefined
        : new SkillsPassportError('ERR_UNAUTHENTICATED', 'This route needs the administrator token.'),
    );
  };
}

/** Employer routes: a known, unrevoked API key; binds the request to its employer (`res.locals.employer`). */
export function requireEmployer(deps: VerifierDeps): RequestHandler {
  return (req, res, next) => {
    const token = bearer(req);
    if (token === undefined) {
      next(new SkillsPassportError('ERR_UNAUTHENTICATED', 'Send your employer API key as a Bearer token.'));
      return;
    }
    deps.store
      .employerByKeyHash(hashApiKey(token))
      .then((employer) => {
        if (employer === undefined)
          throw new SkillsPassportError('ERR_UNAUTHENTICATED', 'This API key is not valid.');
        res.locals.employer = employer;
        next();
      })
      .catch(next);
  };
}
