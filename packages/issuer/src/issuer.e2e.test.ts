import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Resolver } from 'did-resolver';
import { verifyCredential } from 'did-jwt-vc';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { evcRequest, moduleRequest } from './test-support/requests.js';
import { localDidWebResolver, newHolder, redeemOffer, statusBit } from './test-support/wallet.js';

// The issuer as a wallet and a verifier see it: over HTTP, with independent code (jose, node:crypto,
// did-jwt-vc). The test's did:web resolver fetches over http because the issuer runs on localhost.
const resolver = new Resolver(localDidWebResolver());

describe('issuer end to end', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    issuer = await startIssuer();
    org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
  });
  afterAll(async () => issuer.destroy());

  async function issueAndRedeem(request = evcRequest(), holder = newHolder()) {
    const created = await call(issuer.url, 'POST', '/api/credentials', { token: org.apiKey, body: request });
    expect(created.status).toBe(201);
    const redeemed = await redeemOffer(created.body.credential.offer.uri, holder);
    expect(redeemed.status).toBe(200);
    return { created: created.body, jwt: redeemed.body.credentials[0].credential as string, holder };
  }

  it('issues a credential that a wallet redeems and did-jwt-vc verifies against the did:web document', async () => {
    const request = evcRequest();
    const { created, jwt, holder } = await issueAndRedeem(request);
    expect(created.credential).toMatchObject({
      type: 'EVCCredential',
      status: 'offered',
      learner: { name: 'Fatima el Amrani' },
    });
    expect(created.credential.offer.uri).toMatch(
      /^openid-credential-offer:\/\/\?credential_offer_uri=http%3A%2F%2Flocalhost%3A\d+%2Foffers%2F/,
    );

    const verified = await verifyCredential(jwt, resolver);
    expect(verified.verified).toBe(true);
    expect(verified.issuer).toBe(org.did);
    expect(org.did).toMatch(/^did:web:localhost%3A\d+:orgs:evc-zorg$/);
    expect(decodeProtectedHeader(jwt)).toMatchObject({ alg: 'EdDSA', kid: `${org.did}#key-1` });
    const vc = verified.verifiableCredential;
    expect(vc.credentialSubject.id).toBe(holder.did);
    const { id: _id, type: _type, identifier, ...subject } = vc.credentialSubject as Record<string, unknown>;
    expect(subject).toEqual(request.credential.credentialSubject);
    expect(identifier).toEqual([
      { type: 'IdentityObject', hashed: false, identityHash: 'Fatima el Amrani', identityType: 'name' },
    ]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential', 'EVCCredential']);

    const stored = await call(
      issuer.url,
      'GET',
      `/api/credentials/${encodeURIComponent(created.credential.id)}`,
      { token: org.apiKey },
    );
    expect(stored.body).toMatchObject({
      status: 'issued',
      holderDid: holder.did,
      offer: { state: 'redeemed' },
    });
  });

  it('publishes revocation and suspension in one signed status list, bit by bit', async () => {
    const first = await issueAndRedeem();
    const second = await issueAndRedeem();
    // One entry (VC Data Model 1.1 and 1EdTech's schema allow one): its bit is set while the
    // credential is not valid; the list's `suspended` tells a suspension from a revocation.
    const entry = (decodeJwt(first.jwt) as any).vc.credentialStatus;
    expect(entry).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(entry.statusListCredential).toBe(`${issuer.url}/status/evc-zorg/1`);
    expect(entry.id).toBe(`${entry.statusListCredential}#${entry.statusListIndex}`);
    const index = Number(entry.statusListIndex);
    const otherIndex = Number((decodeJwt(second.jwt) as any).vc.credentialStatus.statusListIndex);
    expect(otherIndex).not.toBe(index);

    const list = async () => {
      const response = await fetch(entry.statusListCredential);
      expect(response.headers.get('content-type')).toMatch(/application\/vc\+jwt/);
      expect(response.headers.get('cache-control')).toContain('max-age=60');
      const jwt = await response.text();
      expect((await verifyCredential(jwt, resolver)).verified).toBe(true);
      const bits = (i: number) => [statusBit(jwt, i), statusBit(jwt, i, 'suspended')];
      return { jwt, etag: response.headers.get('etag'), bits };
    };
    const before = await list();
    expect(before.bits(index)).toEqual([false, false]);
    const decoded = decodeJwt(before.jwt) as any;
    expect(decoded.iss).toBe(org.did);
    expect(decoded.vc.credentialSubject).toMatchObject({
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
      ttl: 60_000,
    });
    const unchanged = await fetch(entry.statusListCredential, { headers: { 'if-none-match': before.etag! } });
    expect(unchanged.status).toBe(304);

    const id = encodeURIComponent(first.created.credential.id);
    const post = async (action: string, body: Record<string, unknown> = {}) =>
      (await call(issuer.url, 'POST', `/api/credentials/${id}/${action}`, { token: org.apiKey, body })).body;
    expect((await post('suspend')).status).toBe('suspended');
    expect((await list()).bits(index)).toEqual([true, true]);
    expect((await post('unsuspend')).status).toBe('issued');
    expect((await list()).bits(index)).toEqual([false, false]);

    expect(await post('revoke', { reason: 'Assessment fraud found' })).toMatchObject({
      status: 'revoked',
      revocationReason: 'Assessment fraud found',
    });
    const after = await list();
    expect(after.etag).not.toBe(before.etag);
    expect(after.bits(index)).toEqual([true, false]);
    expect(after.bits(otherIndex)).toEqual([false, false]);
  });

  it('keeps organisations, keys, credentials, offers and status lists across a restart and a key rotation', async () => {
    const before = await issueAndRedeem();
    const pending = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: moduleRequestFor(),
    });
    expect(pending.status).toBe(403); // an EVC provider may not issue modules (checked here in passing)
    const offered = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(before.created.credential.id)}/revoke`,
      {
        token: org.apiKey,
        body: { reason: 'test' },
      },
    );

    const { dataDir } = issuer;
    const port = Number(new URL(issuer.url).port);
    await issuer.stop();
    issuer = await startIssuer({ dataDir, port });

    expect((await verifyCredential(before.jwt, resolver)).verified).toBe(true);
    const { statusListCredential, statusListIndex } = (decodeJwt(before.jwt) as any).vc.credentialStatus;
    expect(statusBit(await (await fetch(statusListCredential)).text(), Number(statusListIndex))).toBe(true);
    const afterRestart = await redeemOffer(offered.body.credential.offer.uri, newHolder());
    expect(afterRestart.status).toBe(200);

    const rotated = await call(issuer.url, 'POST', '/admin/organisations/evc-zorg/keys', {
      token: 'test-admin-token-0123456789abcdef',
    });
    expect(rotated.body.fragment).toBe('key-2');
    const after = await issueAndRedeem();
    expect(decodeProtectedHeader(after.jwt).kid).toBe(`${org.did}#key-2`);
    expect((await verifyCredential(after.jwt, resolver)).verified).toBe(true);
    expect((await verifyCredential(before.jwt, resolver)).verified).toBe(true);
    const doc = await call(issuer.url, 'GET', '/orgs/evc-zorg/did.json');
    expect(doc.body.assertionMethod).toEqual([
      `${org.did}#key-1`,
      `${org.did}#key-1-multikey`,
      `${org.did}#key-1-p256`,
      `${org.did}#key-2`,
      `${org.did}#key-2-multikey`,
      `${org.did}#key-2-p256`,
    ]);
  });

  it('[logs and headers] the issuer logs no credential content, learner data, tokens or keys', async () => {
    await issueAndRedeem();
    const all = issuer.logs.join('\n');
    for (const secret of [
      'Fatima',
      'fatima@example.nl',
      org.apiKey,
      'eyJ',
      'spk_',
      'pre-authorized',
      'did:key:',
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(issuer.logs.length).toBeGreaterThan(5);
  });
});

function moduleRequestFor() {
  return moduleRequest();
}
