import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { REQUEST_OBJECT_MAX_SECONDS } from './domain/skills-requests.js';
import { startVerifier, type Harness } from './test-support/harness.js';
import { SKILL, trust } from './test-support/response-endpoint.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// How long a request stays open: the employer's choice (a week by default, 30 days at most),
// while the signed request object a wallet fetches stays short-lived and the nonce single-use.
const DAY = 86_400_000;
let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();
const employer = (): Record<string, string> => ({ Authorization: `Bearer ${h.apiKey}` });

beforeAll(async () => {
  // The configured default as loadConfig gives it (config.test.ts checks that default).
  h = await startVerifier({ config: { requestTtlSeconds: 7 * 86_400 } });
  await issuer.start();
  await trust(h, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'), 'evc-provider');
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

function create(body: Record<string, unknown> = {}) {
  return request(h.app)
    .post('/api/requests')
    .set(employer())
    .set('content-type', 'application/json')
    .send(JSON.stringify({ title: 'Zorghulp', skills: [{ uri: SKILL }], ...body }));
}

async function fetchRequestObject(id: string) {
  const res = await request(h.app).get(`/oid4vp/requests/${id}`).expect(200);
  return JSON.parse(Buffer.from(res.text.split('.')[1]!, 'base64url').toString()) as Record<string, any>;
}

function answer(id: string, claims: Record<string, any>) {
  const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
    nonce: claims.nonce,
    audience: claims.client_id,
    iat: Math.floor(h.clock.t / 1000),
  });
  return request(h.app)
    .post(`/oid4vp/responses/${id}`)
    .type('form')
    .send({ vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }), state: claims.state });
}

describe('the lifetime of a request', () => {
  it('is a week when the employer names none', async () => {
    const res = await create().expect(201);
    expect(Date.parse(res.body.expiresAt) - h.clock.t).toBe(7 * DAY);
  });

  it('is what the employer names, up to 30 days', async () => {
    const res = await create({ expiresInSeconds: 30 * 86_400 }).expect(201);
    expect(res.body.expiresAt).toBe(new Date(h.clock.t + 30 * DAY).toISOString());
    const view = await request(h.app).get(`/api/requests/${res.body.id}`).set(employer()).expect(200);
    expect(view.body).toMatchObject({ status: 'pending', expiresAt: res.body.expiresAt });
  });

  it.each([
    ['59 seconds', 59],
    ['30 days and a second', 30 * 86_400 + 1],
    ['a fraction', 3600.5],
    ['a string', '3600'],
    ['null', null],
    ['a negative number', -3600],
  ])('refuses %s with a problem document naming the field', async (_name, value) => {
    const res = await create({ expiresInSeconds: value });
    expect(res.status).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/expiresInSeconds', message: expect.stringContaining('30 days') }),
    ]);
  });

  it('keeps the signed request object short-lived, re-signed on each fetch, and the nonce single-use', async () => {
    const start = h.clock.t;
    try {
      const created = (await create({ expiresInSeconds: 14 * 86_400 }).expect(201)).body;
      const first = await fetchRequestObject(created.id);
      expect(first.exp - first.iat).toBe(REQUEST_OBJECT_MAX_SECONDS);
      // Ten days later the request is still open: a wallet fetches a fresh object with the same nonce.
      h.clock.t = start + 10 * DAY;
      const later = await fetchRequestObject(created.id);
      expect(later.iat).toBe(Math.floor(h.clock.t / 1000));
      expect(later.exp - later.iat).toBe(REQUEST_OBJECT_MAX_SECONDS);
      expect(later.nonce).toBe(first.nonce);
      expect((await answer(created.id, later)).status).toBe(200);
      // The nonce is used up with the first complete answer, however long the request had left.
      const again = await answer(created.id, later);
      expect(again.status).toBe(400);
      expect(again.body.code).toBe('ERR_REQUEST_ALREADY_ANSWERED');
      await request(h.app).get(`/oid4vp/requests/${created.id}`).expect(410);
    } finally {
      h.clock.t = start;
    }
  });

  it('ends the request object with the request when that comes first', async () => {
    const created = (await create({ expiresInSeconds: 120 }).expect(201)).body;
    const claims = await fetchRequestObject(created.id);
    expect(claims.exp).toBe(Math.floor(Date.parse(created.expiresAt) / 1000));
    const start = h.clock.t;
    h.clock.t = start + 121_000;
    try {
      const res = await request(h.app).get(`/oid4vp/requests/${created.id}`).expect(410);
      expect(res.body.code).toBe('ERR_REQUEST_EXPIRED');
      const late = await answer(created.id, claims);
      expect(late.body.code).toBe('ERR_REQUEST_EXPIRED');
    } finally {
      h.clock.t = start;
    }
  });
});
