import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Openid4vpClient } from '@openid4vc/openid4vp';
import { setGlobalConfig } from '@openid4vc/utils';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, startVerifier, type Harness } from './test-support/harness.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// Interop: an independent OpenID4VP 1.0 wallet implementation (@openid4vc/openid4vp, the client
// side) resolves our request by reference, checks its DCQL query and client id prefix, and submits
// the response by direct_post. Crypto and DID resolution are the test's own (node:crypto, fetch).
setGlobalConfig({ allowInsecureUrls: true }); // the verifier runs on http://localhost in this test

let server: Server;
let base: string;
let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();

beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const clock = {
    get t() {
      return Date.now();
    },
  };
  h = await startVerifier({ clock, config: { publicUrl: new URL(base) } });
  server.on('request', h.app);
  await issuer.start();
  const evc = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
  await fetch(`${base}/api/admin/trusted-issuers/${encodeURIComponent(evc.did)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: evc.name, kind: 'evc-provider', accreditedTypes: ['EVCCredential'] }),
  });
});
afterAll(async () => {
  await issuer.stop();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

const notUsed = (): never => {
  throw new Error('not used in this flow');
};

const client = new Openid4vpClient({
  callbacks: {
    fetch,
    hash: (data) => createHash('sha256').update(data).digest(),
    // The request object is signed by a did:web key: resolve it the test's own way and verify.
    verifyJwt: async (signer, jwt) => {
      if (signer.method !== 'did') return { verified: false };
      const did = signer.didUrl.split('#')[0]!;
      const host = decodeURIComponent(did.slice('did:web:'.length));
      const doc: any = await (await fetch(`http://${host}/.well-known/did.json`)).json();
      const method = doc.verificationMethod.find((m: any) => m.id === signer.didUrl);
      if (method === undefined) return { verified: false };
      const [header, payload, signature] = jwt.compact.split('.') as [string, string, string];
      const ok = verify(
        null,
        Buffer.from(`${header}.${payload}`),
        createPublicKey({ key: method.publicKeyJwk, format: 'jwk' }),
        Buffer.from(signature, 'base64url'),
      );
      return ok ? { verified: true, signerJwk: method.publicKeyJwk } : { verified: false };
    },
    signJwt: notUsed,
    decryptJwe: notUsed,
    encryptJwe: notUsed,
    getX509CertificateMetadata: notUsed,
  },
});

describe('OpenID4VP interop with @openid4vc/openid4vp (wallet side)', () => {
  it('resolves our request, answers it, and the verifier accepts the answer', async () => {
    const created: any = await (
      await fetch(`${base}/api/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Zorghulp',
          skills: [{ uri: 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896' }],
        }),
      })
    ).json();

    const parsed = client.parseOpenid4vpAuthorizationRequest({ authorizationRequest: created.link });
    const resolved = await client.resolveOpenId4vpAuthorizationRequest({
      authorizationRequestPayload: parsed.params as any,
    });
    expect(resolved.version).toBe(100);
    expect(resolved.client).toMatchObject({
      prefix: 'decentralized_identifier',
      identifier: expect.stringMatching(/^did:web:localhost%3A\d+$/),
    });
    expect(resolved.jar?.sendBy).toBe('reference');
    expect(resolved.dcql?.query).toMatchObject({
      credentials: expect.arrayContaining([
        expect.objectContaining({ id: 'skills_jwt_vc_json', format: 'jwt_vc_json' }),
      ]),
    });

    const request = resolved.authorizationRequestPayload as any;
    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: request.nonce,
      audience: request.client_id,
      iat: Math.floor(Date.now() / 1000),
    });
    const response = await client.createOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request,
      authorizationResponsePayload: { vp_token: { skills_jwt_vc_json: [vp] } },
    });
    const submitted = await client.submitOpenid4vpAuthorizationResponse({
      authorizationRequestPayload: request,
      authorizationResponsePayload: response.authorizationResponsePayload,
    });
    expect(submitted.response.status).toBe(200);
    expect(await submitted.response.json()).toMatchObject({ redirect_uri: `${base}/employer/received.html` });
  });
});
