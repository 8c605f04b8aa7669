import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { matchSkills, type AnyMatchable } from '@skills-passport/core';
import request from 'supertest';
import { verifyPresentation } from './domain/verify-presentation.js';
import { ADMIN_TOKEN, startVerifier, type Harness } from './test-support/harness.js';
import { selfIssuedBadge } from './test-support/self-issued.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// contract D: a credential whose issuer is its own subject is self-declared — the holder's word,
// verified by nobody. It is listed as such and never counts as proof for any skill, even when
// someone put the holder's DID on the trust list.
const ESCO = 'http://data.europa.eu/esco/skill/';
const SUPPORT_NURSES = `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896`;
const MONITOR_SIGNS = `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`;

let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  h = await startVerifier();
  await issuer.start();
  const evc = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
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

const selfIssued = (skill: { uri: string; label: string }) => selfIssuedBadge(holder, skill, h.clock.t);

async function trustHolder(): Promise<void> {
  // Someone (wrongly) put the holder's own did:key on the trust list: it must change nothing.
  await request(h.app)
    .put(`/api/admin/trusted-issuers/${encodeURIComponent(holder.did)}`)
    .set(admin)
    .send({ name: 'De houder zelf', kind: 'other', accreditedTypes: ['EVCCredential'] })
    .expect(200);
}

describe('a self-declared credential, in the domain', () => {
  it('[issuer spoofing and holder binding] is marked selfDeclared and never proves a skill, even with its issuer on the trust list', async () => {
    await trustHolder();
    const nonce = 'n-0123456789abcdef0123456789abcdef';
    const audience = h.deps.identity.clientId;
    const vp = holder.present([selfIssued({ uri: MONITOR_SIGNS, label: 'vitale functies monitoren' })], {
      nonce,
      audience,
      iat: Math.floor(h.clock.t / 1000),
    });
    const verified = await verifyPresentation(vp, { nonce, audience }, h.deps.verification);
    expect(verified).toMatchObject({ accepted: true, verified: false, outcome: 'issuer_not_recognised' });
    const [credential] = verified.credentials;
    expect(credential).toMatchObject({
      outcome: 'issuer_not_recognised',
      selfDeclared: true,
      issuer: holder.did,
      subject: holder.did,
    });
    // The signature holds — it is the holder's own statement — but trust says self-declared.
    expect(credential!.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'pass' });
    expect(credential!.checks.filter((c) => c.id.startsWith('issuer_'))).toEqual([
      expect.objectContaining({ id: 'issuer_did', status: 'pass' }),
      expect.objectContaining({ id: 'issuer_consistency', status: 'pass' }),
      expect.objectContaining({ id: 'issuer_trust', status: 'warning', code: 'ERR_ISSUER_SELF_DECLARED' }),
    ]);

    // Even read as verified, core's skills match never counts it, nor calls the skill partly proven.
    const asIfVerified: AnyMatchable = {
      kind: 'open-badge',
      index: 0,
      badge: credential!.badge!,
      outcome: 'verified',
      selfDeclared: true,
    };
    const match = matchSkills([{ uri: MONITOR_SIGNS, required: true }], [asIfVerified], h.deps.taxonomy);
    expect(match.skills[0]).toMatchObject({
      status: 'not_proven',
      proofs: [{ selfDeclared: true, counts: false, issuerRecognised: false }],
    });
    expect(match.coverage).toMatchObject({ proven: 0, partial: 0, notProven: 1 });
  });

  it('a credential from a trusted issuer to the holder is not self-declared', async () => {
    const nonce = 'n-abcdef0123456789abcdef0123456789';
    const audience = h.deps.identity.clientId;
    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce,
      audience,
      iat: Math.floor(h.clock.t / 1000),
    });
    const verified = await verifyPresentation(vp, { nonce, audience }, h.deps.verification);
    expect(verified.outcome).toBe('verified');
    expect(verified.credentials[0]).not.toHaveProperty('selfDeclared');
  });
});

describe("a self-declared credential, in the employer's report", () => {
  it('[issuer spoofing and holder binding] lists it as self-declared and leaves its skill not proven', async () => {
    await trustHolder();
    const created = (
      await request(h.app)
        .post('/api/requests')
        .set({ Authorization: `Bearer ${h.apiKey}` })
        .send({
          title: 'Zorghulp',
          skills: [{ uri: SUPPORT_NURSES }, { uri: MONITOR_SIGNS }],
          acceptedTypes: ['EVCCredential', 'OpenBadgeCredential'],
        })
        .expect(201)
    ).body as { id: string; link: string };
    const requestUri = new URL(new URL(created.link).searchParams.get('request_uri')!);
    const jwt = (await request(h.app).get(requestUri.pathname).expect(200)).text;
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as Record<string, any>;
    const queries = (claims.dcql_query.credentials as { id: string }[]).map((q) => q.id);
    expect(queries).toContain('skills_jwt_vc_json');

    // The EVC certificate proves SUPPORT_NURSES; the learner adds MONITOR_SIGNS as self-declared.
    const evc = issuer.issue('evc-zorg', 'EVCCredential', {
      holder: holder.did,
      mutate: (doc) => {
        doc.credentialSubject.achievement.alignment = doc.credentialSubject.achievement.alignment.filter(
          (a: { targetUrl: string }) => a.targetUrl !== MONITOR_SIGNS,
        );
        doc.credentialSubject.result = doc.credentialSubject.result.filter(
          (r: { alignment?: { targetUrl: string }[] }) => r.alignment?.[0]?.targetUrl !== MONITOR_SIGNS,
        );
      },
    });
    const own = selfIssued({ uri: MONITOR_SIGNS, label: 'vitale functies monitoren' });
    const vp = holder.present([evc, own], {
      nonce: claims.nonce,
      audience: claims.client_id,
      iat: Math.floor(h.clock.t / 1000),
    });
    await request(h.app)
      .post(`/oid4vp/responses/${created.id}`)
      .type('form')
      .send({ vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }), state: claims.state })
      .expect(200);

    const stored = (
      await request(h.app)
        .get(`/api/requests/${created.id}`)
        .set({ Authorization: `Bearer ${h.apiKey}` })
        .expect(200)
    ).body;
    expect(stored.result).toMatchObject({ accepted: true, outcome: 'issuer_not_recognised' });
    const credentials = stored.result.report.presentations[0].credentials;
    expect(credentials.map((c: { selfDeclared?: boolean }) => c.selfDeclared === true)).toEqual([
      false,
      true,
    ]);
    const lines = new Map(stored.result.report.match.skills.map((l: { uri: string }) => [l.uri, l]));
    expect(lines.get(SUPPORT_NURSES)).toMatchObject({ status: 'proven' });
    expect(lines.get(MONITOR_SIGNS)).toMatchObject({
      status: 'not_proven',
      proofs: [{ type: 'OpenBadgeCredential', selfDeclared: true, counts: false, issuerRecognised: false }],
    });
    expect(stored.result.report.match.coverage).toEqual({
      required: 2,
      proven: 1,
      partial: 0,
      notProven: 1,
      percent: 50,
    });
  });
});
