import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  ADMIN_TOKEN,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';

// Rate limits per client address: on each OpenID4VCI endpoint, and on failed authentication.
describe('[access control] rate limits', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  beforeAll(async () => {
    issuer = await startIssuer({ config: { rateLimitPerMinute: 40 } });
    org = await provisionOrg(issuer, 'limited', 'evc-provider');
  });
  afterAll(async () => issuer.destroy());

  it('answers 429 with Retry-After once a client has used up the nonce endpoint', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 42; i += 1)
      statuses.push((await call(issuer.url, 'POST', '/orgs/limited/nonce')).status);
    expect(statuses.slice(0, 40).every((s) => s === 200)).toBe(true);
    const refused = await call(issuer.url, 'POST', '/orgs/limited/nonce');
    expect(refused).toMatchObject({ status: 429, body: { code: 'ERR_RATE_LIMITED' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other endpoints keep their own allowance.
    expect((await call(issuer.url, 'GET', '/api/me', { token: org.apiKey })).status).toBe(200);
  });

  it('locks a client out after repeated failed API-key attempts, even with a right key', async () => {
    const wrong = `${org.apiKey.slice(0, -4)}AAAA`;
    for (let i = 0; i < 10; i += 1)
      expect((await call(issuer.url, 'GET', '/api/me', { token: wrong })).status).toBe(401);
    expect((await call(issuer.url, 'GET', '/api/me', { token: org.apiKey })).body.code).toBe(
      'ERR_RATE_LIMITED',
    );
    expect((await call(issuer.url, 'GET', '/admin/organisations', { token: ADMIN_TOKEN })).body.code).toBe(
      'ERR_RATE_LIMITED',
    );
  });
});
