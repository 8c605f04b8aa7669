import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { tagged } from '@skills-passport/service-kit/testing';
import { createHmac, generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { decodeJwt } from 'jose';
import { call, provisionOrg, startIssuer, type RunningIssuer } from '../test-support/issuer-harness.js';
import { evcRequest } from '../test-support/requests.js';
import { isHighS } from '../crypto/p256.js';

// OpenID4VCI proofs of possession signed ES256 with a P-256 jwk (what EU-wallet-style holders send)
// beside EdDSA; `alg` bound to the key's type, only EdDSA and ES256, only low-S.

const ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

const p256 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ed25519 = () => generateKeyPairSync('ed25519');
const publicJwk = (key: KeyObject) => key.export({ format: 'jwk' }) as Record<string, unknown>;

/** ES256 (IEEE P1363 r || s) as node:crypto makes it, in its low-S form. */
function es256(privateKey: KeyObject, input: string): Buffer {
  const signature = nodeSign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return isHighS(signature) ? highTwin(signature) : signature;
}

/** The other signature of the same message: s replaced by n - s. */
function highTwin(signature: Buffer): Buffer {
  const twin = Buffer.from(signature);
  const s = ORDER - BigInt(`0x${signature.subarray(32).toString('hex')}`);
  twin.set(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'), 32);
  return twin;
}

interface ProofInput {
  aud: string;
  nonce: string;
}

/** A proof JWT: `header` (typ added), standard claims, signed by `sign` over the signing input. */
function proofJwt(
  header: Record<string, unknown>,
  input: ProofInput,
  sign: (signingInput: string) => Buffer,
): string {
  const payload = { aud: input.aud, nonce: input.nonce, iat: Math.floor(Date.now() / 1000) };
  const signingInput = `${b64({ typ: 'openid4vci-proof+jwt', ...header })}.${b64(payload)}`;
  return `${signingInput}.${sign(signingInput).toString('base64url')}`;
}

const es256Proof = (input: ProofInput) => {
  const { publicKey, privateKey } = p256();
  return proofJwt({ alg: 'ES256', jwk: publicJwk(publicKey) }, input, (s) => es256(privateKey, s));
};

describe('holder proofs with ES256', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  beforeAll(async () => {
    issuer = await startIssuer();
    org = await provisionOrg(issuer, 'proof-org', 'evc-provider');
  });
  afterAll(() => issuer.destroy());

  /** An offered credential up to the credential request: access token and a fresh nonce. */
  async function credentialRequestFor() {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    const offerPath = new URL(created.body.credential.offer.offerUrl).pathname;
    const offer = (await call(issuer.url, 'GET', offerPath)).body;
    const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
    const token = await fetch(`${offer.credential_issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
      }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const { c_nonce } = await fetch(`${offer.credential_issuer}/nonce`, { method: 'POST' }).then(
      (r) => r.json() as Promise<{ c_nonce: string }>,
    );
    const send = async (proof: string) => {
      const response = await fetch(`${offer.credential_issuer}/credential`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
        body: JSON.stringify({
          // A P-256 holder is bound by its jwk: the SD-JWT VC envelope (see PROOF_ALGORITHMS).
          credential_configuration_id: 'EVCCredential_dc+sd-jwt',
          proofs: { jwt: [proof] },
        }),
      });
      return { status: response.status, body: (await response.json()) as any };
    };
    const stored = async () => {
      const record = await issuer.runtime.deps.store.credentials.find(
        'proof-org',
        created.body.credential.id,
      );
      const offerId = offerPath.split('/').at(-1)!;
      return {
        status: record!.status,
        holderDid: record!.holderDid,
        deliveries: await issuer.runtime.deps.store.deliveries.forOffer(offerId),
      };
    };
    return { input: { aud: offer.credential_issuer as string, nonce: c_nonce }, send, stored };
  }

  it('accepts an ES256 proof with a P-256 jwk: the SD-JWT VC is bound to that jwk, the holder is its P-256 did:key', async () => {
    const request = await credentialRequestFor();
    const response = await request.send(es256Proof(request.input));
    expect(response.status).toBe(200);
    const payload = decodeJwt(String(response.body.credentials[0].credential).split('~')[0]!) as any;
    expect(payload.cnf.jwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    const stored = await request.stored();
    expect(stored).toMatchObject({ status: 'issued' });
    expect(stored.holderDid).toMatch(/^did:key:zDn[1-9A-HJ-NP-Za-km-z]+$/);
  });

  it('accepts a high-S ES256 proof: hardware keys and WebCrypto make them, and a proof is used once', async () => {
    const request = await credentialRequestFor();
    const { publicKey, privateKey } = p256();
    const proof = proofJwt({ alg: 'ES256', jwk: publicJwk(publicKey) }, request.input, (s) =>
      highTwin(es256(privateKey, s)),
    );
    expect((await request.send(proof)).status).toBe(200);
  });

  it('advertises ES256 proofs where the credential binds a jwk (dc+sd-jwt), EdDSA everywhere', async () => {
    const metadata = (await call(issuer.url, 'GET', '/.well-known/openid-credential-issuer/orgs/proof-org'))
      .body;
    for (const configuration of Object.values(metadata.credential_configurations_supported) as any[])
      expect(configuration.proof_types_supported.jwt.proof_signing_alg_values_supported).toEqual(
        configuration.format === 'dc+sd-jwt' ? ['EdDSA', 'ES256'] : ['EdDSA'],
      );
  });

  const refused: [string, (input: ProofInput) => string][] = [
    [
      'ES256 alg over an Ed25519 jwk',
      (input) => {
        const { publicKey, privateKey } = ed25519();
        return proofJwt({ alg: 'ES256', jwk: publicJwk(publicKey) }, input, (s) =>
          nodeSign(null, Buffer.from(s), privateKey),
        );
      },
    ],
    [
      'EdDSA alg over a P-256 jwk',
      (input) => {
        const { publicKey, privateKey } = p256();
        return proofJwt({ alg: 'EdDSA', jwk: publicJwk(publicKey) }, input, (s) => es256(privateKey, s));
      },
    ],
    [
      'an ES256 proof signed by another P-256 key than its jwk',
      (input) => {
        const named = p256().publicKey;
        const signer = p256().privateKey;
        return proofJwt({ alg: 'ES256', jwk: publicJwk(named) }, input, (s) => es256(signer, s));
      },
    ],
    [
      'a P-256 jwk with its private part (d)',
      (input) => {
        const { privateKey } = p256();
        return proofJwt({ alg: 'ES256', jwk: privateKey.export({ format: 'jwk' }) }, input, (s) =>
          es256(privateKey, s),
        );
      },
    ],
    [
      'alg none',
      (input) => proofJwt({ alg: 'none', jwk: publicJwk(p256().publicKey) }, input, () => Buffer.alloc(0)),
    ],
    [
      'alg HS256',
      (input) =>
        proofJwt({ alg: 'HS256', jwk: publicJwk(p256().publicKey) }, input, (s) =>
          createHmac('sha256', 'shared secret').update(s).digest(),
        ),
    ],
    [
      'alg RS256',
      (input) => {
        const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
        return proofJwt({ alg: 'RS256', jwk: publicJwk(publicKey) }, input, (s) =>
          nodeSign('sha256', Buffer.from(s), privateKey),
        );
      },
    ],
    [
      'alg ES256K',
      (input) => {
        const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
        return proofJwt({ alg: 'ES256K', jwk: publicJwk(publicKey) }, input, (s) =>
          nodeSign('sha256', Buffer.from(s), { key: privateKey, dsaEncoding: 'ieee-p1363' }),
        );
      },
    ],
    [
      'ES256 with a secp256k1 jwk',
      (input) => {
        const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
        return proofJwt({ alg: 'ES256', jwk: publicJwk(publicKey) }, input, (s) =>
          nodeSign('sha256', Buffer.from(s), { key: privateKey, dsaEncoding: 'ieee-p1363' }),
        );
      },
    ],
  ];

  it.each(refused)(
    tagged('SD-JWT VC', 'refuses a proof with %s as invalid_proof, storing nothing'),
    async (_name, build) => {
      const request = await credentialRequestFor();
      const response = await request.send(build(request.input));
      expect(response).toMatchObject({ status: 400, body: { error: 'invalid_proof' } });
      expect(await request.stored()).toEqual({ status: 'offered', holderDid: null, deliveries: [] });
    },
  );
});
