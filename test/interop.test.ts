import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Ajv2019 } from 'ajv/dist/2019.js';
import ajvFormats from 'ajv-formats';
import { checkJsonLd, normalizeCredentialJwt, OPEN_BADGE_SCHEMA } from '@skills-passport/core';
import { demoOffers, seedDemo } from '@skills-passport/issuer';
import {
  call,
  localDidWebResolver,
  newHolder,
  redeemOffer,
  requestCredential,
  startIssuer,
  type RunningIssuer,
} from '@skills-passport/issuer/testing';
import { Resolver } from 'did-resolver';
import { verifyCredential as didJwtVcVerify } from 'did-jwt-vc';
import { decodeJwt } from 'jose';
import { digitalBazaarVerify, verifierCoreChecks } from './support/independent-verifiers.js';

// What the demo issuer hands out, in both envelopes, read by code we did not write:
// - the ldp_vc by @digitalcredentials/verifier-core and by @digitalbazaar/vc with its Bitstring
//   Status List check — revocation included (support/independent-verifiers.ts, which says how
//   did:web over http on localhost is shimmed for verifier-core);
// - the jwt_vc_json by did-jwt-vc;
// - both as JSON-LD in safe mode and against 1EdTech's Open Badges 3.0 AchievementCredential schema.

const ajv = new Ajv2019({ strict: false, allErrors: true });
ajvFormats.default(ajv);
const validateOb3 = ajv.compile(OPEN_BADGE_SCHEMA as object);

let issuer: RunningIssuer;

beforeAll(async () => {
  issuer = await startIssuer();
  await seedDemo(issuer.runtime.deps);
}, 60_000);

afterAll(async () => {
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

const TYPES = [
  'EVCCredential',
  'ModuleCredential',
  'WorkplaceLearningCredential',
  'DevelopmentPlanCredential',
];

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
      const theirs = await digitalBazaarVerify(ldp);
      expect(theirs.error).toBeUndefined();
      expect(theirs.verified).toBe(true);
      expect(theirs).toMatchObject({ statusResult: { verified: true, results: [{ status: false }] } });

      const core = await verifierCoreChecks(ldp, issuer.url);
      expect(core.errors).toBeUndefined();
      expect(core.checks).toMatchObject({ valid_signature: true, revocation_status: true });
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
    const theirs = await digitalBazaarVerify(ldp);
    expect(theirs).toMatchObject({
      verified: true,
      statusResult: { verified: true, results: [{ status: true }] },
    });
    const core = await verifierCoreChecks(ldp, issuer.url);
    expect(core.checks).toMatchObject({ valid_signature: true, revocation_status: false });
  });
});
