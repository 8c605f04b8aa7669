import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withClass } from '@skills-passport/service-kit/testing';
import request from 'supertest';
import { startVerifier, type Harness } from './test-support/harness.js';
import { SKILL, trust } from './test-support/response-endpoint.js';
import { StandInIssuer, b64url } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';
import type { SqliteVerifierStores } from './store/sqlite/sqlite-verifier-stores.js';

// Publications over real HTTP: credentials signed by the stand-in issuer (real Ed25519 keys, its
// did:web and status lists on loopback), published, viewed with fresh status, withdrawn.

let h: Harness;
let issuer: StandInIssuer;
const holder = new TestHolder();
const DAY = 86_400_000;

beforeAll(async () => {
  h = await startVerifier();
  issuer = await new StandInIssuer(() => h.clock.t).start();
  await trust(h, issuer.addOrg('evc-zorg', 'EVC Centrum Zorg'), 'evc-provider', ['EVCCredential']);
  issuer.addOrg('onbekend', 'Onbekende Organisatie');
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

let nextIndex = 500;
const jwtEvc = (options: { index?: number; exp?: number; slug?: string } = {}) =>
  issuer.issue(options.slug ?? 'evc-zorg', 'EVCCredential', {
    holder: holder.did,
    index: options.index ?? nextIndex++,
    ...(options.exp === undefined ? {} : { exp: options.exp }),
  });
const ldpEvc = (index = nextIndex++) =>
  issuer.issueLdp('evc-zorg', issuer.document('evc-zorg', 'EVCCredential', { holder: holder.did, index }));

/** The verifier's SQLite adapter, to look at what is stored. */
const sqlite = () => h.deps.store as SqliteVerifierStores;
const publish = (body: unknown) =>
  request(h.app)
    .post('/api/publications')
    .send(body as object);
const countRows = async () =>
  ((await sqlite().db.get<{ n: number }>('SELECT count(*) AS n FROM publications')) ?? { n: 0 }).n;

/** Changes one character of the signature: a genuine credential, tampered. */
function tamper(jwt: string): string {
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  const flipped = signature[5] === 'A' ? 'B' : 'A';
  return `${header}.${payload}.${signature.slice(0, 5)}${flipped}${signature.slice(6)}`;
}

describe('publishing', () => {
  it('publishes a JWT and a Data Integrity credential: 201 with the link and a withdraw token, nothing cached', async () => {
    const res = await publish({ credentials: [jwtEvc(), await ldpEvc()] }).expect(201);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/),
      url: `http://localhost:3002/p/${res.body.id}`,
      withdrawToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      createdAt: new Date(h.clock.t).toISOString(),
      expiresAt: new Date(h.clock.t + 365 * DAY).toISOString(),
    });
    expect(res.headers['cache-control']).toBe('no-store');
    // Only the token's hash is stored.
    const row = await sqlite().db.get<{ withdraw_token_hash: string }>(
      'SELECT withdraw_token_hash FROM publications WHERE id = ?',
      [res.body.id],
    );
    expect(row!.withdraw_token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(res.body.withdrawToken);
  });

  it('shows the publication verified now, per credential and per skill, with its headers', async () => {
    const { body } = await publish({ credentials: [jwtEvc(), await ldpEvc()] }).expect(201);
    const res = await request(h.app).get(`/api/publications/${body.id}`).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    expect(res.body).toMatchObject({
      id: body.id,
      publishedAt: body.createdAt,
      expiresAt: body.expiresAt,
      verifiedAt: new Date(h.clock.t).toISOString(),
    });
    expect(res.body.credentials).toHaveLength(2);
    for (const [i, credential] of (res.body.credentials as any[]).entries()) {
      expect(credential).toMatchObject({
        verified: true,
        outcome: 'verified',
        format: i === 0 ? 'jwt_vc_json' : 'ldp_vc',
        summary: { issuer: { name: 'EVC Centrum Zorg' }, kind: { type: 'EVCCredential' } },
      });
      const skill = credential.summary.skills.find((s: any) => s.uri === SKILL);
      expect(skill).toMatchObject({ label: { nl: expect.any(String), en: expect.any(String) } });
      expect(credential.summary.skills.some((s: any) => s.level?.label.nl !== undefined)).toBe(true);
    }
  });

  it('publishes an SD-JWT VC as the learner holds it (every disclosure, no Key Binding JWT) and shows its skills', async () => {
    const held = await issuer.issueSdJwt('evc-zorg', 'EVCCredential', { index: false });
    const sdJwt = `${[held.jwt, ...held.disclosures.map((d) => d.encoded)].join('~')}~`;
    const { body } = await publish({ credentials: [sdJwt] }).expect(201);
    const res = await request(h.app).get(`/api/publications/${body.id}`).expect(200);
    expect(res.body.credentials[0]).toMatchObject({
      verified: true,
      format: 'dc+sd-jwt',
      summary: { issuer: { name: 'EVC Centrum Zorg' } },
    });
    expect(res.body.credentials[0].summary.skills.map((s: any) => s.uri)).toContain(SKILL);
  });

  it('the page at /p/:id is served with the same headers', async () => {
    const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
    const res = await request(h.app).get(`/p/${body.id}`).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-robots-tag']).toBe('noindex');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('[dates] an attempt to publish clears the publications that expired, though no one opened them', async () => {
    const { body } = await publish({ credentials: [jwtEvc()], expiresInDays: 1 }).expect(201);
    h.clock.t += DAY;
    try {
      // Refused, so nothing is verified a day ahead (a status list fetched then would stay cached
      // when the clock goes back); the attempt still clears.
      await publish({ credentials: ['a.b.c'] }).expect(422);
      const row = await sqlite().db.get('SELECT * FROM publications WHERE id = ?', [body.id]);
      expect(row).toMatchObject({ credentials: null, withdraw_token_hash: null, ended_reason: 'expired' });
    } finally {
      h.clock.t -= DAY;
    }
  });

  it('[status lists] a credential revoked after publishing shows as revoked', async () => {
    const index = nextIndex++;
    const { body } = await publish({ credentials: [jwtEvc({ index })] }).expect(201);
    issuer.setStatus('evc-zorg', 'revocation', index, true);
    const res = await request(h.app).get(`/api/publications/${body.id}`).expect(200);
    expect(res.body.credentials[0]).toMatchObject({ verified: false, outcome: 'failed' });
    expect(res.body.credentials[0].checks).toContainEqual(
      expect.objectContaining({ id: 'revocation_status', status: 'fail', code: 'ERR_CREDENTIAL_REVOKED' }),
    );
  });

  it('[dates] a publication past its end is gone (410) and its credentials deleted', async () => {
    const { body } = await publish({ credentials: [jwtEvc()], expiresInDays: 1 }).expect(201);
    expect(body.expiresAt).toBe(new Date(h.clock.t + DAY).toISOString());
    h.clock.t += DAY + 1;
    try {
      const res = await request(h.app).get(`/api/publications/${body.id}`).expect(410);
      expect(res.body.code).toBe('ERR_PUBLICATION_WITHDRAWN');
      await expect(h.deps.store.publication(body.id)).resolves.toMatchObject({
        state: 'ended',
        ended: { reason: 'expired' },
      });
      await request(h.app).get(`/p/${body.id}`).expect(410);
    } finally {
      h.clock.t -= DAY + 1;
    }
  });
});

interface Refusal {
  name: string;
  code: string;
  check: string;
  credentials: () => Promise<unknown[]>;
}

const refusals: Refusal[] = [
  {
    name: 'a tampered signature',
    code: 'ERR_SIGNATURE_INVALID',
    check: 'signature',
    credentials: () => Promise.resolve([jwtEvc(), tamper(jwtEvc())]),
  },
  {
    name: 'a revoked credential',
    code: 'ERR_CREDENTIAL_REVOKED',
    check: 'revocation_status',
    credentials: () => {
      const index = nextIndex++;
      issuer.setStatus('evc-zorg', 'revocation', index, true);
      return Promise.resolve([jwtEvc(), jwtEvc({ index })]);
    },
  },
  {
    name: 'an expired credential',
    code: 'ERR_CREDENTIAL_EXPIRED',
    check: 'expiration',
    credentials: () => Promise.resolve([jwtEvc(), jwtEvc({ exp: Math.floor(h.clock.t / 1000) - 7200 })]),
  },
  {
    name: 'an issuer not recognised',
    code: 'ERR_ISSUER_UNKNOWN',
    check: 'issuer_trust',
    credentials: () => Promise.resolve([jwtEvc(), jwtEvc({ slug: 'onbekend' })]),
  },
  {
    name: 'a Data Integrity credential changed after signing',
    code: 'ERR_PROOF_INVALID',
    check: 'signature',
    credentials: async () => {
      const doc: any = await ldpEvc();
      doc.credentialSubject.achievement.name = 'Something else';
      return [jwtEvc(), doc];
    },
  },
];

describe('publishing refuses a credential that is not verified proof, and stores nothing', () => {
  it.each(withClass(refusals))(
    '[$class] $name → ERR_PUBLICATION_INVALID at /credentials/1 ($check)',
    async (row) => {
      const before = await countRows();
      const res = await publish({ credentials: await row.credentials() }).expect(422);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'ERR_PUBLICATION_INVALID', status: 422 });
      expect(res.body.errors).toEqual([
        { pointer: '/credentials/1', rule: row.check, message: expect.any(String) },
      ]);
      expect(await countRows()).toBe(before);
    },
  );

  const badBodies: { name: string; code: string; body: unknown; pointer: string }[] = [
    { name: 'no credentials', code: 'ERR_VALIDATION', body: {}, pointer: '/credentials' },
    { name: 'an empty list', code: 'ERR_VALIDATION', body: { credentials: [] }, pointer: '/credentials' },
    {
      name: '21 credentials',
      code: 'ERR_VALIDATION',
      body: { credentials: Array.from({ length: 21 }, () => 'a.b.c') },
      pointer: '/credentials',
    },
    { name: 'a number', code: 'ERR_VALIDATION', body: { credentials: [42] }, pointer: '/credentials/0' },
    {
      name: 'an object without a proof',
      code: 'ERR_VALIDATION',
      body: { credentials: [{ type: ['VerifiableCredential'] }] },
      pointer: '/credentials/0',
    },
    {
      name: 'expiresInDays 0',
      code: 'ERR_VALIDATION',
      body: { credentials: ['a.b.c'], expiresInDays: 0 },
      pointer: '/expiresInDays',
    },
    {
      name: 'expiresInDays 3651',
      code: 'ERR_VALIDATION',
      body: { credentials: ['a.b.c'], expiresInDays: 3651 },
      pointer: '/expiresInDays',
    },
    {
      name: 'expiresInDays 1.5',
      code: 'ERR_VALIDATION',
      body: { credentials: ['a.b.c'], expiresInDays: 1.5 },
      pointer: '/expiresInDays',
    },
  ];
  it.each(withClass(badBodies))('[$class] $name → $code at $pointer', async (row) => {
    const res = await publish(row.body).expect(422);
    expect(res.body.code).toBe(row.code);
    expect(res.body.errors.map((e: any) => e.pointer)).toContain(row.pointer);
  });

  it('[request bodies] a malformed JWT is refused by its failing check', async () => {
    const res = await publish({ credentials: ['not-a-jwt'] }).expect(422);
    expect(res.body).toMatchObject({ code: 'ERR_PUBLICATION_INVALID' });
    expect(res.body.errors[0].pointer).toBe('/credentials/0');
  });

  it('[request bodies] a body over the cap is refused with 413', async () => {
    const huge = 'x'.repeat(2_200_000);
    await request(h.app)
      .post('/api/publications')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ credentials: [huge] }))
      .expect(413);
  });
});

describe('withdrawing', () => {
  it('withdraws with its token: 204, then the publication and its page answer 410, and its credentials are gone', async () => {
    const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
    await request(h.app)
      .delete(`/api/publications/${body.id}`)
      .set('Authorization', `Bearer ${body.withdrawToken}`)
      .expect(204);
    const gone = await request(h.app).get(`/api/publications/${body.id}`).expect(410);
    expect(gone.body.code).toBe('ERR_PUBLICATION_WITHDRAWN');
    await request(h.app).get(`/p/${body.id}`).expect(410);
    const row = await sqlite().db.get('SELECT * FROM publications WHERE id = ?', [body.id]);
    expect(row).toMatchObject({ credentials: null, withdraw_token_hash: null, ended_reason: 'withdrawn' });
  });

  const withdrawals: { name: string; code: string; status: number; run: () => Promise<request.Response> }[] =
    [
      {
        name: 'another token',
        code: 'ERR_FORBIDDEN',
        status: 403,
        run: async () => {
          const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
          return request(h.app)
            .delete(`/api/publications/${body.id}`)
            .set('Authorization', `Bearer ${b64url(crypto.getRandomValues(new Uint8Array(32)))}`);
        },
      },
      {
        name: 'no token',
        code: 'ERR_UNAUTHENTICATED',
        status: 401,
        run: async () => {
          const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
          return request(h.app).delete(`/api/publications/${body.id}`);
        },
      },
      {
        name: 'a second withdrawal',
        code: 'ERR_PUBLICATION_WITHDRAWN',
        status: 410,
        run: async () => {
          const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
          const del = () =>
            request(h.app)
              .delete(`/api/publications/${body.id}`)
              .set('Authorization', `Bearer ${body.withdrawToken}`);
          await del().expect(204);
          return del();
        },
      },
      {
        name: 'an unknown publication',
        code: 'ERR_PUBLICATION_UNKNOWN',
        status: 404,
        run: () =>
          Promise.resolve(
            request(h.app)
              .delete(`/api/publications/${'A'.repeat(22)}`)
              .set('Authorization', 'Bearer x'),
          ),
      },
    ];
  it.each(withClass(withdrawals))('[$class] $name → $status $code', async (row) => {
    const res = await row.run();
    expect(res.status).toBe(row.status);
    expect(res.body.code).toBe(row.code);
  });

  it('[access control] a publication refused another token is still shown', async () => {
    const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
    await request(h.app)
      .delete(`/api/publications/${body.id}`)
      .set('Authorization', 'Bearer wrong')
      .expect(403);
    await request(h.app).get(`/api/publications/${body.id}`).expect(200);
  });

  it('[access control] unknown and malformed ids are 404 problem documents, also as pages', async () => {
    for (const id of ['A'.repeat(22), 'short', '..%2F..%2Fetc']) {
      const res = await request(h.app).get(`/api/publications/${id}`).expect(404);
      expect(res.body.code).toBe('ERR_PUBLICATION_UNKNOWN');
      await request(h.app).get(`/p/${id}`).expect(404);
    }
  });

  it('[logs and headers] logs neither the withdraw token nor what the credentials say', async () => {
    const { body } = await publish({ credentials: [jwtEvc()] }).expect(201);
    await request(h.app).get(`/api/publications/${body.id}`).expect(200);
    await request(h.app)
      .delete(`/api/publications/${body.id}`)
      .set('Authorization', `Bearer ${body.withdrawToken}`)
      .expect(204);
    const logs = h.logs.join('\n');
    expect(logs).not.toContain(body.withdrawToken);
    expect(logs).not.toContain('EVC Centrum Zorg');
    expect(logs).not.toContain(holder.did);
  });

  it('CORS is open for wallets on other origins, DELETE included, without cookies', async () => {
    const res = await request(h.app)
      .options('/api/publications/abc')
      .set('Origin', 'http://wallet.example')
      .set('Access-Control-Request-Method', 'DELETE')
      .expect(204);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-allow-methods']).toContain('DELETE');
    expect(res.headers['access-control-allow-headers']).toContain('Authorization');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });
});

describe('rate limits', () => {
  it('[access control] publishing, viewing and verifying are limited per client address', async () => {
    const limited = await startVerifier({ config: { rateLimitPerMinute: 3 } });
    try {
      for (let i = 0; i < 3; i++)
        await request(limited.app)
          .post('/api/publications')
          .send({ credentials: ['a.b.c'] })
          .expect(422);
      const res = await request(limited.app)
        .post('/api/publications')
        .send({ credentials: ['a.b.c'] });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('ERR_RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
      for (let i = 0; i < 3; i++)
        await request(limited.app).post('/api/verify/credential').send({ credential: 'a.b.c' }).expect(200);
      await request(limited.app).post('/api/verify/credential').send({ credential: 'a.b.c' }).expect(429);
      limited.clock.t += 60_000;
      await request(limited.app).post('/api/verify/credential').send({ credential: 'a.b.c' }).expect(200);
    } finally {
      await limited.close();
    }
  });

  it('[access control] wrong withdraw tokens count as failed authentications', async () => {
    const limited = await startVerifier({ config: { rateLimitPerMinute: 40 } });
    try {
      const id = 'B'.repeat(22);
      await limited.deps.store.addPublication({
        id,
        withdrawTokenHash: '0'.repeat(64),
        credentials: ['a.b.c'],
        createdAt: limited.clock.t,
        expiresAt: limited.clock.t + DAY,
      });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++)
        statuses.push(
          (
            await request(limited.app)
              .delete(`/api/publications/${id}`)
              .set('Authorization', `Bearer wrong-${i}`)
          ).status,
        );
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
      expect(statuses.slice(10)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('POST /api/verify/credential for the public page', () => {
  it('keeps its answer and adds the credential in words: title, issuer, dates, each skill with its level in NL and EN', async () => {
    const res = await request(h.app)
      .post('/api/verify/credential')
      .send({ credential: jwtEvc() })
      .expect(200);
    expect(res.body).toMatchObject({ verified: true, outcome: 'verified', format: 'jwt_vc_json' });
    expect(res.body.checks.length).toBeGreaterThan(3);
    const summary = res.body.summary;
    expect(summary).toMatchObject({
      title: expect.any(String),
      issuer: { name: 'EVC Centrum Zorg' },
      kind: { type: 'EVCCredential', label: { nl: 'Ervaringscertificaat (EVC)' } },
      validFrom: expect.any(String),
    });
    const withLevel = summary.skills.find((s: any) => s.level !== undefined);
    expect(withLevel.level.label).toEqual({
      nl: expect.any(String),
      en: expect.any(String),
    });
    expect(withLevel.level.rank).toBeGreaterThanOrEqual(1);
  });

  it('[JOSE attacks] a tampered credential names its failing check and has no skills', async () => {
    const res = await request(h.app)
      .post('/api/verify/credential')
      .send({ credential: tamper(jwtEvc()) })
      .expect(200);
    expect(res.body).toMatchObject({ verified: false, outcome: 'failed', summary: { skills: [] } });
    expect(res.body.checks).toContainEqual(
      expect.objectContaining({ id: 'signature', status: 'fail', code: 'ERR_SIGNATURE_INVALID' }),
    );
  });
});
