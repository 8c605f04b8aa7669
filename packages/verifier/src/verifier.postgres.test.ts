// Two verifier instances on one PostgreSQL database (DATABASE_URL), in-process over HTTP: they
// share the signing key, the employers and the requests, and a database that goes away answers
// 503 with a problem code, and is used again once it is back, without a restart.
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { describeOnCluster } from '@skills-passport/service-kit/testing';
import { startVerifier, type Harness } from './test-support/harness.js';

// Every case talks to a real PostgreSQL server, which shares two cores with the rest of the run.
jest.setTimeout(30_000);

// An ESCO skill of the demo seed.
const SUPPORT_NURSES = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';

describeOnCluster('verifier on PostgreSQL (DATABASE_URL)', (postgres) => {
  let one: Harness;
  let two: Harness;

  beforeAll(async () => {
    const database = { url: postgres.url, poolSize: 4 };
    const clock = { t: Date.parse('2027-01-15T10:00:00Z') };
    // Both start at once, as two instances behind a load balancer would.
    [one, two] = await Promise.all([
      startVerifier({ clock, config: { database } }),
      startVerifier({ clock, config: { database } }),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([one?.close(), two?.close()]);
  });

  it('signs as one verifier: the key made on first start is the one both instances use', () => {
    expect(one.deps.identity.didDocument()).toEqual(two.deps.identity.didDocument());
  });

  it("serves one instance's employers and requests on the other", async () => {
    const created = await request(one.app)
      .post('/api/requests')
      .set('authorization', `Bearer ${two.apiKey}`)
      .send({ title: 'Zorghulp', skills: [{ uri: SUPPORT_NURSES }] });
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    const read = await request(two.app)
      .get(`/api/requests/${id}`)
      .set('authorization', `Bearer ${two.apiKey}`);
    expect(read.status).toBe(200);
  });

  it('[faults] answers 503 ERR_STORAGE_UNAVAILABLE while PostgreSQL is down, and serves again once it is back', async () => {
    const list = () => request(one.app).get('/api/requests').set('authorization', `Bearer ${one.apiKey}`);
    expect((await list()).status).toBe(200);
    await postgres.cluster.halt();
    try {
      const down = await list();
      expect(down.status).toBe(503);
      expect(down.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(down.body).toMatchObject({ code: 'ERR_STORAGE_UNAVAILABLE' });
    } finally {
      await postgres.cluster.resume();
    }
    expect((await list()).status).toBe(200);
  }, 60_000);
});
