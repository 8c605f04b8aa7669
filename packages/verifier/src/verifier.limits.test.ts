import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { ADMIN_TOKEN, startVerifier, type Harness } from './test-support/harness.js';

// Rate limits per client address, as the issuer has them: on each OpenID4VP endpoint, and on
// failed authentication (employer API keys and the admin token).
describe('[access control] rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startVerifier({ config: { rateLimitPerMinute: 20 } });
  });
  afterAll(async () => h.close());

  it('answers 429 with Retry-After once a client has used up the request-object endpoint', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 20; i += 1)
      statuses.push((await request(h.app).get('/oid4vp/requests/nothing')).status);
    expect(statuses.every((s) => s === 404)).toBe(true);
    const refused = await request(h.app).get('/oid4vp/requests/nothing').expect(429);
    expect(refused.body.code).toBe('ERR_RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The response endpoint keeps its own allowance.
    const answer = await request(h.app).post('/oid4vp/responses/nothing').type('form').send({ state: 'x' });
    expect(answer.status).not.toBe(429);
  });

  it('locks a client out after repeated failed API-key attempts, even with a right key', async () => {
    for (let i = 0; i < 10; i += 1)
      await request(h.app).get('/api/requests').set('authorization', 'Bearer vk_wrong').expect(401);
    const refused = await request(h.app)
      .get('/api/requests')
      .set('authorization', `Bearer ${h.apiKey}`)
      .expect(429);
    expect(refused.body.code).toBe('ERR_RATE_LIMITED');
    await request(h.app)
      .get('/api/admin/trusted-issuers')
      .set('authorization', `Bearer ${ADMIN_TOKEN}`)
      .expect(429);
  });
});
