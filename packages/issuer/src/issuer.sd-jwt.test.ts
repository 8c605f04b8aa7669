import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { SignJWT } from 'jose';
import {
  presentSdJwtVc,
  verifyCredential,
  verifyStatusListCredential,
  webCryptoEd25519Verify,
  type CredentialVerificationDeps,
} from '@skills-passport/core';
import { storeVariants, tagged, type OpenedStore } from '@skills-passport/service-kit/testing';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { evcRequest } from './test-support/requests.js';
import { newHolder, redeemOffer, requestCredential } from './test-support/wallet.js';

// The third envelope, dc+sd-jwt, from the running issuer over real HTTP: the metadata a strict
// holder reads, a credential claimed with the same access token as the others and bound to the
// proof's key, checked by our pipeline and by @sd-jwt/sd-jwt-vc used directly against the key the
// organisation publishes, and its status read from the Token Status List token. On each store the
// issuer runs on: its SQLite file, and PostgreSQL (DATABASE_URL) where a cluster can start.

// The PostgreSQL run shares two cores with a cluster and the rest of the run.
jest.setTimeout(30_000);

const SD = 'EVCCredential_dc+sd-jwt';
const JWT = 'EVCCredential_jwt_vc_json';

describe.each(storeVariants())('SD-JWT VC from the issuer ($name)', ({ open }) => {
  let store: OpenedStore;
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  let deps: CredentialVerificationDeps;

  beforeAll(async () => {
    store = await open();
    issuer = await startIssuer({ database: store.database });
    org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
    const resolveDid: CredentialVerificationDeps['resolveDid'] = async (did) => {
      const response = await fetch(`${issuer.url}/orgs/${did.split(':').at(-1)}/did.json`);
      return response.ok
        ? { ok: true, document: (await response.json()) as Record<string, unknown> as never }
        : { ok: false, code: 'ERR_DID_RESOLUTION_FAILED', reason: String(response.status) };
    };
    deps = {
      resolveDid,
      verifySignature: webCryptoEd25519Verify,
      now: () => Date.now(),
      clockSkewSeconds: 60,
      statusLists: {
        async lookup(url) {
          const body = await (await fetch(url)).text();
          const verified = await verifyStatusListCredential(url, body, {
            resolveDid,
            verifySignature: webCryptoEd25519Verify,
            now: () => Date.now(),
            clockSkewSeconds: 60,
          });
          if (!verified.ok) return verified;
          const { ok: _ok, ...list } = verified;
          return { ok: true, fromCache: false, list: { url, fetchedAt: Date.now(), ...list } };
        },
      },
    };
  }, 60_000);
  afterAll(async () => {
    await issuer?.destroy();
    await store?.close();
  });

  const claim = async (holder = newHolder(), configurationId = SD) => {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    expect(created.status).toBe(201);
    const redeemed = await redeemOffer(created.body.credential.offer.uri, holder, { configurationId });
    return { id: created.body.credential.id as string, holder, redeemed };
  };

  it('describes the configuration as OpenID4VCI 1.0 asks: vct, ES256, jwk binding, claims in NL and EN', async () => {
    const metadata = (await (
      await fetch(`${issuer.url}/.well-known/openid-credential-issuer/orgs/evc-zorg`)
    ).json()) as any;
    const configuration = metadata.credential_configurations_supported[SD];
    expect(configuration).toMatchObject({
      format: 'dc+sd-jwt',
      vct: `${new URL(issuer.url).origin}/vct/EVCCredential`,
      cryptographic_binding_methods_supported: ['jwk'],
      credential_signing_alg_values_supported: ['ES256'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA', 'ES256'] } },
    });
    expect(configuration.credential_metadata.claims).toContainEqual({
      path: ['credentialSubject', 'results', null],
      display: [
        { name: 'Resultaat per vaardigheid', locale: 'nl' },
        { name: 'Result per skill', locale: 'en' },
      ],
    });
    const typeMetadata = (await (await fetch(configuration.vct)).json()) as any;
    expect(typeMetadata.vct).toBe(configuration.vct);
  });

  it('offers it beside the other envelopes, and hands it over bound to the proof key', async () => {
    const { redeemed, holder } = await claim();
    expect(redeemed.offer.credential_configuration_ids).toContain(SD);
    expect(redeemed.status).toBe(200);
    const token = redeemed.body.credentials[0].credential as string;
    const [jwt] = token.split('~');
    const header = JSON.parse(Buffer.from(jwt!.split('.')[0]!, 'base64url').toString());
    const payload = JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString());
    expect(header).toEqual({ typ: 'dc+sd-jwt', alg: 'ES256', kid: `${org.did}#key-1-p256` });
    expect(payload.iss).toBe(org.did);
    expect(payload.cnf.jwk).toEqual(holder.publicKey.export({ format: 'jwk' }));
    expect(payload.status.status_list.uri).toMatch(/\/status\/evc-zorg\/1\/token$/);
    const verdict = await verifyCredential({ format: 'dc+sd-jwt', token }, deps);
    expect(verdict.checks.filter((c) => c.status !== 'pass')).toEqual([]);
  });

  it('is accepted by @sd-jwt/sd-jwt-vc, used directly, with the key the organisation publishes', async () => {
    const { redeemed, holder } = await claim();
    const token = redeemed.body.credentials[0].credential as string;
    const didDocument = (await (await fetch(`${issuer.url}/orgs/evc-zorg/did.json`)).json()) as any;
    const kid = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()).kid as string;
    const method = didDocument.verificationMethod.find((m: any) => m.id === kid);
    expect(didDocument.assertionMethod).toContain(kid);
    const publicKey = createPublicKey({ key: method.publicKeyJwk, format: 'jwk' });
    const nonce = 'independent-nonce';
    const presentation = await presentSdJwtVc(
      token,
      [['credentialSubject', 'identifier']],
      { nonce, audience: 'x509_san_dns:verifier.example', issuedAt: Math.floor(Date.now() / 1000) },
      {
        alg: 'EdDSA',
        sign: (input) =>
          Promise.resolve(nodeSign(null, Buffer.from(input), holder.privateKey).toString('base64url')),
      },
    );
    const independent = new SDJwtVcInstance({
      hasher: (data: string | ArrayBuffer) =>
        new Uint8Array(
          createHash('sha256')
            .update(typeof data === 'string' ? data : new Uint8Array(data))
            .digest(),
        ),
      verifier: (data: string, signature: string) =>
        nodeVerify(
          'sha256',
          Buffer.from(data),
          { key: publicKey, dsaEncoding: 'ieee-p1363' },
          Buffer.from(signature, 'base64url'),
        ),
      kbVerifier: (data: string, signature: string, payload: any) =>
        nodeVerify(
          null,
          Buffer.from(data),
          createPublicKey({ key: payload.cnf.jwk, format: 'jwk' }),
          Buffer.from(signature, 'base64url'),
        ),
      // The library fetches the Token Status List token itself, from the issuer.
      loadTypeMetadataFormat: false,
    } as never);
    const result = await independent.verify(presentation, { keyBindingNonce: nonce } as never);
    expect((result.payload as any).credentialSubject.identifier[0].identityHash).toBe(
      evcRequest().learner.name,
    );
    expect((result.payload as any).credentialSubject.source).toBeUndefined();
  });

  it('reads revocation from the Token Status List token', async () => {
    const { id, redeemed } = await claim();
    const token = redeemed.body.credentials[0].credential as string;
    const revoked = await call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(id)}/revoke`, {
      token: org.apiKey,
      body: { reason: 'test' },
    });
    expect(revoked.status).toBe(200);
    const verdict = await verifyCredential({ format: 'dc+sd-jwt', token }, deps);
    expect(verdict.checks.find((c) => c.status === 'fail')?.code).toBe('ERR_CREDENTIAL_REVOKED');
  });

  it('serves the same credential in the other envelopes to the same holder with the same access token', async () => {
    const { redeemed, holder } = await claim();
    const other = await requestCredential(redeemed.offer, redeemed.metadata, redeemed.accessToken!, holder, {
      configurationId: JWT,
    });
    expect(other.status).toBe(200);
  });

  it(tagged('SD-JWT VC', 'refuses an ES256 proof (P-256 holder) for a jwt_vc_json credential'), async () => {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const offerUrl = new URL(created.body.credential.offer.uri).searchParams.get('credential_offer_uri')!;
    const offer = (await (await fetch(offerUrl)).json()) as any;
    const metadata = (await (
      await fetch(`${issuer.url}/.well-known/openid-credential-issuer/orgs/evc-zorg`)
    ).json()) as any;
    const token = (await (
      await fetch(`${issuer.url}/orgs/evc-zorg/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
          'pre-authorized_code':
            offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'],
        }),
      })
    ).json()) as any;
    const nonce = ((await (await fetch(metadata.nonce_endpoint, { method: 'POST' })).json()) as any).c_nonce;
    const proof = await new SignJWT({ aud: offer.credential_issuer, nonce })
      .setProtectedHeader({
        alg: 'ES256',
        typ: 'openid4vci-proof+jwt',
        jwk: p256.publicKey.export({ format: 'jwk' }) as never,
      })
      .setIssuedAt()
      .sign(p256.privateKey);
    const response = await fetch(metadata.credential_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({ credential_configuration_id: JWT, proofs: { jwt: [proof] } }),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error).toBe('invalid_proof');
    const view = await call(
      issuer.url,
      'GET',
      `/api/credentials/${encodeURIComponent(created.body.credential.id)}`,
      {
        token: org.apiKey,
      },
    );
    expect(view.body.status).toBe('offered');
  });
});
