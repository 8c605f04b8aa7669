import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DcqlQuery } from 'dcql';
import { createPublicKey, verify } from 'node:crypto';
import request from 'supertest';
import fc from 'fast-check';
import { ADMIN_TOKEN, startVerifier, type Harness } from './test-support/harness.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

const ESCO = 'http://data.europa.eu/esco/skill/';
const SUPPORT_NURSES = `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896`;
const MONITOR_SIGNS = `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`;
const IDENTIFY_ABNORMALITIES = `${ESCO}2e90ef65-646a-4b1d-8597-26ca88aa1c6b`;

let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const employer = (): Record<string, string> => ({ Authorization: `Bearer ${h.apiKey}` });

beforeAll(async () => {
  h = await startVerifier();
  await issuer.start();
  const evc = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
  issuer.addOrg('onbekend', 'Onbekende Academie');
  await request(h.app)
    .put(`/api/admin/trusted-issuers/${encodeURIComponent(evc.did)}`)
    .set(admin)
    .send({ name: evc.name, kind: 'evc-provider', accreditedTypes: ['EVCCredential'] })
    .expect(200);
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

async function createRequest(body: Record<string, unknown> = {}) {
  const res = await request(h.app)
    .post('/api/requests')
    .set(employer())
    .send({
      title: 'Zorghulp',
      skills: [
        { uri: SUPPORT_NURSES, minimumLevel: 2 },
        { uri: MONITOR_SIGNS },
        { uri: IDENTIFY_ABNORMALITIES, required: false },
      ],
      ...body,
    })
    .expect(201);
  return res.body as { id: string; link: string; requestUri: string; qrCodeUrl: string; status: string };
}

/** What a wallet does: fetch the request object by reference and read nonce, state and client id. */
async function walletFetch(link: string) {
  const params = new URL(link).searchParams;
  const requestUri = new URL(params.get('request_uri')!);
  const res = await request(h.app)
    .get(requestUri.pathname)
    .expect(200)
    .expect('content-type', /application\/oauth-authz-req\+jwt/);
  const [header, payload] = res.text
    .split('.')
    .slice(0, 2)
    .map((p: string) => JSON.parse(Buffer.from(p, 'base64url').toString()));
  return { jwt: res.text, header, payload, clientId: params.get('client_id')! };
}

function answer(id: string, state: string, vpToken: unknown) {
  return request(h.app)
    .post(`/oid4vp/responses/${id}`)
    .type('form')
    .send({ vp_token: JSON.stringify(vpToken), state });
}

describe('the OpenID4VP round trip', () => {
  it('offers a signed request by reference, accepts one presentation and stores the per-skill report', async () => {
    const created = await createRequest();
    expect(created.link).toMatch(
      /^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3Alocalhost%253A3002&request_uri=/,
    );
    const { jwt, header, payload, clientId } = await walletFetch(created.link);

    // The request object is signed by the key in the verifier's own did:web document.
    expect(header).toMatchObject({
      alg: 'EdDSA',
      typ: 'oauth-authz-req+jwt',
      kid: 'did:web:localhost%3A3002#key-1',
    });
    const didDoc = (await request(h.app).get('/.well-known/did.json').expect(200)).body;
    expect(didDoc.id).toBe('did:web:localhost%3A3002');
    const key = createPublicKey({ key: didDoc.verificationMethod[0].publicKeyJwk, format: 'jwk' });
    const [hh, pp, ss] = jwt.split('.');
    expect(verify(null, Buffer.from(`${hh}.${pp}`), key, Buffer.from(ss!, 'base64url'))).toBe(true);
    expect(payload).toMatchObject({
      client_id: clientId,
      response_type: 'vp_token',
      response_mode: 'direct_post',
      response_uri: `http://localhost:3002/oid4vp/responses/${created.id}`,
    });
    expect(payload.nonce.length).toBeGreaterThanOrEqual(32);
    // An independent DCQL implementation accepts the query.
    expect(() => DcqlQuery.validate(DcqlQuery.parse(payload.dcql_query))).not.toThrow();

    const credential = issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did });
    const vp = holder.present([credential], {
      nonce: payload.nonce,
      audience: clientId,
      iat: Math.floor(h.clock.t / 1000),
    });
    const res = await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(200);
    expect(res.body.redirect_uri).toBe('http://localhost:3002/employer/received.html');

    const stored = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200)).body;
    expect(stored.status).toBe('answered');
    expect(stored.result).toMatchObject({ accepted: true, outcome: 'verified' });
    const lines = new Map(stored.result.report.match.skills.map((l: any) => [l.uri, l]));
    expect(lines.get(SUPPORT_NURSES)).toMatchObject({
      status: 'proven',
      proofs: [
        {
          type: 'EVCCredential',
          issuerName: 'EVC Centrum Zorg',
          learning: 'formal',
          levelMeetsMinimum: true,
        },
      ],
    });
    expect(lines.get(MONITOR_SIGNS)).toMatchObject({ status: 'proven' });
    expect(lines.get(IDENTIFY_ABNORMALITIES)).toMatchObject({
      status: 'partial',
      proofs: [{ match: 'related' }],
    });
    expect(stored.result.report.match.coverage).toEqual({
      required: 2,
      proven: 2,
      partial: 0,
      notProven: 0,
      percent: 100,
    });

    // Single use: the same answer again is a replay.
    const replay = await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(400);
    expect(replay.body).toMatchObject({ error: 'invalid_request', code: 'ERR_REQUEST_ALREADY_ANSWERED' });
    await request(h.app)
      .get(new URL(new URL(created.link).searchParams.get('request_uri')!).pathname)
      .expect(410);

    // Nothing personal and no tokens in the logs.
    const logs = h.logs.join('');
    expect(logs).not.toContain(vp);
    expect(logs).not.toContain(payload.nonce);
    expect(logs).not.toContain(h.apiKey);
    expect(logs).not.toContain('Fatima');
  });

  it('marks the credential set required when the request has required skills, optional otherwise, and the dcql library reads it so', async () => {
    const held = (type: string) => ({
      credential_format: 'jwt_vc_json',
      type: ['VerifiableCredential', 'OpenBadgeCredential', type],
      claims: {},
      cryptographic_holder_binding: true,
    });
    const required = (await walletFetch((await createRequest()).link)).payload.dcql_query;
    // Every combination of the envelopes' queries, the largest first.
    const options = [
      ['skills_jwt_vc_json', 'skills_ldp_vc', 'skills_dc_sd_jwt'],
      ['skills_jwt_vc_json', 'skills_ldp_vc'],
      ['skills_jwt_vc_json', 'skills_dc_sd_jwt'],
      ['skills_ldp_vc', 'skills_dc_sd_jwt'],
      ['skills_jwt_vc_json'],
      ['skills_ldp_vc'],
      ['skills_dc_sd_jwt'],
    ];
    expect(required.credential_sets).toEqual([{ required: true, options }]);
    // One query per envelope, each taking every accepted kind (short names and expanded IRIs; for
    // SD-JWT VCs the vct of our types at the trusted issuers).
    expect(required.credentials.map((c: { id: string; format: string }) => [c.id, c.format])).toEqual([
      ['skills_jwt_vc_json', 'jwt_vc_json'],
      ['skills_ldp_vc', 'ldp_vc'],
      ['skills_dc_sd_jwt', 'dc+sd-jwt'],
    ]);
    expect(required.credentials[0].meta.type_values).toContainEqual([
      'VerifiableCredential',
      'OpenBadgeCredential',
    ]);
    const query = DcqlQuery.parse(required);
    DcqlQuery.validate(query);
    expect(DcqlQuery.query(query, []).can_be_satisfied).toBe(false);
    // A strict wallet answers each required set with the first option it can fulfil (Credo):
    // holding an EVC as a JWT and a module with a Data Integrity proof, that is both.
    const both = DcqlQuery.query(query, [
      held('EVCCredential'),
      { ...held('ModuleCredential'), credential_format: 'ldp_vc' },
    ] as never);
    expect(both.can_be_satisfied).toBe(true);
    expect(both.credential_sets?.[0]?.matching_options?.[0]).toEqual(['skills_jwt_vc_json', 'skills_ldp_vc']);
    // Holding JWTs only, the JWT query alone answers.
    const jwtOnly = DcqlQuery.query(query, [held('EVCCredential'), held('ModuleCredential')] as never);
    expect(jwtOnly.credential_sets?.[0]?.matching_options?.[0]).toEqual(['skills_jwt_vc_json']);

    const optional = (
      await walletFetch(
        (
          await createRequest({
            skills: [{ uri: MONITOR_SIGNS, required: false }],
            acceptedTypes: ['EVCCredential', 'ModuleCredential'],
          })
        ).link,
      )
    ).payload.dcql_query;
    expect(optional.credential_sets).toEqual([{ required: false, options }]);
    expect(optional.credentials[0].meta.type_values).not.toContainEqual([
      'VerifiableCredential',
      'OpenBadgeCredential',
    ]);
    const optionalQuery = DcqlQuery.parse(optional);
    DcqlQuery.validate(optionalQuery);
    expect(DcqlQuery.query(optionalQuery, []).can_be_satisfied).toBe(true);
  });

  it('[request bodies] keeps a request open after an empty answer, tells the employer, and accepts the full answer after', async () => {
    const created = await createRequest();
    const { payload, clientId } = await walletFetch(created.link);
    for (const token of [undefined, {}]) {
      const res = await request(h.app)
        .post(`/oid4vp/responses/${created.id}`)
        .type('form')
        .send({ state: payload.state, ...(token === undefined ? {} : { vp_token: JSON.stringify(token) }) })
        .expect(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_PRESENTATION_INVALID' });
      expect(res.body.error_description).toMatch(/stays open/);
    }
    const open = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200)).body;
    expect(open).toMatchObject({
      status: 'pending',
      incompleteAnswers: { count: 2, lastReason: 'no_presentation', lastReceivedAt: expect.any(String) },
    });
    expect(open.result).toBeUndefined();
    // The same request object, with the same nonce, is still served.
    const again = await walletFetch(created.link);
    expect(again.payload.nonce).toBe(payload.nonce);

    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: payload.nonce,
      audience: clientId,
      iat: Math.floor(h.clock.t / 1000),
    });
    await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(200);
    const answered = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200))
      .body;
    expect(answered).toMatchObject({ status: 'answered', result: { accepted: true, outcome: 'verified' } });
  });

  it("processes the wallet's error response with 200, keeps the request open and tells the employer", async () => {
    const created = await createRequest();
    const { payload, clientId } = await walletFetch(created.link);
    const res = await request(h.app)
      .post(`/oid4vp/responses/${created.id}`)
      .type('form')
      .send({ error: 'access_denied', error_description: 'The user declined', state: payload.state })
      .expect(200)
      .expect('content-type', /application\/json/);
    expect(res.body).toEqual({});
    const open = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200)).body;
    expect(open).toMatchObject({
      status: 'pending',
      incompleteAnswers: { count: 1, lastReason: 'wallet_error', lastError: 'access_denied' },
    });
    expect(JSON.stringify(open)).not.toContain('declined');

    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: payload.nonce,
      audience: clientId,
      iat: Math.floor(h.clock.t / 1000),
    });
    await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(200);
    // Once answered, an error response is a replay like any other answer.
    const late = await request(h.app)
      .post(`/oid4vp/responses/${created.id}`)
      .type('form')
      .send({ error: 'access_denied', state: payload.state })
      .expect(400);
    expect(late.body.code).toBe('ERR_REQUEST_ALREADY_ANSWERED');
  });

  it('[replay] takes one of two answers sent at the same moment and refuses the other as answered', async () => {
    const created = await createRequest();
    const { payload, clientId } = await walletFetch(created.link);
    const vp = () =>
      holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
        nonce: payload.nonce,
        audience: clientId,
        iat: Math.floor(h.clock.t / 1000),
      });
    const answers = await Promise.all([
      answer(created.id, payload.state, { skills_jwt_vc_json: [vp()] }),
      answer(created.id, payload.state, { skills_jwt_vc_json: [vp()] }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(answers.find((r) => r.status === 400)!.body.code).toBe('ERR_REQUEST_ALREADY_ANSWERED');
  });

  it('[replay] refuses with an OAuth error and stores why: wrong nonce', async () => {
    const created = await createRequest();
    const { payload, clientId } = await walletFetch(created.link);
    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: 'a-nonce-from-elsewhere',
      audience: clientId,
      iat: Math.floor(h.clock.t / 1000),
    });
    const res = await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_NONCE_INVALID' });
    expect(typeof res.body.error_description).toBe('string');
    const stored = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200)).body;
    expect(stored.result).toMatchObject({ accepted: false, outcome: 'failed' });
  });

  it('[replay] refuses an expired request', async () => {
    const created = await createRequest({ expiresInSeconds: 60 });
    const { payload, clientId } = await walletFetch(created.link);
    const start = h.clock.t;
    h.clock.t = start + 61_000;
    try {
      const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
        nonce: payload.nonce,
        audience: clientId,
        iat: Math.floor(h.clock.t / 1000),
      });
      const res = await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', code: 'ERR_REQUEST_EXPIRED' });
      const view = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200)).body;
      expect(view.status).toBe('expired');
    } finally {
      h.clock.t = start;
    }
  });

  it.each([
    ['a wrong state', (state: string) => ({ state: `${state}x`, token: {} }), 'ERR_VALIDATION'],
    [
      'a query id the request did not ask for',
      (state: string) => ({ state, token: { other: ['a.b.c'] } }),
      'ERR_PRESENTATION_INVALID',
    ],
  ])('[request bodies] refuses %s', async (_name, build, code) => {
    const created = await createRequest();
    const { payload } = await walletFetch(created.link);
    const { state, token } = build(payload.state);
    const res = await answer(created.id, state, token).expect(400);
    expect(res.body).toMatchObject({ error: 'invalid_request', code });
  });

  it('[credential content] refuses a credential of a kind the request does not accept', async () => {
    const created = await createRequest({ acceptedTypes: ['ModuleCredential'] });
    const { payload, clientId } = await walletFetch(created.link);
    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: payload.nonce,
      audience: clientId,
      iat: Math.floor(h.clock.t / 1000),
    });
    const res = await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(400);
    expect(res.body.code).toBe('ERR_CREDENTIAL_TYPE_MISMATCH');
  });

  it('accepts a credential from an unknown issuer but does not count it', async () => {
    const created = await createRequest();
    const { payload, clientId } = await walletFetch(created.link);
    const vp = holder.present([issuer.issue('onbekend', 'EVCCredential', { holder: holder.did })], {
      nonce: payload.nonce,
      audience: clientId,
      iat: Math.floor(h.clock.t / 1000),
    });
    await answer(created.id, payload.state, { skills_jwt_vc_json: [vp] }).expect(200);
    const stored = (await request(h.app).get(`/api/requests/${created.id}`).set(employer()).expect(200)).body;
    expect(stored.result).toMatchObject({ accepted: true, outcome: 'issuer_not_recognised' });
    expect(stored.result.report.match.coverage.proven).toBe(0);
    expect(stored.result.report.match.skills[0].proofs[0]).toMatchObject({
      issuerRecognised: false,
      counts: false,
    });
  });

  it('[request bodies] refuses an oversized response body with 413', async () => {
    const created = await createRequest();
    const res = await request(h.app)
      .post(`/oid4vp/responses/${created.id}`)
      .type('form')
      .send({ vp_token: 'x'.repeat(1_600_000), state: 's' });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('ERR_PAYLOAD_TOO_LARGE');
  });
});

describe('the employer API', () => {
  it('searches skills by Dutch and English label', async () => {
    const nl = (
      await request(h.app).get('/api/skills').query({ q: 'verpleegkundigen', lang: 'nl' }).expect(200)
    ).body;
    expect(nl.skills[0]).toMatchObject({ uri: SUPPORT_NURSES, label: { en: 'support nurses' } });
    const en = (
      await request(h.app).get('/api/skills').query({ q: 'support nurses', lang: 'en' }).expect(200)
    ).body;
    expect(en.skills[0].uri).toBe(SUPPORT_NURSES);
  });

  it('lists only its own requests and serves the QR code', async () => {
    const created = await createRequest();
    const list = (await request(h.app).get('/api/requests').set(employer()).expect(200)).body;
    expect(list.requests.some((r: any) => r.id === created.id)).toBe(true);
    const svg = await request(h.app)
      .get(new URL(created.qrCodeUrl).pathname)
      .expect(200)
      .expect('content-type', /image\/svg\+xml/);
    expect(String(svg.body ?? svg.text)).toContain('<svg');
  });

  it.each([
    ['no title', { title: '' }, 422, 'ERR_VALIDATION'],
    [
      'an unknown skill',
      { skills: [{ uri: `${ESCO}00000000-0000-0000-0000-000000000000` }] },
      422,
      'ERR_UNKNOWN_SKILL',
    ],
    ['a minimum level of 9', { skills: [{ uri: SUPPORT_NURSES, minimumLevel: 9 }] }, 422, 'ERR_VALIDATION'],
    ['an unknown credential type', { acceptedTypes: ['Diploma'] }, 422, 'ERR_VALIDATION'],
    ['a __proto__ key', JSON.parse('{"__proto__": {"admin": true}}'), 400, 'ERR_FORBIDDEN_KEY'],
  ])('[request bodies] refuses a request with %s', async (_name, patch, status, code) => {
    const res = await request(h.app)
      .post('/api/requests')
      .set(employer())
      .set('content-type', 'application/json')
      .send(JSON.stringify({ title: 'T', skills: [{ uri: SUPPORT_NURSES }], ...patch }));
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe(code);
  });

  it.each([
    ['GET', '/api/requests'],
    ['POST', '/api/requests'],
    ['GET', '/api/requests/x'],
    ['GET', '/api/admin/trusted-issuers'],
    ['PUT', '/api/admin/trusted-issuers/did:web:x'],
    ['DELETE', '/api/admin/trusted-issuers/did:web:x'],
    ['POST', '/api/admin/employers'],
    ['DELETE', '/api/admin/employers/x'],
  ])('[access control] %s %s needs authentication', async (method, path) => {
    const agent = request(h.app) as any;
    const res = await agent[method.toLowerCase()](path)
      .set('Authorization', 'Bearer wrong-key-0123456789')
      .send({});
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ERR_UNAUTHENTICATED');
  });

  it('[access control] stops accepting a revoked API key', async () => {
    const created = (
      await request(h.app).post('/api/admin/employers').set(admin).send({ name: 'Tijdelijk' }).expect(201)
    ).body;
    await request(h.app).get('/api/requests').set('Authorization', `Bearer ${created.apiKey}`).expect(200);
    await request(h.app).delete(`/api/admin/employers/${created.id}`).set(admin).expect(204);
    await request(h.app).get('/api/requests').set('Authorization', `Bearer ${created.apiKey}`).expect(401);
  });

  it("[access control] does not show another employer's request", async () => {
    const created = await createRequest();
    const other = (
      await request(h.app).post('/api/admin/employers').set(admin).send({ name: 'Ander' }).expect(201)
    ).body;
    const res = await request(h.app)
      .get(`/api/requests/${created.id}`)
      .set('Authorization', `Bearer ${other.apiKey}`)
      .expect(404);
    expect(res.body.code).toBe('ERR_NOT_FOUND');
  });
});

describe('the stateless verify API', () => {
  it('reports a credential, valid or not, with 200', async () => {
    const ok = (
      await request(h.app)
        .post('/api/verify/credential')
        .send({ credential: issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did }) })
        .expect(200)
    ).body;
    expect(ok).toMatchObject({ verified: true, outcome: 'verified' });
    expect(ok.checks.every((c: any) => c.status === 'pass')).toBe(true);
    const bad = (
      await request(h.app)
        .post('/api/verify/credential')
        .send({ credential: 'eyJhbGciOiJub25lIn0.e30.' })
        .expect(200)
    ).body;
    expect(bad).toMatchObject({
      verified: false,
      outcome: 'failed',
      checks: [{ id: 'credential_format', status: 'fail', code: 'ERR_JWS_ALG_NOT_ALLOWED' }],
    });
  });

  it('verifies a presentation of many credentials, far longer than an ordinary text field', async () => {
    const credentials = Array.from({ length: 12 }, () =>
      issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did }),
    );
    const vp = holder.present(credentials, {
      nonce: 'n1',
      audience: 'aud1',
      iat: Math.floor(h.clock.t / 1000),
    });
    expect(vp.length).toBeGreaterThan(40_000);
    const ok = (
      await request(h.app)
        .post('/api/verify/presentation')
        .send({ presentation: vp, nonce: 'n1', audience: 'aud1' })
        .expect(200)
    ).body;
    expect(ok.verified).toBe(true);
  });

  it('verifies a presentation against a given nonce and audience', async () => {
    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: 'n1',
      audience: 'aud1',
      iat: Math.floor(h.clock.t / 1000),
    });
    const ok = (
      await request(h.app)
        .post('/api/verify/presentation')
        .send({ presentation: vp, nonce: 'n1', audience: 'aud1' })
        .expect(200)
    ).body;
    expect(ok.verified).toBe(true);
    const wrong = (
      await request(h.app)
        .post('/api/verify/presentation')
        .send({ presentation: vp, nonce: 'n2', audience: 'aud1' })
        .expect(200)
    ).body;
    expect(wrong.checks.find((c: any) => c.id === 'presentation_nonce')).toMatchObject({
      status: 'fail',
      code: 'ERR_NONCE_INVALID',
    });
  });

  it.each([
    ['a missing credential', '/api/verify/credential', { holder: 'x' }, 422, 'ERR_VALIDATION'],
    [
      'a missing nonce',
      '/api/verify/presentation',
      { presentation: 'a.b.c', audience: 'x' },
      422,
      'ERR_VALIDATION',
    ],
    [
      'an oversized body',
      '/api/verify/credential',
      { credential: 'x'.repeat(400_000) },
      413,
      'ERR_PAYLOAD_TOO_LARGE',
    ],
  ])('[request bodies] answers %s with a problem', async (_name, path, body, status, code) => {
    const res = await request(h.app).post(path).send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it.each([
    ['malformed JSON', 'application/json', '{"credential":', 400, 'ERR_MALFORMED_JSON'],
    ['a wrong content type', 'text/plain', 'hello', 415, 'ERR_UNSUPPORTED_MEDIA_TYPE'],
    [
      'deep nesting',
      'application/json',
      `{"credential":${'['.repeat(40)}${']'.repeat(40)}}`,
      400,
      'ERR_INPUT_TOO_DEEP',
    ],
  ])('[request bodies] answers %s with a problem', async (_name, type, body, status, code) => {
    const res = await request(h.app).post('/api/verify/credential').set('content-type', type).send(body);
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
  });

  it('[property tests] the verifier answers random JSON on every POST endpoint with a 4xx or 200, never a 5xx, and leaves Object.prototype alone', async () => {
    const paths = [
      '/api/verify/credential',
      '/api/verify/presentation',
      '/api/requests',
      '/oid4vp/responses/none',
      '/api/admin/employers',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), fc.jsonValue(), async (path, value) => {
        const res = await request(h.app)
          .post(path)
          .set(employer())
          .set('content-type', 'application/json')
          .send(JSON.stringify(value));
        expect(res.status).toBeLessThan(500);
        expect(({} as any).admin).toBeUndefined();
      }),
      { numRuns: 60 },
    );
  });
});

describe('OpenAPI', () => {
  it('describes every route it answers, with the statuses it answers', async () => {
    const doc = (await request(h.app).get('/openapi.json').expect(200)).body;
    expect(doc.openapi).toBe('3.1.0');
    const created = await createRequest();
    const fill = (path: string): string =>
      path.replace('{id}', created.id).replace('{did}', encodeURIComponent('did:web:nobody.example'));
    for (const [path, operations] of Object.entries<Record<string, any>>(doc.paths)) {
      for (const [method, operation] of Object.entries<any>(operations)) {
        const auth = operation.security?.[0]?.adminToken !== undefined ? admin : employer();
        const res = await (request(h.app) as any)[method](fill(path)).set(auth);
        expect({
          path,
          method,
          status: String(res.status),
          documented: Object.keys(operation.responses).includes(String(res.status)),
        }).toMatchObject({ documented: true });
      }
    }
  });

  it('answers unknown paths with a problem document', async () => {
    const res = await request(h.app).get('/nowhere').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 404, code: 'ERR_NOT_FOUND' });
  });

  it('[logs and headers] serves the employer page with a strict Content Security Policy', async () => {
    const res = await request(h.app).get('/employer/').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.text).not.toMatch(/<script>(?!<\/script>)/);
  });
});
