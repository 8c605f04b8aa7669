import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Ajv2019 } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus as statusCheck } from '@digitalbazaar/vc-bitstring-status-list';
import { checkJsonLd } from '@skills-passport/core';
import {
  storeVariants,
  testDataDir,
  withClass,
  type OpenedStore,
} from '@skills-passport/service-kit/testing';
import { Resolver } from 'did-resolver';
import { verifyCredential } from 'did-jwt-vc';
import { decodeJwt } from 'jose';
import { call, provisionOrg, startIssuer, type RunningIssuer } from './test-support/issuer-harness.js';
import { localDocumentLoader } from './test-support/ld-loader.js';
import { evcRequest } from './test-support/requests.js';
import {
  localDidWebResolver,
  newHolder,
  redeemOffer,
  requestCredential,
  type TestHolder,
} from './test-support/wallet.js';

// Each credential in two envelopes (OpenID4VCI `jwt_vc_json` and `ldp_vc`), claimed once, checked
// with code we did not write: @digitalbazaar/vc for Data Integrity, did-jwt-vc for the JWT, and
// 1EdTech's Open Badges 3.0 schema; and the wallet's word on each delivery (§11). On each store
// the issuer runs on: its SQLite file, and PostgreSQL (DATABASE_URL) where a cluster can start.

const ajv = new Ajv2019({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validateOb3 = ajv.compile(
  JSON.parse(readFileSync(join(testDataDir('vectors'), 'ob3-achievementcredential.schema.json'), 'utf8')),
);
// The PostgreSQL run shares two cores with a cluster and the rest of the run.
jest.setTimeout(30_000);

const JWT = 'EVCCredential_jwt_vc_json';
const LDP = 'EVCCredential_ldp_vc';
const SD = 'EVCCredential_dc+sd-jwt';

describe.each(storeVariants())('a credential in both envelopes ($name)', ({ open }) => {
  let store: OpenedStore;
  let issuer: RunningIssuer;
  let org: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    store = await open();
    issuer = await startIssuer({ database: store.database });
    org = await provisionOrg(issuer, 'evc-zorg', 'evc-provider', 'EVC Centrum Zorg');
  }, 60_000);
  afterAll(async () => {
    await issuer?.destroy();
    await store?.close();
  });

  const create = async () => {
    const created = await call(issuer.url, 'POST', '/api/credentials', {
      token: org.apiKey,
      body: evcRequest(),
    });
    expect(created.status).toBe(201);
    return created.body.credential as { id: string; offer: { uri: string } };
  };
  const staffView = async (id: string) =>
    (await call(issuer.url, 'GET', `/api/credentials/${encodeURIComponent(id)}`, { token: org.apiKey })).body;
  const verifyLdp = (credential: Record<string, unknown>) => {
    const suite = new DataIntegrityProof({ cryptosuite });
    const documentLoader = localDocumentLoader(org.did);
    return vc.verifyCredential({ credential, suite, documentLoader, checkStatus: statusCheck });
  };

  /** Redeems the offer for `first`, then asks for `second` with the same access token. */
  async function claimBoth(holder: TestHolder, first = JWT, second = LDP) {
    const credential = await create();
    const one = await redeemOffer(credential.offer.uri, holder, { configurationId: first });
    expect(one.status).toBe(200);
    const two = await requestCredential(one.offer, one.metadata, one.accessToken!, holder, {
      configurationId: second,
    });
    return { credential, one, two };
  }

  it('lists both envelopes of each type in the metadata, named in Dutch and English, and offers both', async () => {
    const metadata = (await (
      await fetch(`${issuer.url}/.well-known/openid-credential-issuer/orgs/evc-zorg`)
    ).json()) as any;
    // The third envelope, dc+sd-jwt, is tested in issuer.sd-jwt.test.ts.
    expect(Object.keys(metadata.credential_configurations_supported).sort()).toEqual([SD, JWT, LDP]);
    expect(metadata.notification_endpoint).toBe(`${issuer.url}/orgs/evc-zorg/notification`);
    const ldp = metadata.credential_configurations_supported[LDP];
    expect(ldp).toMatchObject({
      format: 'ldp_vc',
      cryptographic_binding_methods_supported: ['did:key'],
      credential_signing_alg_values_supported: ['eddsa-rdfc-2022'],
      credential_definition: {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          `${issuer.url}/contexts/skills-passport/v1`,
        ],
        type: ['VerifiableCredential', 'OpenBadgeCredential', 'EVCCredential'],
      },
    });
    expect(ldp.credential_metadata.display.map((d: any) => d.locale)).toEqual(['nl', 'en']);
    const offerUrl = new URL((await create()).offer.uri).searchParams.get('credential_offer_uri')!;
    expect(((await (await fetch(offerUrl)).json()) as any).credential_configuration_ids).toEqual([
      JWT,
      LDP,
      SD,
    ]);
    // The context the credentials name resolves, for processors that fetch contexts.
    const context = await fetch(`${issuer.url}/contexts/skills-passport/v1`);
    expect(context.headers.get('content-type')).toMatch(/application\/ld\+json/);
    expect(((await context.json()) as any)['@context']).toBeDefined();
  });

  it('hands one credential over in both envelopes, claimed once, each verified by code we did not write', async () => {
    const holder = newHolder();
    const { credential, one, two } = await claimBoth(holder);
    expect(two.status).toBe(200);
    expect(typeof one.body.notification_id).toBe('string');
    expect(two.body.notification_id).not.toBe(one.body.notification_id);

    const jwt = one.body.credentials[0].credential as string;
    expect((await verifyCredential(jwt, new Resolver(localDidWebResolver()))).verified).toBe(true);
    const ldp = two.body.credentials[0].credential as Record<string, any>;
    expect(ldp.proof).toHaveLength(1);
    expect(ldp.proof[0]).toMatchObject({
      type: 'DataIntegrityProof',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      verificationMethod: `${org.did}#key-1-multikey`,
    });
    const verified = await verifyLdp(ldp);
    expect(verified.error).toBeUndefined();
    expect(verified.verified).toBe(true);

    // The same credential in both: same id, subject, dates; each names the status list in its own envelope.
    const inJwt = decodeJwt(jwt).vc as Record<string, any>;
    expect(ldp.id).toBe(inJwt.id);
    expect(ldp.credentialSubject).toEqual(inJwt.credentialSubject);
    expect(ldp.credentialSubject.id).toBe(holder.did);
    expect(ldp.validFrom).toBe(inJwt.issuanceDate);
    expect(ldp.credentialStatus.statusListIndex).toBe(inJwt.credentialStatus.statusListIndex);
    expect(ldp.credentialStatus.statusListCredential).toBe(
      `${inJwt.credentialStatus.statusListCredential}/ldp`,
    );

    // JSON-LD safe mode and 1EdTech's schema, for both (the JWT's vc read back as VC 2.0).
    expect(await checkJsonLd(ldp)).toEqual({ ok: true });
    expect(validateOb3(ldp)).toBe(true);

    const view = await staffView(credential.id);
    expect(view).toMatchObject({ status: 'issued', holderDid: holder.did });
    expect(view.offer).toMatchObject({
      state: 'redeemed',
      delivery: 'delivered',
      formats: ['jwt_vc_json', 'ldp_vc'],
    });
  });

  it('serves the status list with a Data Integrity proof beside the JWT one; both carry a revocation', async () => {
    const first = await claimBoth(newHolder(), LDP, JWT);
    const secured = first.one.body.credentials[0].credential as Record<string, any>;
    const listUrl = secured.credentialStatus.statusListCredential as string;
    const readList = async () => {
      const response = await fetch(listUrl);
      expect(response.headers.get('content-type')).toMatch(/application\/ld\+json/);
      return (await response.json()) as Record<string, any>;
    };
    const list = await readList();
    expect(list).toMatchObject({
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: org.did,
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
    });
    expect((await verifyLdp(list)).verified).toBe(true);

    await call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(first.credential.id)}/revoke`, {
      token: org.apiKey,
      body: { reason: 'Assessment fraud found' },
    });
    const index = Number(secured.credentialStatus.statusListIndex);
    const bit = (encoded: string) =>
      (gunzipSync(Buffer.from(encoded.slice(1), 'base64url'))[index >> 3]! & (0x80 >> (index & 7))) !== 0;
    expect(bit((await readList()).credentialSubject.encodedList)).toBe(true);
    const jwtList = decodeJwt(await (await fetch(listUrl.replace(/\/ldp$/, ''))).text()) as any;
    expect(bit(jwtList.vc.credentialSubject.encodedList)).toBe(true);
  });

  it('takes the wallet\u2019s word on each delivery, idempotently', async () => {
    const { credential, one, two } = await claimBoth(newHolder());
    const notify = (body: Record<string, unknown>, token = one.accessToken) =>
      fetch(`${issuer.url}/orgs/evc-zorg/notification`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(body),
      });
    const failed = {
      notification_id: one.body.notification_id,
      event: 'credential_failure',
      event_description: 'Out of storage.',
    };
    expect((await notify(failed)).status).toBe(204);
    expect((await staffView(credential.id)).offer.delivery).toBe('failed');
    const accepted = { notification_id: two.body.notification_id, event: 'credential_accepted' };
    expect((await notify(accepted)).status).toBe(204);
    expect((await notify(accepted)).status).toBe(204);
    expect((await staffView(credential.id)).offer.delivery).toBe('accepted');
  });

  const refusals: { name: string; body: (id: string) => Record<string, unknown>; code: string }[] = [
    {
      name: 'an unknown notification id',
      body: () => ({ notification_id: 'nope', event: 'credential_accepted' }),
      code: 'invalid_notification_id',
    },
    {
      name: 'an unknown event',
      body: (id) => ({ notification_id: id, event: 'credential_lost' }),
      code: 'invalid_notification_request',
    },
    {
      name: 'no notification id',
      body: () => ({ event: 'credential_accepted' }),
      code: 'invalid_notification_request',
    },
    {
      name: 'a description with a quote',
      body: (id) => ({ notification_id: id, event: 'credential_failure', event_description: 'say "no"' }),
      code: 'invalid_notification_request',
    },
  ];
  it.each(withClass(refusals))('[$class] refuses a notification with $name ($code)', async (row) => {
    const { one } = await claimBoth(newHolder());
    const response = await fetch(`${issuer.url}/orgs/evc-zorg/notification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${one.accessToken}` },
      body: JSON.stringify(row.body(one.body.notification_id as string)),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: row.code });
  });

  it('[access control] refuses a notification without a valid access token', async () => {
    const response = await fetch(`${issuer.url}/orgs/evc-zorg/notification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
      body: JSON.stringify({ notification_id: 'x', event: 'credential_accepted' }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_token' });
  });

  it('[replay] hands each envelope over once per offer, and the second only to the same holder key', async () => {
    const holder = newHolder();
    const credential = await create();
    const one = await redeemOffer(credential.offer.uri, holder, { configurationId: LDP });
    expect(one.status).toBe(200);
    const again = await requestCredential(one.offer, one.metadata, one.accessToken!, holder, {
      configurationId: LDP,
    });
    expect(again).toMatchObject({ status: 400, body: { error: 'credential_request_denied' } });
    const stranger = await requestCredential(one.offer, one.metadata, one.accessToken!, newHolder(), {
      configurationId: JWT,
    });
    expect(stranger).toMatchObject({ status: 400, body: { error: 'invalid_proof' } });
  });

  it('offers a lost or refused credential again, without a new assessment, to the learner\u2019s new key', async () => {
    const firstKey = newHolder();
    const credential = await create();
    const one = await redeemOffer(credential.offer.uri, firstKey, { configurationId: JWT });
    await fetch(`${issuer.url}/orgs/evc-zorg/notification`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${one.accessToken}` },
      body: JSON.stringify({ notification_id: one.body.notification_id, event: 'credential_deleted' }),
    });
    expect((await staffView(credential.id)).offer.delivery).toBe('deleted');
    const renewed = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(credential.id)}/offer`,
      {
        token: org.apiKey,
        body: { txCode: true },
      },
    );
    expect(renewed.status).toBe(201);
    expect(renewed.body.credential.offer).toMatchObject({
      state: 'open',
      delivery: 'waiting',
      txCodeRequired: true,
    });
    expect(renewed.body.txCode).toMatch(/^\d{6}$/);
    // The old offer is withdrawn.
    const old = await fetch(new URL(credential.offer.uri).searchParams.get('credential_offer_uri')!);
    expect(old.status).toBe(410);

    const newKey = newHolder();
    const redeemed = await redeemOffer(renewed.body.credential.offer.uri, newKey, {
      txCode: renewed.body.txCode,
      configurationId: LDP,
    });
    expect(redeemed.status).toBe(200);
    const ldp = redeemed.body.credentials[0].credential as Record<string, any>;
    expect(ldp.credentialSubject.id).toBe(newKey.did);
    expect(ldp.id).toBe(credential.id);
    expect((await verifyLdp(ldp)).verified).toBe(true);
    expect(await staffView(credential.id)).toMatchObject({ status: 'issued', holderDid: newKey.did });
    // The first offer's token no longer speaks for the credential, not even for its other envelope.
    const stale = await requestCredential(one.offer, one.metadata, one.accessToken!, firstKey, {
      configurationId: LDP,
    });
    expect(stale).toMatchObject({ status: 400, body: { error: 'credential_request_denied' } });
  });

  it('[access control] refuses to offer a revoked credential again', async () => {
    const credential = await create();
    await call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(credential.id)}/revoke`, {
      token: org.apiKey,
      body: { reason: 'withdrawn' },
    });
    const renewed = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(credential.id)}/offer`,
      {
        token: org.apiKey,
        body: {},
      },
    );
    expect(renewed.status).toBe(409);
    expect(renewed.body.code).toBe('ERR_INVALID_STATE');
  });
});
