import { Ajv2019 } from 'ajv/dist/2019.js';
import type { ValidateFunction } from 'ajv/dist/2019.js';
import { AJV_SETUP, applyAjvSetup } from '../validation/ajv-setup.js';
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
    // Options and formats from ajv-setup.json (the wallet's build precompiles with the same):
    // the @context tuple fixes its first two entries and leaves the rest open on purpose; the
    // schema asserts RFC 3339 date-times (with a time zone) and full dates.
    const ajv = new Ajv2019(AJV_SETUP.openBadge.options);
    applyAjvSetup(ajv, AJV_SETUP.openBadge);
    compiled = ajv.compile(achievementCredentialSchema);
  }
  return compiled;
}
