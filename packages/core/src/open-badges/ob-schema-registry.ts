import { Ajv2019 } from 'ajv/dist/2019.js';
import type { ValidateFunction } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import achievementCredentialSchema from '@skills-passport/schemas/open-badges/ob-v3p0-achievementcredential.schema.json' with { type: 'json' };

/**
 * 1EdTech's Open Badges 3.0 AchievementCredential JSON Schema (draft 2019-09), as shipped in
 * `schemas/open-badges/` (see its SOURCES.md).
 */
export const OPEN_BADGE_SCHEMA: object = achievementCredentialSchema;

let compiled: ValidateFunction | undefined;

/**
 * Compiles the Open Badges schema once per process and returns its validator. Like
 * `credentialValidators()`, ajv compiles with `new Function`: a page whose Content-Security-Policy
 * forbids eval must swap this module for a precompiled one, as the wallet does for ours.
 */
export function openBadgeValidator(): ValidateFunction {
  if (compiled === undefined) {
    const ajv = new Ajv2019({
      allErrors: true,
      strict: true,
      // The @context tuple fixes its first two entries and leaves the rest open on purpose.
      strictTuples: false,
      verbose: true,
    });
    // The schema asserts RFC 3339 date-times (with a time zone) and full dates.
    ajvFormats.default(ajv, ['date-time', 'date']);
    compiled = ajv.compile(achievementCredentialSchema);
  }
  return compiled;
}
