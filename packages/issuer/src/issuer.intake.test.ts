import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { sign as nodeSign } from 'node:crypto';
import { presentSdJwtVc, skillResultPath } from '@skills-passport/core';
import { join } from 'node:path';
import { seedDemo } from './demo/seed-demo.js';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import {
  answerIntake,
  jwtVpToken,
  openIntakeRequest,
  presentCredentials,
  selfDeclaredBadge,
} from './test-support/intake-wallet.js';
import { evcRequest, moduleRequest } from './test-support/requests.js';
import { newHolder, redeemOffer, type TestHolder } from './test-support/wallet.js';

// Intakes over HTTP as a wallet and an assessor meet them: a real issuer on loopback, a credential
// it issued over OpenID4VCI to a holder's did:key, presentations signed with jose by that holder
// (code independent of the issuer's), and a self-declared skill as contract D has the wallet issue it.

const HEALTHCARE_ASSISTANT = 'http://data.europa.eu/esco/occupation/d38c2107-98f2-47b7-8bb4-f69750d51082';
/** Essential skills of the healthcare assistant in the demo ESCO: one the EVC certificate proves, one it does not. */
const PROVEN_BY_EVC = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
const SELF_DECLARED = 'http://data.europa.eu/esco/skill/097098fc-6d89-44e9-9305-98ac5c0a78ac';
const EVIDENCE =
  'Drie jaar mantelzorg voor mijn moeder (2022–2025); de wijkverpleegkundige kan het bevestigen.';

const clock = { t: Date.now() };
const seconds = () => Math.floor(clock.t / 1000);

describe('issuer intakes', () => {
  let issuer: RunningIssuer;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;
  let trainer: Awaited<ReturnType<typeof provisionOrg>>;
  let holder: TestHolder;
  let evcJwt: string;

  beforeAll(async () => {
    issuer = await startIssuer({ now: () => new Date(clock.t) });
    evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    trainer = await provisionOrg(issuer, 'roc-zorg', 'training-provider', 'ROC Zorg');
    const put = await call(issuer.url, 'PUT', '/api/intake-standards/25498', {
      token: evc.apiKey,
      body: { name: 'Helpende zorg en welzijn', identifier: '25498', occupation: HEALTHCARE_ASSISTANT },
    });
    expect(put.status).toBe(200);
    holder = newHolder();
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: evcRequest(),
    });
    expect(created.status).toBe(201);
    const redeemed = await redeemOffer(created.body.credential.offer.uri, holder);
    expect(redeemed.status).toBe(200);
    evcJwt = redeemed.body.credentials[0].credential as string;
  });
  afterAll(async () => issuer.destroy());

  /** Asks for a public EVC intake, as the wallet does. */
  async function publicIntake(standard = '25498') {
    return call(issuer.url, 'POST', '/api/intake/evc-zorg/requests', { body: { standard } });
  }

  /** Opens a request link as a wallet does, checking the request object's signature. */
  async function open(link: string) {
    const opened = await openIntakeRequest(link);
    expect(opened.contentType).toMatch(/^application\/oauth-authz-req\+jwt/);
    return { ...opened, did: opened.clientId.slice('decentralized_identifier:'.length) };
  }

  const present = (credentials: string[], binding: { nonce: string; audience: string }, by = holder) =>
    presentCredentials(by, credentials, { ...binding, iat: seconds() });

  const selfDeclared = () =>
    selfDeclaredBadge(
      holder,
      { uri: SELF_DECLARED, label: 'toezicht houden op patiënten', evidence: EVIDENCE },
      new Date(clock.t),
    );

  const answer = answerIntake;
  const vpToken = jwtVpToken;

  it('publishes an EVC provider’s intake: its did, name and standards with the occupation’s skills (CORS open); others are not found', async () => {
    const res = await call(issuer.url, 'GET', '/api/intake/evc-zorg', {
      headers: { origin: 'http://wallet.test' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.body.provider).toEqual({ id: evc.did, name: 'EVC Centrum Zorg' });
    expect(res.body.standards).toHaveLength(1);
    const standard = res.body.standards[0];
    expect(standard).toMatchObject({
      id: '25498',
      name: 'Helpende zorg en welzijn',
      identifier: '25498',
      occupation: HEALTHCARE_ASSISTANT,
    });
    expect(standard.skills).toContainEqual({
      uri: PROVEN_BY_EVC,
      label: expect.objectContaining({ nl: expect.any(String), en: expect.any(String) }),
      essential: true,
    });
    for (const slug of ['roc-zorg', 'nobody'])
      expect((await call(issuer.url, 'GET', `/api/intake/${slug}`)).body).toMatchObject({
        code: 'ERR_NOT_FOUND',
      });
  });

  it('answers a learner’s request with an openid4vp link whose request object the org signs with its did:web key', async () => {
    const created = await publicIntake();
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      requestLink: expect.stringMatching(
        /^openid4vp:\/\/\?client_id=decentralized_identifier%3Adid%3Aweb%3A/,
      ),
      requestId: expect.any(String),
      expiresAt: expect.any(String),
    });
    expect(Date.parse(created.body.expiresAt) - clock.t).toBe(30 * 60 * 1000);
    const { clientId, did, requestUri, header, payload } = await open(created.body.requestLink);
    expect(did).toBe(evc.did);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: `${evc.did}#key-1` });
    expect(new URL(requestUri).origin).toBe(issuer.url);
    expect(new URL(payload.response_uri).origin).toBe(issuer.url);
    expect(payload).toMatchObject({
      client_id: clientId,
      response_type: 'vp_token',
      response_mode: 'direct_post',
      client_metadata: {
        client_name: 'EVC Centrum Zorg',
        purpose: 'EVC-intake: Helpende zorg en welzijn',
        'purpose#en': 'EVC intake: Helpende zorg en welzijn',
      },
    });
    expect(payload.nonce.length).toBeGreaterThanOrEqual(32);
    expect(payload.exp - payload.iat).toBeLessThanOrEqual(600);
    // The learner chooses: one optional set over both whole-credential envelopes, our types and
    // Open Badges.
    expect(payload.dcql_query.credential_sets).toEqual([expect.objectContaining({ required: false })]);
    expect(payload.dcql_query.credentials.map((c: any) => c.id)).toEqual([
      'skills_jwt_vc_json',
      'skills_ldp_vc',
    ]);
    expect(payload.dcql_query.credentials[0].meta.type_values).toContainEqual([
      'VerifiableCredential',
      'OpenBadgeCredential',
    ]);
    // Each request has its own nonce and state.
    const other = await open((await publicIntake()).body.requestLink);
    expect(other.payload.nonce).not.toBe(payload.nonce);
    expect(other.payload.state).not.toBe(payload.state);
  });

  it('keeps the answer once: the EVC certificate recognised, the self-declared skill marked and never recognised; a replay is refused', async () => {
    const created = await publicIntake();
    const { clientId, payload } = await open(created.body.requestLink);
    const vp = await present([evcJwt, await selfDeclared()], { nonce: payload.nonce, audience: clientId });
    const accepted = await answer(payload, vpToken(vp));
    expect(accepted).toEqual({ status: 200, body: {} });

    const detail = await call(issuer.url, 'GET', `/api/intakes/${created.body.requestId}`, {
      token: evc.apiKey,
    });
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      id: created.body.requestId,
      purpose: 'evc-intake',
      standard: { id: '25498', name: 'Helpende zorg en welzijn' },
      status: 'received',
      learnerName: 'Fatima el Amrani',
      holder: holder.did,
      counts: { credentials: 2, selfDeclared: 1, recognised: 1 },
    });
    const [certificate, own] = detail.body.credentials;
    expect(certificate).toMatchObject({
      type: 'EVCCredential',
      issuer: { id: evc.did, name: 'EVC Centrum Zorg' },
      recognised: true,
      selfDeclared: false,
      verified: true,
      learning: 'formal',
    });
    expect(certificate.skills).toContainEqual(
      expect.objectContaining({
        uri: PROVEN_BY_EVC,
        level: expect.objectContaining({ rank: expect.any(Number), of: 4 }),
      }),
    );
    expect(own).toMatchObject({
      type: 'OpenBadgeCredential',
      issuer: { id: holder.did },
      recognised: false,
      selfDeclared: true,
      verified: true,
      evidence: EVIDENCE,
      skills: [expect.objectContaining({ uri: SELF_DECLARED })],
    });
    // Nothing of the presented tokens is kept.
    expect(JSON.stringify(detail.body)).not.toContain(evcJwt.split('.')[2]);

    const list = await call(issuer.url, 'GET', '/api/intakes', { token: evc.apiKey });
    expect(list.body.items.find((i: any) => i.id === created.body.requestId)).toMatchObject({
      status: 'received',
      learnerName: 'Fatima el Amrani',
      receivedAt: expect.any(String),
    });

    const replayed = await answer(payload, vpToken(vp));
    expect(replayed).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', code: 'ERR_REQUEST_ALREADY_ANSWERED' },
    });
    const again = await fetch(new URL(created.body.requestLink).searchParams.get('request_uri')!);
    expect(again.status).toBe(410);
  });

  it('refuses a presentation made for another request or another verifier, keeps the intake open, takes a decline, then the right answer', async () => {
    const created = await publicIntake();
    const { clientId, payload } = await open(created.body.requestLink);
    const wrongNonce = await answer(
      payload,
      vpToken(await present([evcJwt], { nonce: 'another-request-nonce-0123456789', audience: clientId })),
    );
    expect(wrongNonce).toMatchObject({
      status: 400,
      body: { error: 'invalid_request', code: 'ERR_NONCE_INVALID' },
    });
    const wrongAudience = await answer(
      payload,
      vpToken(
        await present([evcJwt], {
          nonce: payload.nonce,
          audience: 'decentralized_identifier:did:web:verifier.example',
        }),
      ),
    );
    expect(wrongAudience).toMatchObject({ status: 400, body: { code: 'ERR_AUDIENCE_INVALID' } });
    // Someone else's credential in the holder's presentation.
    const stranger = newHolder();
    const notTheirs = await answer(
      payload,
      vpToken(await present([evcJwt], { nonce: payload.nonce, audience: clientId }, stranger)),
    );
    expect(notTheirs).toMatchObject({ status: 400, body: { code: 'ERR_HOLDER_MISMATCH' } });
    expect((await answer(payload, { vp_token: '{}' })).body).toMatchObject({
      code: 'ERR_PRESENTATION_INVALID',
    });
    expect(await answer(payload, { error: 'access_denied' })).toEqual({ status: 200, body: {} });
    expect((await answer({ ...payload, state: 'not-its-state' }, { error: 'access_denied' })).status).toBe(
      400,
    );

    const pending = await call(issuer.url, 'GET', `/api/intakes/${created.body.requestId}`, {
      token: evc.apiKey,
    });
    expect(pending.body).toMatchObject({
      status: 'pending',
      credentials: [],
      requestLink: created.body.requestLink,
    });
    const good = await answer(
      payload,
      vpToken(await present([evcJwt], { nonce: payload.nonce, audience: clientId })),
    );
    expect(good.status).toBe(200);
  });

  it('refuses an unknown standard, and intakes for organisations that take none', async () => {
    const unknown = await publicIntake('99999');
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'ERR_STANDARD_UNKNOWN' });
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const staffUnknown = await call(issuer.url, 'POST', '/api/intakes', {
      token: evc.apiKey,
      body: { purpose: 'evc-intake', standard: '99999' },
    });
    expect(staffUnknown.body).toMatchObject({ code: 'ERR_STANDARD_UNKNOWN' });
    const invalid = await call(issuer.url, 'POST', '/api/intakes', {
      token: evc.apiKey,
      body: { purpose: 'sales' },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({ code: 'ERR_VALIDATION' });
    const forbidden = await call(issuer.url, 'POST', '/api/intakes', {
      token: trainer.apiKey,
      body: { purpose: 'advice' },
    });
    expect(forbidden.status).toBe(403);
    expect((await call(issuer.url, 'GET', '/api/intakes')).status).toBe(401);
    expect(
      (await call(issuer.url, 'POST', '/api/intake/roc-zorg/requests', { body: { standard: '25498' } }))
        .status,
    ).toBe(404);
    const badStandard = await call(issuer.url, 'PUT', '/api/intake-standards/25499', {
      token: evc.apiKey,
      body: { name: '', occupation: 'http://data.europa.eu/esco/occupation/nope' },
    });
    expect(badStandard.status).toBe(422);
    expect(badStandard.body.errors.map((e: any) => e.pointer).sort()).toEqual(['/name', '/occupation']);
  });

  it('lets staff ask for advice for a day, and shows the gap to an occupation: recognised skills proven, self-declared listed, never proven', async () => {
    const created = await call(issuer.url, 'POST', '/api/intakes', {
      token: evc.apiKey,
      body: { purpose: 'advice', purposeText: 'Loopbaangesprek 12 december' },
    });
    expect(created.status).toBe(201);
    expect(Date.parse(created.body.expiresAt) - clock.t).toBe(24 * 3600 * 1000);
    const { clientId, payload } = await open(created.body.requestLink);
    expect(payload.client_metadata.purpose).toBe('Loopbaangesprek 12 december');
    // Whole credentials only (see intakeDcqlQuery).
    expect(payload.dcql_query.credentials.map((c: any) => c.id)).toEqual([
      'skills_jwt_vc_json',
      'skills_ldp_vc',
    ]);
    const vp = await present([evcJwt, await selfDeclared()], { nonce: payload.nonce, audience: clientId });
    expect((await answer(payload, vpToken(vp))).status).toBe(200);

    const noOccupation = await call(issuer.url, 'GET', `/api/intakes/${created.body.id}/gap`, {
      token: evc.apiKey,
    });
    expect(noOccupation.status).toBe(422);
    const res = await call(
      issuer.url,
      'GET',
      `/api/intakes/${created.body.id}/gap?occupation=${encodeURIComponent(HEALTHCARE_ASSISTANT)}`,
      { token: evc.apiKey },
    );
    expect(res.status).toBe(200);
    expect(res.body.occupation).toEqual({
      uri: HEALTHCARE_ASSISTANT,
      label: { nl: 'zorghulp', en: 'healthcare assistant' },
    });
    const line = (uri: string) => res.body.gap.lines.find((l: any) => l.uri === uri);
    expect(line(PROVEN_BY_EVC)).toMatchObject({
      status: 'proven',
      proven: [expect.objectContaining({ source: expect.objectContaining({ kind: 'credential' }) })],
    });
    expect(line(SELF_DECLARED).status).not.toBe('proven');
    expect(line(SELF_DECLARED).selfDeclared).toEqual([
      expect.objectContaining({ source: { kind: 'self-declared', description: EVIDENCE } }),
    ]);
    expect(res.body.gap.essential).toMatchObject({ total: 32, proven: 2 });
    const unknown = await call(issuer.url, 'GET', `/api/intakes/${created.body.id}/gap?occupation=nope`, {
      token: evc.apiKey,
    });
    expect(unknown.status).toBe(404);
    // Another organisation's intake is not found.
    const desk = await provisionOrg(issuer, 'evc-other', 'evc-provider');
    expect(
      (await call(issuer.url, 'GET', `/api/intakes/${created.body.id}`, { token: desk.apiKey })).status,
    ).toBe(404);
  });

  it('keeps a revoked credential, marked not verified and not recognised', async () => {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: evcRequest(),
    });
    const redeemed = await redeemOffer(created.body.credential.offer.uri, holder);
    const revoke = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(created.body.credential.id)}/revoke`,
      {
        token: evc.apiKey,
        body: { reason: 'Uitgegeven aan de verkeerde persoon' },
      },
    );
    expect(revoke.status).toBe(200);
    const intake = await publicIntake();
    const { clientId, payload } = await open(intake.body.requestLink);
    const vp = await present([evcJwt, redeemed.body.credentials[0].credential], {
      nonce: payload.nonce,
      audience: clientId,
    });
    expect((await answer(payload, vpToken(vp))).status).toBe(200);
    const detail = await call(issuer.url, 'GET', `/api/intakes/${intake.body.requestId}`, {
      token: evc.apiKey,
    });
    expect(detail.body.credentials.map((c: any) => [c.verified, c.recognised])).toEqual([
      [true, true],
      [false, false],
    ]);
    expect(detail.body.credentials[1].problem).toEqual(expect.any(String));
  });

  it('asks for whole credentials only, never an SD-JWT VC: a portfolio is assessed whole, and an SD-JWT VC sent anyway is refused', async () => {
    const sdHolder = newHolder();
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: evc.apiKey,
      body: evcRequest(),
    });
    const redeemed = await redeemOffer(created.body.credential.offer.uri, sdHolder, {
      configurationId: 'EVCCredential_dc+sd-jwt',
    });
    const token = redeemed.body.credentials[0].credential as string;
    const intake = await publicIntake();
    const { clientId, payload } = await open(intake.body.requestLink);
    // A standard of dozens of skills: a DCQL claim set could offer each skill only alone beyond the
    // first few, and a wallet would disclose one proven skill per credential.
    expect(payload.dcql_query.credentials.map((c: any) => c.format)).toEqual(['jwt_vc_json', 'ldp_vc']);
    const presentation = await presentSdJwtVc(
      token,
      [['credentialSubject', 'identifier'], skillResultPath(PROVEN_BY_EVC)],
      { nonce: payload.nonce, audience: clientId, issuedAt: seconds() },
      {
        alg: 'EdDSA',
        sign: (input) =>
          Promise.resolve(nodeSign(null, Buffer.from(input), sdHolder.privateKey).toString('base64url')),
      },
    );
    const refused = await answer(payload, { vp_token: JSON.stringify({ skills_dc_sd_jwt: [presentation] }) });
    expect(refused).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    const detail = await call(issuer.url, 'GET', `/api/intakes/${intake.body.requestId}`, {
      token: evc.apiKey,
    });
    expect(detail.body.status).toBe('pending');
  });

  it('refuses an answer once the request has expired (30 minutes by default)', async () => {
    const created = await publicIntake();
    const { clientId, payload } = await open(created.body.requestLink);
    clock.t += 30 * 60 * 1000 + 1000;
    const vp = await present([evcJwt], { nonce: payload.nonce, audience: clientId });
    expect(await answer(payload, vpToken(vp))).toMatchObject({
      status: 400,
      body: { code: 'ERR_REQUEST_EXPIRED' },
    });
    const requestObject = await fetch(new URL(created.body.requestLink).searchParams.get('request_uri')!);
    expect(requestObject.status).toBe(410);
    expect(((await requestObject.json()) as any).code).toBe('ERR_REQUEST_EXPIRED');
    const listed = await call(issuer.url, 'GET', '/api/intakes', { token: evc.apiKey });
    expect(listed.body.items.find((i: any) => i.id === created.body.requestId).status).toBe('expired');
  });
});

describe('issuer intakes: public endpoints are rate-limited per client address', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer({ config: { rateLimitPerMinute: 3 } });
    const evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider');
    await call(issuer.url, 'PUT', '/api/intake-standards/25498', {
      token: evc.apiKey,
      body: { name: 'Helpende zorg en welzijn', occupation: HEALTHCARE_ASSISTANT },
    });
  });
  afterAll(async () => issuer.destroy());

  it('answers 429 ERR_RATE_LIMITED past the limit, and makes no request then', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await call(issuer.url, 'POST', '/api/intake/evc-zorg/requests', { body: { standard: '25498' } }))
          .status,
      );
    expect(statuses).toEqual([201, 201, 201, 429]);
    const limited = await call(issuer.url, 'POST', '/api/intake/evc-zorg/requests', {
      body: { standard: '25498' },
    });
    expect(limited.body).toMatchObject({ code: 'ERR_RATE_LIMITED' });
    expect(limited.headers.get('retry-after')).toEqual(expect.any(String));
    const staff = (await issuer.runtime.deps.store.organisations.find('evc-zorg'))!;
    expect(await issuer.runtime.deps.store.intakes.list(staff.slug, 10)).toHaveLength(3);
  });
});

describe('issuer intakes: other issuers recognised by ISSUER_TRUSTED_ISSUERS_FILE', () => {
  let other: RunningIssuer;
  let issuer: RunningIssuer;
  let trustedOrg: Awaited<ReturnType<typeof provisionOrg>>;
  let unknownOrg: Awaited<ReturnType<typeof provisionOrg>>;
  /** Listed, but only for workplace learning: its modules are genuine and not recognised. */
  let otherTypeOrg: Awaited<ReturnType<typeof provisionOrg>>;
  const dir = mkdtempSync(join(tmpdir(), 'sp-intake-trust-'));

  beforeAll(async () => {
    // Another issuer service on its own port: its organisations are not this issuer's.
    other = await startIssuer();
    trustedOrg = await provisionOrg(other, 'roc-midden', 'training-provider', 'ROC Midden');
    unknownOrg = await provisionOrg(other, 'roc-onbekend', 'training-provider', 'ROC Onbekend');
    otherTypeOrg = await provisionOrg(other, 'werkgever', 'employer', 'Werkgever BV');
    const file = join(dir, 'trusted-issuers.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          did: trustedOrg.did,
          name: 'ROC Midden',
          kind: 'training-provider',
          accreditedTypes: ['ModuleCredential'],
        },
        {
          did: otherTypeOrg.did,
          name: 'Werkgever BV',
          kind: 'employer',
          accreditedTypes: ['WorkplaceLearningCredential'],
        },
      ]),
    );
    issuer = await startIssuer({ config: { trustedIssuersFile: file } });
    const evc = await provisionOrg(issuer, 'evc-zorg', 'evc-provider');
    await call(issuer.url, 'PUT', '/api/intake-standards/25498', {
      token: evc.apiKey,
      body: { name: 'Helpende zorg en welzijn', occupation: HEALTHCARE_ASSISTANT },
    });
  });
  afterAll(async () => {
    await issuer.destroy();
    await other.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('recognises a listed issuer’s module (did:web and status list fetched from it); an unlisted one, or one listed for another type, is another issuer’s', async () => {
    const holder = newHolder();
    const moduleFrom = async (org: typeof trustedOrg) => {
      const created = await call(other.url, 'POST', '/api/credentials', {
        token: org.apiKey,
        body: moduleRequest(),
      });
      const redeemed = await redeemOffer(created.body.credential.offer.uri, holder);
      return redeemed.body.credentials[0].credential as string;
    };
    const credentials = [
      await moduleFrom(trustedOrg),
      await moduleFrom(unknownOrg),
      await moduleFrom(otherTypeOrg),
    ];
    const intake = await call(issuer.url, 'POST', '/api/intake/evc-zorg/requests', {
      body: { standard: '25498' },
    });
    const { clientId, payload } = await openIntakeRequest(intake.body.requestLink);
    const vp = await presentCredentials(holder, credentials, { nonce: payload.nonce, audience: clientId });
    expect(await answerIntake(payload, jwtVpToken(vp))).toEqual({ status: 200, body: {} });
    const evcKey = (await provisionOrg(issuer, 'evc-staff', 'evc-provider')).apiKey;
    // Another EVC provider of this issuer does not see it; its own staff do.
    expect(
      (await call(issuer.url, 'GET', `/api/intakes/${intake.body.requestId}`, { token: evcKey })).status,
    ).toBe(404);
    const rows = issuer.runtime.db;
    const stored = (await rows.get<{ answer: string }>('SELECT answer FROM intakes WHERE id = ?', [
      intake.body.requestId,
    ]))!;
    const shared = JSON.parse(stored.answer).credentials;
    expect(shared.map((c: any) => [c.issuer.id, c.type, c.verified, c.recognised, c.selfDeclared])).toEqual([
      [trustedOrg.did, 'ModuleCredential', true, true, false],
      [unknownOrg.did, 'ModuleCredential', true, false, false],
      [otherTypeOrg.did, 'ModuleCredential', true, false, false],
    ]);
    expect(shared[2].problem).toMatch(/^Werkgever BV is not recognised/);
  });
});

describe('issuer intakes: the demo', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
  });
  afterAll(async () => issuer.destroy());

  it('seeds the demo EVC provider’s standard 25498 with the healthcare assistant’s skills, once', async () => {
    await seedDemo(issuer.runtime.deps);
    await seedDemo(issuer.runtime.deps);
    const res = await call(issuer.url, 'GET', '/api/intake/evc-zorg-nl');
    expect(res.status).toBe(200);
    expect(res.body.provider.name).toBe('EVC Centrum Zorg Nederland');
    expect(res.body.standards).toHaveLength(1);
    expect(res.body.standards[0]).toMatchObject({
      id: '25498',
      name: 'Helpende zorg en welzijn',
      identifier: '25498',
      occupation: HEALTHCARE_ASSISTANT,
    });
    expect(res.body.standards[0].skills.filter((s: any) => s.essential)).toHaveLength(32);
  });
});
