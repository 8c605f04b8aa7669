// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of the @digitalbazaar modules
/// <reference path="../types/digitalbazaar.d.ts" />
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { checkJsonLd, normalizeCredentialJwt, OPEN_BADGE_SCHEMA } from '@skills-passport/core';
import { demoOffers, seedDemo } from '@skills-passport/issuer';
import {
  call,
  localDidWebResolver,
  localDocumentLoader,
  newHolder,
  redeemOffer,
  requestCredential,
  startIssuer,
  type RunningIssuer,
} from '@skills-passport/issuer/testing';
import { Resolver } from 'did-resolver';
import { verifyCredential as didJwtVcVerify } from 'did-jwt-vc';
import { decodeJwt } from 'jose';

// What the demo issuer hands out, in both envelopes, read by code we did not write:
// - the ldp_vc by @digitalcredentials/verifier-core (the Learner Credential Wallet's and
//   VerifierPlus's verifier, with its own jsonld fork and document loader) and by
//   @digitalbazaar/vc with its Bitstring Status List check — revocation included;
// - the jwt_vc_json by did-jwt-vc;
// - both as JSON-LD in safe mode and against 1EdTech's Open Badges 3.0 AchievementCredential schema.
// The one shim: the issuer runs on http://localhost, and did:web resolvers (verifier-core's
// among them) fetch https only, so this test's global fetch sends https://localhost to http; any
// other host (1EdTech's schema URL, DID registries) answers 404 — no other host can run here.

const ajv = new Ajv2019({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validateOb3 = ajv.compile(OPEN_BADGE_SCHEMA as object);

let issuer: RunningIssuer;
let realFetch: typeof fetch;

beforeAll(async () => {
  issuer = await startIssuer();
  await seedDemo(issuer.runtime.deps);
  realFetch = globalThis.fetch;
  const local = new URL(issuer.url).host;
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.host === local) {
      url.protocol = 'http:';
      return realFetch(url, init);
    }
    return Promise.resolve(new Response('not on this machine', { status: 404 }));
  }) as typeof fetch;
}, 60_000);

afterAll(async () => {
  globalThis.fetch = realFetch;
  await issuer.destroy();
});

/** One demo offer, redeemed by a fresh holder in both envelopes with one access token. */
async function claim(type: string) {
  // Demo offers are single-use: each claim takes a fresh one, as each start of the demo makes.
  const offer = (await demoOffers(issuer.runtime.deps)).find((o) => o.type === type)!;
  const holder = newHolder();
  const jwt = await redeemOffer(offer.uri, holder, { configurationId: `${type}_jwt_vc_json` });
  expect(jwt.status).toBe(200);
  const ldp = await requestCredential(jwt.offer, jwt.metadata, jwt.accessToken!, holder, {
    configurationId: `${type}_ldp_vc`,
  });
  expect(ldp.status).toBe(200);
  return {
    holder,
    org: offer.org,
    jwt: jwt.body.credentials[0].credential as string,
    ldp: ldp.body.credentials[0].credential as Record<string, any>,
  };
}

async function theirVerify(credential: Record<string, unknown>) {
  const issuerDid = (credential.issuer as { id: string }).id;
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: localDocumentLoader(issuerDid),
    checkStatus,
  });
}

async function verifierCore(credential: Record<string, unknown>) {
  const { verifyCredential } = await import('@digitalcredentials/verifier-core');
  // It prints its failed fetch of 1EdTech's schema URL (another host) to the console; kept quiet.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    return await verifyCredential({ credential: credential as never, knownDIDRegistries: [] });
  } finally {
    quiet.mockRestore();
  }
}

const TYPES = ['EVCCredential', 'ModuleCredential', 'WorkplaceLearningCredential'];

describe('the demo issuer\u2019s credentials, read by code we did not write', () => {
  it.each(TYPES)(
    '%s: both envelopes expand in JSON-LD safe mode and follow 1EdTech\u2019s schema',
    async (type) => {
      const { jwt, ldp } = await claim(type);
      const normalized = normalizeCredentialJwt(decodeJwt(jwt));
      if (!normalized.ok) throw new Error(normalized.reason);
      for (const document of [normalized.value.credential, ldp]) {
        expect(await checkJsonLd(document)).toEqual({ ok: true });
        expect(validateOb3(document)).toBe(true);
      }
    },
  );

  it.each(TYPES)('%s: the JWT verifies with did-jwt-vc', async (type) => {
    const { jwt, holder } = await claim(type);
    const verified = await didJwtVcVerify(jwt, new Resolver(localDidWebResolver()));
    expect(verified.verified).toBe(true);
    expect(verified.verifiableCredential.credentialSubject.id).toBe(holder.did);
  });

  it.each(TYPES)(
    '%s: the ldp_vc verifies with @digitalbazaar/vc and verifier-core, status included',
    async (type) => {
      const { ldp } = await claim(type);
      const theirs = await theirVerify(ldp);
      expect(theirs.error).toBeUndefined();
      expect(theirs.verified).toBe(true);
      expect(theirs).toMatchObject({ statusResult: { verified: true, results: [{ status: false }] } });

      const core = (await verifierCore(ldp)) as { errors?: unknown; log?: { id: string; valid: boolean }[] };
      expect(core.errors).toBeUndefined();
      const log = Object.fromEntries((core.log ?? []).map((entry) => [entry.id, entry.valid]));
      expect(log).toMatchObject({ valid_signature: true, revocation_status: true });
    },
  );

  it('[status lists] a revocation reaches both: @digitalbazaar/vc and verifier-core report it', async () => {
    const { ldp, org } = await claim('EVCCredential');
    const seed = await seedDemo(issuer.runtime.deps);
    const apiKey = seed.organisations.find((o) => o.slug === org)!.apiKey;
    const revoked = await call(
      issuer.url,
      'POST',
      `/api/credentials/${encodeURIComponent(ldp.id as string)}/revoke`,
      {
        token: apiKey,
        body: { reason: 'Assessment fraud found' },
      },
    );
    expect(revoked.status).toBe(200);
    // @digitalbazaar/vc reports the status bit beside a proof that still holds: set means revoked.
    const theirs = await theirVerify(ldp);
    expect(theirs).toMatchObject({
      verified: true,
      statusResult: { verified: true, results: [{ status: true }] },
    });
    const core = (await verifierCore(ldp)) as { log?: { id: string; valid: boolean }[] };
    expect(Object.fromEntries((core.log ?? []).map((e) => [e.id, e.valid]))).toMatchObject({
      valid_signature: true,
      revocation_status: false,
    });
  });
});
