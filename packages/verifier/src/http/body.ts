import { DEFAULT_JSON_LIMITS, guardJson, SkillsPassportError, type JsonLimits } from '@skills-passport/core';
import express, { type RequestHandler } from 'express';

/**
 * A JSON body of at most `limit`, screened (prototype-pollution keys, depth, size) before any
 * handler sees it; anything but `application/json` is `ERR_UNSUPPORTED_MEDIA_TYPE`.
 */
export function jsonBody(limit: string, limits: JsonLimits = DEFAULT_JSON_LIMITS): RequestHandler[] {
  return [
    (req, _res, next) => {
      next(
        req.is('application/json')
          ? undefined
          : new SkillsPassportError('ERR_UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'),
      );
    },
    express.json({ limit, strict: true }),
    (req, _res, next) => {
      const body: unknown = req.body;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        next(new SkillsPassportError('ERR_NOT_AN_OBJECT', 'The body must be a JSON object.'));
        return;
      }
      const failure = guardJson(body, limits);
      next(
        failure === undefined
          ? undefined
          : new SkillsPassportError(failure.code, failure.issue.message, { issues: [failure.issue] }),
      );
    },
  ];
}
