import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { raisedErrorCodes, repoRoot } from '@skills-passport/service-kit/testing';
import { ISSUER_STATUS } from './codes.js';

describe("the issuer's code -> HTTP status table", () => {
  it('maps every code the issuer, the service kit and the core checks it calls can raise', () => {
    const raised = raisedErrorCodes(
      join(repoRoot, 'packages/issuer/src'),
      join(repoRoot, 'packages/service-kit/src'),
      join(repoRoot, 'packages/core/src/validation'),
    );
    // Codes of core's credential validation and JSON guard travel as data and are thrown here.
    for (const code of [
      'ERR_SCHEMA_INVALID',
      'ERR_CREDENTIAL_TYPE_MISMATCH',
      'ERR_FORBIDDEN_KEY',
      'ERR_INPUT_TOO_DEEP',
      'ERR_INPUT_TOO_LARGE',
    ])
      raised.add(code);
    const unmapped = [...raised].filter((code) => !(code in ISSUER_STATUS));
    expect(unmapped).toEqual([]);
    expect(raised.size).toBeGreaterThan(15);
  });

  it('answers every mapped code with a 4xx or 5xx status', () => {
    for (const status of Object.values(ISSUER_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });
});
