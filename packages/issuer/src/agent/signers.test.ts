import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Resolver } from 'did-resolver';
import { verifyCredential } from 'did-jwt-vc';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { getOrganisation, signingKey } from '../domain/organisations.js';
import { provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { localDidWebResolver } from '../test-support/wallet.js';
import { credentialJwtPayload } from './jwt-credential-signer.js';
import { veramoDefaultSigner, veramoPorts } from './org-keys.js';

// The fast signing path must produce what Veramo's default path produces, and verify the same way.
const resolver = new Resolver(localDidWebResolver());

describe('fast credential signer', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
    await provisionOrg(issuer, 'signer-org', 'evc-provider');
  });
  afterAll(async () => issuer.destroy());

  const document = (did: string) => ({
    '@context': ['https://www.w3.org/2018/credentials/v1'],
    id: 'urn:uuid:5a3f0f1e-1111-4222-8333-944455556666',
    type: ['VerifiableCredential', 'OpenBadgeCredential', 'EVCCredential'],
    name: 'Ervaringscertificaat',
    issuer: { id: did, type: ['Profile'], name: 'Signer Org' },
    issuanceDate: '2026-10-14T10:00:00+02:00',
    expirationDate: '2031-10-14T10:00:00+02:00',
    credentialSubject: {
      id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      type: ['AchievementSubject'],
      route: 'education',
    },
    evidence: [{ type: ['Evidence'], name: 'Portfolio', genre: 'portfolio' }],
    credentialStatus: [{ id: 'https://x.example/status/1#5', type: 'BitstringStatusListEntry' }],
  });

  it('lays out the same JWT claims as Veramo\u2019s default path, and both verify with did-jwt-vc', async () => {
    const org = await getOrganisation(issuer.runtime.deps, 'signer-org');
    const key = await signingKey(issuer.runtime.deps, 'signer-org');
    const fast = await veramoPorts(issuer.runtime.agent).signer.sign(document(org.did), org.did, key);
    const slow = await veramoDefaultSigner(issuer.runtime.agent).sign(document(org.did), org.did, key);
    expect(decodeJwt(fast)).toEqual(decodeJwt(slow));
    expect(decodeProtectedHeader(fast)).toEqual(decodeProtectedHeader(slow));
    expect(decodeJwt(fast)).toEqual(credentialJwtPayload(document(org.did)));
    for (const jwt of [fast, slow]) {
      const verified = await verifyCredential(jwt, resolver);
      expect(verified.verified).toBe(true);
      expect(verified.verifiableCredential.credentialSubject.id).toBe(
        'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      );
    }
  });

  it('refuses to sign a credential that names another issuer', async () => {
    const org = await getOrganisation(issuer.runtime.deps, 'signer-org');
    const key = await signingKey(issuer.runtime.deps, 'signer-org');
    await expect(
      veramoPorts(issuer.runtime.agent).signer.sign(document('did:web:evil.example'), org.did, key),
    ).rejects.toThrow(/another issuer/);
  });

  it('a tampered fast-path JWT fails did-jwt-vc verification', async () => {
    const org = await getOrganisation(issuer.runtime.deps, 'signer-org');
    const key = await signingKey(issuer.runtime.deps, 'signer-org');
    const jwt = await veramoPorts(issuer.runtime.agent).signer.sign(document(org.did), org.did, key);
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    payload.vc.credentialSubject.route = 'labour-market';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(verifyCredential(tampered, resolver)).rejects.toThrow();
  });
});
