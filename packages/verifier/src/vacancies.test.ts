import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createEmployer } from './http/admin-routes.js';
import { startVerifier, type Harness } from './test-support/harness.js';
import {
  employerView,
  issueEvc,
  post,
  present,
  SKILL,
  trust,
  type Session,
} from './test-support/response-endpoint.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// Published vacancies over real HTTP: an employer publishes a request's skills query as a public
// link; anyone reads it (no nonce), and asks for a fresh request made from it, which the employer
// sees and a wallet answers as any other.

const SIGNS = 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064';
const DAY = 86_400_000;

let h: Harness;
let issuer: StandInIssuer;
const holder = new TestHolder();

beforeAll(async () => {
  h = await startVerifier({ config: { walletUrl: new URL('http://localhost:3000') } });
  issuer = await new StandInIssuer(() => h.clock.t).start();
  await trust(h, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'), 'evc-provider', ['EVCCredential']);
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

const VACANCY = {
  title: 'Zorghulp, 24 uur',
  purpose: 'Voor ons team in Utrecht',
  skills: [
    { uri: SKILL, minimumLevel: 2 },
    { uri: SIGNS, required: false },
  ],
};
const publish = (body: unknown = VACANCY, apiKey = h.apiKey) =>
  request(h.app)
    .post('/api/vacancies')
    .set('Authorization', `Bearer ${apiKey}`)
    .send(body as object);
const withdraw = (id: string, apiKey = h.apiKey) =>
  request(h.app).delete(`/api/vacancies/${id}`).set('Authorization', `Bearer ${apiKey}`);

describe('publishing and reading a vacancy', () => {
  it('publishes: 201 with the public vacancy, its API url and its page', async () => {
    const res = await publish().expect(201);
    const id = res.body.id as string;
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(res.headers.location).toBe(`http://localhost:3002/api/vacancies/${id}`);
    expect(res.body).toEqual({
      id,
      url: `http://localhost:3002/api/vacancies/${id}`,
      page: `http://localhost:3002/vacancies/${id}`,
      title: 'Zorghulp, 24 uur',
      purpose: 'Voor ons team in Utrecht',
      employer: { name: 'Test employer' },
      skills: [
        {
          uri: SKILL,
          label: { nl: expect.any(String), en: expect.any(String) },
          required: true,
          minLevel: 2,
        },
        { uri: SIGNS, label: { nl: expect.any(String), en: expect.any(String) }, required: false },
      ],
      publishedAt: new Date(h.clock.t).toISOString(),
      expiresAt: new Date(h.clock.t + 30 * DAY).toISOString(),
    });
  });

  it('anyone reads it, CORS open: the skills as chosen, no nonce, no request', async () => {
    const { body: published } = await publish({ ...VACANCY, expiresInDays: 7 }).expect(201);
    const res = await request(h.app)
      .get(`/api/vacancies/${published.id}`)
      .set('Origin', 'http://localhost:3000')
      .expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const { url: _url, page: _page, ...vacancy } = published;
    expect(res.body).toEqual({ ...vacancy, expiresAt: new Date(h.clock.t + 7 * DAY).toISOString() });
    expect(JSON.stringify(res.body)).not.toMatch(/nonce|request_uri|openid4vp/);
    const preflight = await request(h.app)
      .options(`/api/vacancies/${published.id}/requests`)
      .set('Origin', 'http://localhost:3000')
      .set('Access-Control-Request-Method', 'POST')
      .expect(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
  });

  it("lists the employer's vacancies with their status", async () => {
    const { body: published } = await publish().expect(201);
    const { body } = await request(h.app)
      .get('/api/vacancies')
      .set('Authorization', `Bearer ${h.apiKey}`)
      .expect(200);
    expect(body.vacancies.find((v: { id: string }) => v.id === published.id)).toMatchObject({
      id: published.id,
      page: published.page,
      status: 'published',
    });
  });

  it('describes the routes in the OpenAPI document', async () => {
    const doc = (await request(h.app).get('/openapi.json').expect(200)).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/vacancies', '/api/vacancies/{id}', '/api/vacancies/{id}/requests']),
    );
  });
});

describe('withdrawing and expiry', () => {
  it('withdraws: 204, then 410 ERR_VACANCY_WITHDRAWN for reading and for asking a request', async () => {
    const { body } = await publish().expect(201);
    await withdraw(body.id).expect(204);
    for (const res of [
      await request(h.app).get(`/api/vacancies/${body.id}`),
      await request(h.app).post(`/api/vacancies/${body.id}/requests`),
    ]) {
      expect(res.status).toBe(410);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('ERR_VACANCY_WITHDRAWN');
    }
    const list = await request(h.app).get('/api/vacancies').set('Authorization', `Bearer ${h.apiKey}`);
    expect(list.body.vacancies.find((v: { id: string }) => v.id === body.id).status).toBe('withdrawn');
  });

  it('[replay] a second withdraw answers 410', async () => {
    const { body } = await publish().expect(201);
    await withdraw(body.id).expect(204);
    expect((await withdraw(body.id).expect(410)).body.code).toBe('ERR_VACANCY_WITHDRAWN');
  });

  it('[replay] an expired vacancy answers 410, and makes no request', async () => {
    const { body } = await publish({ ...VACANCY, expiresInDays: 1 }).expect(201);
    const t = h.clock.t;
    h.clock.t += DAY;
    try {
      expect((await request(h.app).get(`/api/vacancies/${body.id}`).expect(410)).body.code).toBe(
        'ERR_VACANCY_WITHDRAWN',
      );
      expect((await request(h.app).post(`/api/vacancies/${body.id}/requests`).expect(410)).body.code).toBe(
        'ERR_VACANCY_WITHDRAWN',
      );
    } finally {
      h.clock.t = t;
    }
  });

  it('[access control] another employer cannot withdraw it: 404, and it stays published', async () => {
    const { body } = await publish().expect(201);
    const other = await createEmployer(h.deps, 'Other employer', h.clock.t);
    expect((await withdraw(body.id, other.apiKey).expect(404)).body.code).toBe('ERR_VACANCY_UNKNOWN');
    await request(h.app).get(`/api/vacancies/${body.id}`).expect(200);
    const list = await request(h.app).get('/api/vacancies').set('Authorization', `Bearer ${other.apiKey}`);
    expect(list.body.vacancies).toEqual([]);
  });

  it('[access control] publishing, listing and withdrawing need an employer key: 401', async () => {
    await request(h.app).post('/api/vacancies').send(VACANCY).expect(401);
    await request(h.app).get('/api/vacancies').expect(401);
    await request(h.app).delete('/api/vacancies/AAAAAAAAAAAAAAAAAAAAAA').expect(401);
  });

  it('[access control] an unknown or malformed id answers 404 ERR_VACANCY_UNKNOWN as problem+json', async () => {
    for (const path of [
      '/api/vacancies/AAAAAAAAAAAAAAAAAAAAAA',
      '/api/vacancies/not-an-id',
      '/api/vacancies/AAAAAAAAAAAAAAAAAAAAAA/requests',
    ]) {
      const res = path.endsWith('/requests')
        ? await request(h.app).post(path)
        : await request(h.app).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('ERR_VACANCY_UNKNOWN');
    }
  });
});

describe('[request bodies] bad vacancies are refused as problem+json with ERR_VALIDATION', () => {
  const rows: [string, unknown, string][] = [
    ['no title', { ...VACANCY, title: '' }, '/title'],
    ['no skills', { ...VACANCY, skills: [] }, '/skills'],
    [
      'a level out of range',
      { ...VACANCY, skills: [{ uri: SKILL, minimumLevel: 9 }] },
      '/skills/0/minimumLevel',
    ],
    ['days of 0', { ...VACANCY, expiresInDays: 0 }, '/expiresInDays'],
    ['days over a year', { ...VACANCY, expiresInDays: 366 }, '/expiresInDays'],
    ['days as text', { ...VACANCY, expiresInDays: '30' }, '/expiresInDays'],
    ['a purpose that is not text', { ...VACANCY, purpose: 42 }, '/purpose'],
    ['a purpose too long', { ...VACANCY, purpose: 'x'.repeat(1001) }, '/purpose'],
    ['a bad purpose and no title at once', { ...VACANCY, purpose: 42, title: '' }, '/title'],
  ];
  it.each(rows)('%s', async (_name, body, pointer) => {
    const res = await publish(body).expect(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.code).toBe('ERR_VALIDATION');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
  });

  it('an unknown skill: 422 ERR_UNKNOWN_SKILL, nothing published', async () => {
    const res = await publish({ ...VACANCY, skills: [{ uri: 'http://example.org/not-a-skill' }] }).expect(
      422,
    );
    expect(res.body.code).toBe('ERR_UNKNOWN_SKILL');
  });
});

describe('requests made from a vacancy', () => {
  it('makes a fresh request each time, owned by the employer and titled as the vacancy', async () => {
    const { body: vacancy } = await publish().expect(201);
    const first = await request(h.app)
      .post(`/api/vacancies/${vacancy.id}/requests`)
      .set('Origin', 'http://localhost:3000')
      .expect(201);
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.body).toEqual({
      requestLink: expect.stringMatching(/^openid4vp:\/\/\?client_id=.+&request_uri=.+/),
      requestId: expect.any(String),
      expiresAt: new Date(h.clock.t + 600_000).toISOString(),
    });
    expect(first.body.requestLink).toContain(encodeURIComponent(`/oid4vp/requests/${first.body.requestId}`));
    const second = await request(h.app).post(`/api/vacancies/${vacancy.id}/requests`).expect(201);
    expect(second.body.requestId).not.toBe(first.body.requestId);

    const { body: list } = await request(h.app)
      .get('/api/requests')
      .set('Authorization', `Bearer ${h.apiKey}`)
      .expect(200);
    const mine = list.requests.find((r: { id: string }) => r.id === first.body.requestId);
    expect(mine).toMatchObject({
      title: 'Zorghulp, 24 uur',
      status: 'pending',
      skills: [
        { uri: SKILL, required: true, minimumLevel: 2 },
        { uri: SIGNS, required: false },
      ],
    });
  });

  it('a request never outlives its vacancy', async () => {
    const { body: vacancy } = await publish({
      ...VACANCY,
      expiresInDays: 1,
      expiresInSeconds: 3 * 86_400,
    }).expect(201);
    const { body } = await request(h.app).post(`/api/vacancies/${vacancy.id}/requests`).expect(201);
    expect(body.expiresAt).toBe(vacancy.expiresAt);
  });

  it('a wallet answers it as any other request, and the employer reads the report', async () => {
    const { body: vacancy } = await publish({ ...VACANCY, skills: [{ uri: SKILL }] }).expect(201);
    const { body: made } = await request(h.app).post(`/api/vacancies/${vacancy.id}/requests`).expect(201);
    const jwt = (await request(h.app).get(`/oid4vp/requests/${made.requestId}`).expect(200)).text;
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
    const s: Session = {
      h,
      id: made.requestId,
      nonce: claims.nonce,
      state: claims.state,
      audience: claims.client_id,
    };
    await post(s, present(holder, s, [issueEvc(issuer, holder, 'evc-zorg')])).expect(200);
    const view = await employerView(s);
    expect(view).toMatchObject({ title: 'Zorghulp, 24 uur', status: 'answered', result: { accepted: true } });
  });
});

describe('the public page', () => {
  it('shows the vacancy in Dutch by default, with the link and the wallet button', async () => {
    const { body: vacancy } = await publish().expect(201);
    const res = await request(h.app).get(`/vacancies/${vacancy.id}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.text).toContain('<html lang="nl">');
    expect(res.text).toContain('Zorghulp, 24 uur');
    expect(res.text).toContain('Bekijk in je wallet of je past');
    expect(res.text).toContain(`value="${vacancy.url}"`);
    expect(res.text).toContain(`href="http://localhost:3000/?vacancy=${encodeURIComponent(vacancy.url)}"`);
    expect(res.text).toContain('minimaal niveau: Basis');
  });

  it('in English by Accept-Language or ?lang=en', async () => {
    const { body: vacancy } = await publish().expect(201);
    for (const res of [
      await request(h.app).get(`/vacancies/${vacancy.id}`).set('Accept-Language', 'en-GB,en;q=0.9'),
      await request(h.app).get(`/vacancies/${vacancy.id}?lang=en`).set('Accept-Language', 'nl'),
    ]) {
      expect(res.status).toBe(200);
      expect(res.text).toContain('<html lang="en">');
      expect(res.text).toContain('Check your fit in your wallet');
      expect(res.text).toContain('minimum level: Basic');
    }
  });

  it('[request bodies] escapes what the employer wrote', async () => {
    const { body: vacancy } = await publish({ ...VACANCY, title: '<script>alert(1)</script>' }).expect(201);
    const res = await request(h.app).get(`/vacancies/${vacancy.id}`).expect(200);
    expect(res.text).not.toContain('<script>');
    expect(res.text).toContain('&lt;script&gt;');
  });

  it('[replay] a withdrawn vacancy page answers 410, an unknown one 404', async () => {
    const { body: vacancy } = await publish().expect(201);
    await withdraw(vacancy.id).expect(204);
    expect((await request(h.app).get(`/vacancies/${vacancy.id}`).expect(410)).text).toContain('ingetrokken');
    await request(h.app).get('/vacancies/AAAAAAAAAAAAAAAAAAAAAA').expect(404);
    await request(h.app).get('/vacancies/%3Cb%3E').expect(404);
  });
});

describe('[access control] rate limits', () => {
  it('answers 429 once a client has asked for too many requests from vacancies', async () => {
    const limited = await startVerifier({ config: { rateLimitPerMinute: 3 } });
    try {
      const { body: vacancy } = await request(limited.app)
        .post('/api/vacancies')
        .set('Authorization', `Bearer ${limited.apiKey}`)
        .send(VACANCY)
        .expect(201);
      for (let i = 0; i < 3; i++)
        await request(limited.app).post(`/api/vacancies/${vacancy.id}/requests`).expect(201);
      const refused = await request(limited.app).post(`/api/vacancies/${vacancy.id}/requests`).expect(429);
      expect(refused.body.code).toBe('ERR_RATE_LIMITED');
      expect(refused.headers['retry-after']).toBeDefined();
      const { body } = await request(limited.app)
        .get('/api/requests')
        .set('Authorization', `Bearer ${limited.apiKey}`)
        .expect(200);
      expect(body.requests).toHaveLength(3);
    } finally {
      await limited.close();
    }
  });
});
