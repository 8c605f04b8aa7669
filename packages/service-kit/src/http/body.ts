import { DEFAULT_JSON_LIMITS, guardJson, SkillsPassportError, type JsonLimits } from '@skills-passport/core';
import express, { type RequestHandler } from 'express';

/**
 * Parses a JSON body of at most `limit` bytes and screens it (prototype-pollution keys, depth, size
 * per {@link JsonLimits}) before any handler sees it. Anything but `application/json` gets
 * `ERR_UNSUPPORTED_MEDIA_TYPE`; a body that is not an object, `ERR_NOT_AN_OBJECT`.
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

/** Parses an `application/x-www-form-urlencoded` body (OAuth endpoints) of at most `limit`. */
export function formBody(limit: string, parameterLimit = 20): RequestHandler {
  return express.urlencoded({ limit, extended: false, parameterLimit });
}
