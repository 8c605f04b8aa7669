import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { integrityOf, typeMetadataFor, vctFor } from '@skills-passport/core';
import { createHash } from 'node:crypto';
import {
  ADMIN_TOKEN,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from '../test-support/issuer-harness.js';

// What a strict SD-JWT VC holder reads besides the credential: JWT VC Issuer Metadata and the Type
// Metadata at each `vct`.

describe('SD-JWT VC metadata endpoints', () => {
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;
  beforeAll(async () => {
    issuer = await startIssuer();
    org = await provisionOrg(issuer, 'meta-org', 'employer');
    await call(issuer.url, 'POST', '/admin/organisations/meta-org/keys', { token: ADMIN_TOKEN });
    // Starting an issuer (keys, migrations, the taxonomy) took over jest's 5 s on a loaded machine.
  }, 60_000);
  afterAll(() => issuer.destroy());

  it('serves JWT VC Issuer Metadata: the credential issuer and every key as JWK, kid = its DID URL', async () => {
    const response = await call(issuer.url, 'GET', '/.well-known/jwt-vc-issuer/orgs/meta-org');
    expect(response.status).toBe(200);
    expect(response.body.issuer).toBe(`${issuer.url}/orgs/meta-org`);
    const did = (await call(issuer.url, 'GET', '/orgs/meta-org/did.json')).body;
    const keys = response.body.jwks.keys as Record<string, unknown>[];
    expect(keys.map((k) => [k.kid, k.alg, k.use])).toEqual([
      [`${org.did}#key-1`, 'EdDSA', 'sig'],
      [`${org.did}#key-1-p256`, 'ES256', 'sig'],
      [`${org.did}#key-2`, 'EdDSA', 'sig'],
      [`${org.did}#key-2-p256`, 'ES256', 'sig'],
    ]);
    for (const key of keys) {
      expect(key).not.toHaveProperty('d');
      const { kid, alg: _alg, use: _use, ...jwk } = key;
      const method = did.verificationMethod.find((m: { id: string }) => m.id === kid);
      expect(method.publicKeyJwk).toEqual(jwk);
    }
  });

  it.each(['EVCCredential', 'ModuleCredential', 'WorkplaceLearningCredential'] as const)(
    'serves the Type Metadata of %s at its vct, byte for byte as its integrity was computed',
    async (type) => {
      const vct = vctFor(new URL(issuer.url).origin, type);
      expect(vct).toBe(`${issuer.url}/vct/${type}`);
      const response = await fetch(vct);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.headers.get('cache-control')).toMatch(/max-age=\d{4,}/);
      const text = await response.text();
      expect(text).toBe(JSON.stringify(typeMetadataFor(new URL(issuer.url).origin, type)));
      expect(JSON.parse(text).vct).toBe(vct);
      const digest = `sha256-${createHash('sha256').update(text).digest('base64')}`;
      expect(await integrityOf(text)).toBe(digest);
    },
  );

  it.each([
    ['an unknown credential type', '/vct/PassportCredential'],
    ['a prototype member as type', '/vct/__proto__'],
    ['issuer metadata of an unknown organisation', '/.well-known/jwt-vc-issuer/orgs/nobody'],
  ])('[access control] answers 404 for %s', async (_name, path) => {
    expect(await call(issuer.url, 'GET', path)).toMatchObject({
      status: 404,
      body: { code: 'ERR_NOT_FOUND' },
    });
  });
});
