import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { raisedErrorCodes, repoRoot } from '@skills-passport/service-kit/testing';
import { VERIFIER_STATUS } from './codes.js';

describe("the verifier's code -> HTTP status table", () => {
  it('maps every code the verifier, the service kit and the JSON guard can raise', () => {
    const raised = raisedErrorCodes(
      join(repoRoot, 'packages/verifier/src'),
      join(repoRoot, 'packages/service-kit/src'),
    );
    // The JSON guard's codes travel as data and are thrown by the body parser.
    for (const code of ['ERR_FORBIDDEN_KEY', 'ERR_INPUT_TOO_DEEP', 'ERR_INPUT_TOO_LARGE']) raised.add(code);
    const unmapped = [...raised].filter((code) => !(code in VERIFIER_STATUS));
    expect(unmapped).toEqual([]);
    expect(raised.size).toBeGreaterThan(10);
  });

  it('answers every mapped code with a 4xx or 5xx status', () => {
    for (const status of Object.values(VERIFIER_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });
});
