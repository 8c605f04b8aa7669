import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Resolver } from 'did-resolver';
import { verifyCredential } from 'did-jwt-vc';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { normalizeCredentialJwt } from '@skills-passport/core';
import { getOrganisation, signingKey } from '../domain/organisations.js';
import { provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { localDidWebResolver } from '../test-support/wallet.js';
import { credentialJwtPayload } from './jwt-credential-signer.js';
import { veramoDefaultSigner, veramoPorts } from './org-keys.js';

// The fast signing path must encode the credential Veramo's default path encodes, verify the same
// way, and lay it out exactly as VC Data Model 1.1 §6.3.1 says (Veramo moves `name` and the
// issuer's profile out of `vc`, where a wallet decoding by the spec no longer finds them).
const resolver = new Resolver(localDidWebResolver());

describe('fast credential signer', () => {
  let issuer: RunningIssuer;
  beforeAll(async () => {
    issuer = await startIssuer();
    await provisionOrg(issuer, 'signer-org', 'evc-provider');
  });
  afterAll(async () => issuer.destroy());

  const document = (did: string) => ({
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:5a3f0f1e-1111-4222-8333-944455556666',
    type: ['VerifiableCredential', 'OpenBadgeCredential', 'EVCCredential'],
    name: 'Ervaringscertificaat',
    issuer: { id: did, type: ['Profile'], name: 'Signer Org' },
    validFrom: '2026-10-14T10:00:00+02:00',
    validUntil: '2031-10-14T10:00:00+02:00',
    credentialSubject: {
      id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      type: ['AchievementSubject'],
      route: 'education',
    },
    evidence: [{ type: ['Evidence'], name: 'Portfolio', genre: 'portfolio' }],
    credentialStatus: { id: 'https://x.example/status/1#5', type: 'BitstringStatusListEntry' },
  });

  it('encodes the credential Veramo\u2019s default path encodes, everything inside `vc`; both verify with did-jwt-vc', async () => {
    const org = await getOrganisation(issuer.runtime.deps, 'signer-org');
    const key = await signingKey(issuer.runtime.deps, 'signer-org');
    const fast = await veramoPorts(issuer.runtime.veramo).signer.sign(document(org.did), org.did, key);
    const slow = await veramoDefaultSigner(issuer.runtime.agent).sign(document(org.did), org.did, key);
    // Veramo leaves the dates out of `vc` (nbf / exp only); ours keeps them as written (VC Data
    // Model 1.1 requires issuanceDate): the same instants.
    const decoded = (jwt: string) => {
      const normalized = normalizeCredentialJwt(decodeJwt(jwt));
      if (!normalized.ok) throw new Error(normalized.reason);
      const { credential } = normalized.value;
      return {
        ...normalized.value,
        credential: {
          ...credential,
          validFrom: Date.parse(String(credential.validFrom)),
          validUntil: Date.parse(String(credential.validUntil)),
        },
      };
    };
    expect(decoded(fast)).toEqual(decoded(slow));
    expect(decodeProtectedHeader(fast)).toEqual(decodeProtectedHeader(slow));
    expect(decodeJwt(fast)).toEqual(credentialJwtPayload(document(org.did)));
    // VC Data Model 1.1 §6.3.1: the registered claims and `vc`, nothing else.
    expect(Object.keys(decodeJwt(fast)).sort()).toEqual(['exp', 'iss', 'jti', 'nbf', 'sub', 'vc']);
    expect(decodeJwt(fast).vc).toMatchObject({
      name: 'Ervaringscertificaat',
      issuer: { id: org.did, name: 'Signer Org' },
      issuanceDate: '2026-10-14T10:00:00+02:00',
      credentialStatus: { type: 'BitstringStatusListEntry' },
    });
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
      veramoPorts(issuer.runtime.veramo).signer.sign(document('did:web:evil.example'), org.did, key),
    ).rejects.toThrow(/another issuer/);
  });

  it('a tampered fast-path JWT fails did-jwt-vc verification', async () => {
    const org = await getOrganisation(issuer.runtime.deps, 'signer-org');
    const key = await signingKey(issuer.runtime.deps, 'signer-org');
    const jwt = await veramoPorts(issuer.runtime.veramo).signer.sign(document(org.did), org.did, key);
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString('utf8'));
    payload.vc.credentialSubject.route = 'labour-market';
    const tampered = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    await expect(verifyCredential(tampered, resolver)).rejects.toThrow();
  });
});
