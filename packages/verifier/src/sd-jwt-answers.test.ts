// SD-JWT VC answers (`dc+sd-jwt`) through the real OpenID4VP endpoints: the request asks for the
// skills by claims path, the wallet discloses only those, the report shows them and says in words
// what was withheld; mixed answers; Token Status Lists; and the bad-input table of issue 14.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withClass } from '@skills-passport/service-kit/testing';
import { DcqlQuery } from 'dcql';
import request from 'supertest';
import { startVerifier, type Harness } from './test-support/harness.js';
import {
  SKILL,
  employerView,
  issueEvc,
  present,
  seconds,
  storedResult,
  trust,
} from './test-support/response-endpoint.js';
import {
  atPaths,
  encodeDisclosure,
  newSigningKey,
  presentSdJwt,
  type HandDisclosure,
  type HeldSdJwt,
  type KeyBindingOptions,
  type Path,
  type SigningKey,
} from './test-support/sd-jwt-tokens.js';
import { StandInIssuer, type SdJwtIssueOptions } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

const MONITOR_SIGNS = 'http://data.europa.eu/esco/skill/d3b74d50-7fc9-4051-9335-58d129a4a064';
const COMMUNICATE = 'http://data.europa.eu/esco/skill/c65aa043-98da-4136-9877-494e72d9e4cf';
const MODULE_SKILL = 'http://data.europa.eu/esco/skill/078861f5-b901-48a5-951e-a3ad0a4fa0bd';
const EXTRA_SKILLS = [1, 2, 3].map(
  (i) => `http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000000${i}`,
);
const NAME_PATH: Path = ['credentialSubject', 'identifier'];
const resultPath = (uri: string): Path => ['credentialSubject', 'results', uri];

let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const wallet = newSigningKey('ES256');

beforeAll(async () => {
  h = await startVerifier();
  await issuer.start();
  const org = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
  await trust(h, org, 'evc-provider', ['EVCCredential', 'ModuleCredential']);
});

afterAll(async () => {
  await issuer.stop();
  await h.close();
});

/** An EVC with six skill results (the example's three and three more), for the wallet's key. */
const sixSkills: SdJwtIssueOptions['mutate'] = (doc) => {
  const results = doc.credentialSubject.result as Record<string, any>[];
  const alignments = doc.credentialSubject.achievement.alignment as Record<string, any>[];
  EXTRA_SKILLS.forEach((uri, i) => {
    const result = structuredClone(results[0]!);
    result.alignment[0].targetUrl = uri;
    result.alignment[0].targetName = `extra skill ${i + 1}`;
    results.push(result);
    alignments.push({ ...alignments[0], targetUrl: uri, targetName: `extra skill ${i + 1}` });
  });
};

const evcSdJwt = (options: SdJwtIssueOptions = {}): Promise<HeldSdJwt> =>
  issuer.issueSdJwt('evc-zorg', 'EVCCredential', { holderJwk: wallet.jwk, mutate: sixSkills, ...options });

/** One open request as a wallet reads it, with its DCQL query. */
interface SdSession {
  id: string;
  nonce: string;
  state: string;
  audience: string;
  dcql: any;
}

async function newSdRequest(skills: string[], body: Record<string, unknown> = {}): Promise<SdSession> {
  const created = (
    await request(h.app)
      .post('/api/requests')
      .set('Authorization', `Bearer ${h.apiKey}`)
      .send({ title: 'Zorghulp', skills: skills.map((uri) => ({ uri })), ...body })
      .expect(201)
  ).body;
  const jwt = (await request(h.app).get(`/oid4vp/requests/${created.id}`).expect(200)).text;
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
  return {
    id: created.id,
    nonce: claims.nonce,
    state: claims.state,
    audience: claims.client_id,
    dcql: claims.dcql_query,
  };
}

const kbFor = (s: SdSession, patch: Partial<KeyBindingOptions> = {}): KeyBindingOptions => ({
  nonce: s.nonce,
  aud: s.audience,
  iat: seconds(h),
  ...patch,
});

/** A presentation of `held` for `s`, disclosing the results of the two requested skills. */
const twoSkills = (s: SdSession, held: HeldSdJwt, patch: Partial<KeyBindingOptions> = {}): string =>
  presentSdJwt(held, atPaths(resultPath(SKILL), resultPath(MONITOR_SIGNS)), wallet, kbFor(s, patch));

const postVpToken = (s: SdSession, vpToken: Record<string, unknown[]>) =>
  request(h.app)
    .post(`/oid4vp/responses/${s.id}`)
    .type('form')
    .send({ vp_token: JSON.stringify(vpToken), state: s.state });

const postSd = (s: SdSession, ...presentations: string[]) =>
  postVpToken(s, { skills_dc_sd_jwt: presentations });

const view = (s: SdSession) => employerView({ h, ...s });

describe('requests ask for SD-JWT VCs by claims', () => {
  it('names the vct of our types at the trusted issuer, the requested skills as claims, and the name only when asked', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
    const query = s.dcql.credentials.find((c: { id: string }) => c.id === 'skills_dc_sd_jwt');
    expect(query).toEqual({
      id: 'skills_dc_sd_jwt',
      format: 'dc+sd-jwt',
      multiple: true,
      meta: {
        vct_values: [`${issuer.origin}/vct/EVCCredential`, `${issuer.origin}/vct/ModuleCredential`],
      },
      claims: [
        { id: 'skill_1', path: resultPath(SKILL) },
        { id: 'skill_2', path: resultPath(MONITOR_SIGNS) },
      ],
      claim_sets: [['skill_1', 'skill_2'], ['skill_1'], ['skill_2']],
    });
    const named = await newSdRequest([SKILL], { askForName: true });
    const namedQuery = named.dcql.credentials.find((c: { id: string }) => c.id === 'skills_dc_sd_jwt');
    expect(namedQuery.claims).toContainEqual({ id: 'learner_name', path: NAME_PATH });
    expect(namedQuery.claim_sets).toEqual([['skill_1', 'learner_name']]);
  });

  it('lists every combination of up to six skills, largest first: a credential with 2 of 3 asked answers with both', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS, COMMUNICATE]);
    const query = DcqlQuery.parse(s.dcql);
    DcqlQuery.validate(query);
    const sdQuery = s.dcql.credentials.find((c: { id: string }) => c.id === 'skills_dc_sd_jwt');
    expect(sdQuery.claim_sets).toHaveLength(7);
    const held = {
      credential_format: 'dc+sd-jwt',
      vct: `${issuer.origin}/vct/EVCCredential`,
      claims: { credentialSubject: { results: { [SKILL]: {}, [COMMUNICATE]: {} } } },
      cryptographic_holder_binding: true,
    };
    const match = DcqlQuery.query(query, [held] as never).credential_matches.skills_dc_sd_jwt;
    const first = match?.success ? match.valid_credentials[0]?.claims : undefined;
    const chosen = first?.success
      ? sdQuery.claim_sets[first.valid_claim_sets[0]!.claim_set_index!]
      : undefined;
    expect(chosen).toEqual(['skill_1', 'skill_3']);
  });

  it('is a DCQL query the dcql library accepts, and a wallet holding a credential with one of the skills can answer it', async () => {
    const s = await newSdRequest([SKILL, COMMUNICATE], { askForName: true });
    const query = DcqlQuery.parse(s.dcql);
    DcqlQuery.validate(query);
    const held = (results: Record<string, unknown>) => ({
      credential_format: 'dc+sd-jwt',
      vct: `${issuer.origin}/vct/EVCCredential`,
      claims: { credentialSubject: { identifier: [{ identityHash: 'x' }], results } },
      cryptographic_holder_binding: true,
    });
    const both = DcqlQuery.query(query, [held({ [SKILL]: {}, [COMMUNICATE]: {} })] as never);
    expect(both.can_be_satisfied).toBe(true);
    const one = DcqlQuery.query(query, [held({ [COMMUNICATE]: {} })] as never);
    expect(one.can_be_satisfied).toBe(true);
    const none = DcqlQuery.query(query, [held({ [MODULE_SKILL]: {} })] as never);
    expect(none.credential_matches.skills_dc_sd_jwt?.success).toBe(false);
    // The first claim set the credential satisfies is the one a wallet discloses: only its skill.
    const oneMatch = one.credential_matches.skills_dc_sd_jwt;
    expect(oneMatch?.success && oneMatch.valid_credentials[0]?.claims).toMatchObject({
      success: true,
      valid_claim_sets: [{ claim_set_index: 2 }],
    });
  });

  it('lists dc+sd-jwt with EdDSA and ES256 for the issuer signature and the Key Binding JWT', async () => {
    const s = await newSdRequest([SKILL]);
    const jwt = (await request(h.app).get(`/oid4vp/requests/${s.id}`).expect(200)).text;
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
    expect(claims.client_metadata.vp_formats_supported['dc+sd-jwt']).toEqual({
      'sd-jwt_alg_values': ['EdDSA', 'ES256'],
      'kb-jwt_alg_values': ['EdDSA', 'ES256'],
    });
  });

  it('[request bodies] refuses an askForName that is not true or false (422)', async () => {
    const res = await request(h.app)
      .post('/api/requests')
      .set('Authorization', `Bearer ${h.apiKey}`)
      .send({ title: 'Zorghulp', skills: [{ uri: SKILL }], askForName: 'yes' })
      .expect(422);
    expect(res.body.code).toBe('ERR_VALIDATION');
  });
});

describe('answers with SD-JWT VCs', () => {
  it('proves 2 skills from a credential of 6 that discloses those 2, and says what was withheld, without the name', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
    const res = await postSd(s, twoSkills(s, await evcSdJwt()));
    expect(res.status).toBe(200);
    const result = await storedResult({ h, ...s });
    expect(result).toMatchObject({ accepted: true, outcome: 'verified' });
    const report = result.report;
    expect(report.match.skills.map((line: any) => [line.uri, line.status])).toEqual([
      [SKILL, 'proven'],
      [MONITOR_SIGNS, 'proven'],
    ]);
    expect(report.match.skills[0].proofs[0]).toMatchObject({ type: 'EVCCredential', counts: true });
    const credential = report.presentations[0].credentials[0];
    expect(credential).toMatchObject({ format: 'dc+sd-jwt', outcome: 'verified' });
    expect(credential.credential.credentialSubject.result).toHaveLength(2);
    expect(credential.credential.credentialSubject.identifier).toBeUndefined();
    expect(report.learnerName).toBeUndefined();
    expect(report.holder).toBeUndefined();
    expect(report.sharing).toEqual([
      expect.objectContaining({ index: 0, format: 'dc+sd-jwt', shared: 'selective' }),
    ]);
    expect(report.sharing[0].disclosed.map((d: { path: Path }) => d.path)).toEqual(
      expect.arrayContaining([resultPath(SKILL), resultPath(MONITOR_SIGNS)]),
    );
    expect(report.sharing[0].notShared.en).toBe(
      "Not shared: the learner's name, assessor or mentor, route, assessment date, assessment methods, 4 other skill results, 2 pieces of evidence.",
    );
    expect(report.sharing[0].notShared.nl).toContain('4 andere vaardigheidsresultaten');
    // Nothing withheld reached the store.
    expect(JSON.stringify(result)).not.toContain('Fatima');
    expect(JSON.stringify(result)).not.toContain('Marleen');
  });

  it('does not count a skill whose result was withheld, though the achievement aligns to it', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS, COMMUNICATE]);
    // The wallet discloses two of the three results asked for (a learner may withhold one).
    await postSd(s, twoSkills(s, await evcSdJwt())).expect(200);
    const report = (await storedResult({ h, ...s })).report;
    expect(report.match.skills.map((line: any) => [line.uri, line.status])).toEqual([
      [SKILL, 'proven'],
      [MONITOR_SIGNS, 'proven'],
      [COMMUNICATE, 'not_proven'],
    ]);
  });

  it('shows the name when the employer asked for it and the learner disclosed it', async () => {
    const s = await newSdRequest([SKILL], { askForName: true });
    const held = await evcSdJwt();
    await postSd(s, presentSdJwt(held, atPaths(resultPath(SKILL), NAME_PATH), wallet, kbFor(s))).expect(200);
    const report = (await storedResult({ h, ...s })).report;
    expect(report.learnerName).toBe('Fatima el Amrani');
    expect(report.sharing[0].notShared.en).toBe(
      'Not shared: assessor or mentor, route, assessment date, assessment methods, 5 other skill results, 2 pieces of evidence.',
    );
  });

  it('counts both credentials of a mixed answer: one jwt_vc_json in a VP and one dc+sd-jwt', async () => {
    const s = await newSdRequest([SKILL, MODULE_SKILL]);
    const holder = new TestHolder();
    const vp = present(holder, { h, ...s }, [issueEvc(issuer, holder, 'evc-zorg')]);
    const module = await issuer.issueSdJwt('evc-zorg', 'ModuleCredential', { holderJwk: wallet.jwk });
    const sd = presentSdJwt(module, atPaths(resultPath(MODULE_SKILL)), wallet, kbFor(s));
    await postVpToken(s, { skills_jwt_vc_json: [vp], skills_dc_sd_jwt: [sd] }).expect(200);
    const report = (await storedResult({ h, ...s })).report;
    expect(report).toMatchObject({ accepted: true, outcome: 'verified', holder: holder.did });
    expect(report.match.skills.map((line: any) => [line.status, line.proofs[0].type])).toEqual([
      ['proven', 'EVCCredential'],
      ['proven', 'ModuleCredential'],
    ]);
    expect(report.sharing.map((c: any) => [c.format, c.shared])).toEqual([
      ['jwt_vc_json', 'whole'],
      ['dc+sd-jwt', 'selective'],
    ]);
    // The whole EVC carries the learner's name.
    expect(report.learnerName).toBe('Fatima el Amrani');
  });

  it('accepts decoy digests', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
    await postSd(s, twoSkills(s, await evcSdJwt({ decoys: 2 }))).expect(200);
    expect(await storedResult({ h, ...s })).toMatchObject({ accepted: true, outcome: 'verified' });
  });

  it('accepts an SD-JWT VC signed EdDSA and a Key Binding JWT signed with an Ed25519 key', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
    const edWallet = newSigningKey('EdDSA');
    const held = await evcSdJwt({ alg: 'EdDSA', holderJwk: edWallet.jwk });
    const token = presentSdJwt(held, atPaths(resultPath(SKILL)), edWallet, kbFor(s));
    await postSd(s, token).expect(200);
  });

  it.each([
    ['revoked', 1, 'ERR_CREDENTIAL_REVOKED', 'revocation_status'],
    ['suspended', 2, 'ERR_CREDENTIAL_SUSPENDED', 'suspension_status'],
  ] as const)(
    '[status lists] refuses a credential %s in the Token Status List',
    async (_name, status, code, check) => {
      const index = 40 + status;
      issuer.setTokenStatus('evc-zorg', index, status);
      const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
      const res = await postSd(s, twoSkills(s, await evcSdJwt({ index })));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', code });
      const result = await storedResult({ h, ...s });
      expect(result.accepted).toBe(false);
      expect(result.report.presentations[0].credentials[0].checks).toContainEqual(
        expect.objectContaining({ id: check, status: 'fail', code }),
      );
    },
  );

  it('[replay] refuses the same presentation sent again to its answered request', async () => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
    const token = twoSkills(s, await evcSdJwt());
    await postSd(s, token).expect(200);
    const again = await postSd(s, token).expect(400);
    expect(again.body.code).toBe('ERR_REQUEST_ALREADY_ANSWERED');
  });
});

/** A row of the bad-input table: how to spoil the answer, and the check and code it must fail with. */
interface SdRow {
  name: string;
  check: string;
  code: string;
  present: (s: SdSession) => Promise<string>;
  /** Put the issuer back as it was. */
  after?: () => void;
}

/** Presents the two requested skills of a credential issued with these options. */
const spoiled =
  (options: SdJwtIssueOptions, patch: Partial<KeyBindingOptions> = {}, extra: string[] = []) =>
  async (s: SdSession): Promise<string> =>
    presentSdJwt(
      await evcSdJwt(options),
      atPaths(resultPath(SKILL), resultPath(MONITOR_SIGNS)),
      wallet,
      kbFor(s, patch),
      extra,
    );

/** Adds a disclosure of the issuer's making (its digest in the subject's `_sd`) and presents it. */
function withIssuerDisclosure(disclosureText: unknown[], under: Path = ['credentialSubject']) {
  return async (s: SdSession): Promise<string> => {
    const forged: HandDisclosure = encodeDisclosure(disclosureText);
    const held = await evcSdJwt({
      mutatePayload: (payload) => {
        const node = under.reduce<any>((at, key) => at[key], payload);
        node._sd = [...(node._sd ?? []), forged.digest];
      },
    });
    return presentSdJwt(held, atPaths(resultPath(SKILL), resultPath(MONITOR_SIGNS)), wallet, kbFor(s), [
      forged.encoded,
    ]);
  };
}

const firstDigestTwice: SdJwtIssueOptions['mutatePayload'] = (payload) => {
  const digests = payload.credentialSubject.results._sd as string[];
  payload.credentialSubject.results._sd = [...digests, digests[0]!];
};

const otherOrg = (): SigningKey => newSigningKey('ES256');

const rows: SdRow[] = [
  {
    name: 'no Key Binding JWT',
    check: 'holder_binding',
    code: 'ERR_KB_JWT_MISSING',
    present: spoiled({}, { omit: true }),
  },
  {
    name: 'a Key Binding JWT made for another request (replayed)',
    check: 'holder_binding',
    code: 'ERR_NONCE_INVALID',
    present: async () => twoSkills(await newSdRequest([SKILL, MONITOR_SIGNS]), await evcSdJwt()),
  },
  {
    name: 'aud the bare DID, without the client id prefix',
    check: 'holder_binding',
    code: 'ERR_AUDIENCE_INVALID',
    present: (s) => spoiled({}, { aud: s.audience.replace('decentralized_identifier:', '') })(s),
  },
  {
    name: 'aud another verifier',
    check: 'holder_binding',
    code: 'ERR_AUDIENCE_INVALID',
    present: spoiled({}, { aud: 'decentralized_identifier:did:web:other.example' }),
  },
  {
    name: 'a stale Key Binding JWT (iat 10 minutes ago)',
    check: 'holder_binding',
    code: 'ERR_PRESENTATION_STALE',
    present: (s) => spoiled({}, { iat: seconds(h) - 600 })(s),
  },
  {
    name: 'a Key Binding JWT from the future',
    check: 'holder_binding',
    code: 'ERR_PRESENTATION_STALE',
    present: (s) => spoiled({}, { iat: seconds(h) + 600 })(s),
  },
  {
    name: 'a wrong sd_hash',
    check: 'holder_binding',
    code: 'ERR_KB_JWT_SD_HASH',
    present: spoiled({}, { sdHash: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }),
  },
  {
    name: 'a Key Binding JWT signed by another key than cnf',
    check: 'holder_binding',
    code: 'ERR_KB_JWT_INVALID',
    present: spoiled({}, { key: newSigningKey('ES256') }),
  },
  {
    name: 'a Key Binding JWT not of type kb+jwt',
    check: 'holder_binding',
    code: 'ERR_KB_JWT_INVALID',
    present: spoiled({}, { typ: 'JWT' }),
  },
  {
    name: 'no cnf',
    check: 'holder_binding',
    code: 'ERR_CNF_MISSING',
    present: spoiled({ mutateClaims: (claims) => delete claims.cnf }),
  },
  {
    name: 'a disclosure the SD-JWT does not reference',
    check: 'credential_format',
    code: 'ERR_DISCLOSURE_UNREFERENCED',
    present: spoiled({}, {}, [encodeDisclosure(['route', 'education']).encoded]),
  },
  {
    name: 'a digest that appears twice',
    check: 'credential_format',
    code: 'ERR_DISCLOSURE_DUPLICATE',
    present: spoiled({ mutatePayload: firstDigestTwice }),
  },
  {
    name: 'a disclosed claim that is also in clear',
    check: 'credential_format',
    code: 'ERR_DISCLOSURE_CLAIM_CLASH',
    present: withIssuerDisclosure(['issuer', { id: 'did:web:evil.example', name: 'Evil' }], []),
  },
  {
    name: '_sd_alg sha-512',
    check: 'credential_format',
    code: 'ERR_SD_JWT_HASH_ALG',
    present: spoiled({ mutatePayload: (payload) => (payload._sd_alg = 'sha-512') }),
  },
  {
    name: 'an unknown vct',
    check: 'credential_format',
    code: 'ERR_VCT_UNKNOWN',
    present: spoiled({
      mutateClaims: (claims) => (claims.vct = `${issuer.origin}/vct/DiplomaCredential`),
      vctIntegrity: false,
    }),
  },
  {
    name: "the vct of our type at another issuer's host",
    check: 'credential_format',
    code: 'ERR_VCT_UNKNOWN',
    present: spoiled({
      mutateClaims: (claims) => (claims.vct = 'https://issuer.example.nl/vct/EVCCredential'),
      vctIntegrity: false,
    }),
  },
  {
    name: 'a vct#integrity that does not match the type metadata',
    check: 'credential_format',
    code: 'ERR_VCT_INTEGRITY',
    present: spoiled({ vctIntegrity: `sha256-${Buffer.alloc(32).toString('base64')}` }),
  },
  {
    name: 'a status list token for another address (sub)',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_INVALID',
    present: async (s) => {
      issuer.spoilTokenList('evc-zorg', { change: (p) => (p.sub = `${issuer.origin}/status/other/token`) });
      return spoiled({})(s);
    },
    after: () => issuer.spoilTokenList('evc-zorg', { change: () => undefined }),
  },
  {
    name: 'an expired status list token',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_INVALID',
    present: async (s) => {
      issuer.spoilTokenList('evc-zorg', { change: (p) => (p.exp = seconds(h) - 3600) });
      return spoiled({})(s);
    },
    after: () => issuer.spoilTokenList('evc-zorg', { change: () => undefined }),
  },
  {
    name: 'a status index outside the token list',
    check: 'revocation_status',
    code: 'ERR_STATUS_INDEX_OUT_OF_RANGE',
    present: spoiled({ index: 5000 }),
  },
  {
    name: 'an ES256 signature under alg EdDSA',
    check: 'signature',
    code: 'ERR_JWS_ALG_KEY_MISMATCH',
    present: (s) => {
      const org = issuer.orgs.get('evc-zorg')!;
      return spoiled({ key: org.p256, header: { alg: 'EdDSA', typ: 'dc+sd-jwt', kid: org.p256Kid } })(s);
    },
  },
  {
    name: 'an EdDSA signature under alg ES256',
    check: 'signature',
    code: 'ERR_JWS_ALG_KEY_MISMATCH',
    present: (s) => {
      const org = issuer.orgs.get('evc-zorg')!;
      const ed: SigningKey = { alg: 'EdDSA', privateKey: org.privateKey, jwk: {} };
      return spoiled({ key: ed, header: { alg: 'ES256', typ: 'dc+sd-jwt', kid: org.kid } })(s);
    },
  },
  {
    name: 'a high-S ES256 signature',
    check: 'signature',
    code: 'ERR_SIGNATURE_NOT_CANONICAL',
    present: spoiled({ highS: true }),
  },
  {
    name: "an ES256 signature by another organisation's key",
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    present: spoiled({ key: otherOrg() }),
  },
  {
    name: 'a disclosure naming its claim __proto__',
    check: 'credential_format',
    code: 'ERR_FORBIDDEN_KEY',
    present: withIssuerDisclosure(['__proto__', { admin: true }]),
  },
  {
    name: 'a disclosure naming its claim constructor',
    check: 'credential_format',
    code: 'ERR_FORBIDDEN_KEY',
    present: withIssuerDisclosure(['constructor', { prototype: { admin: true } }]),
  },
  {
    name: 'an array-element disclosure whose value has a __proto__ member',
    check: 'credential_format',
    code: 'ERR_FORBIDDEN_KEY',
    present: async (s) => {
      // JSON.stringify of an object literal cannot write a "__proto__" member: parse it from text.
      const value = JSON.parse('{"__proto__": {"admin": true}, "name": "x"}') as unknown;
      const forged = encodeDisclosure([value]);
      const held = await evcSdJwt({
        mutatePayload: (payload) => payload.evidence.push({ '...': forged.digest }),
      });
      return presentSdJwt(held, atPaths(resultPath(SKILL)), wallet, kbFor(s), [forged.encoded]);
    },
  },
  {
    name: 'an SD-JWT not of type dc+sd-jwt',
    check: 'credential_format',
    code: 'ERR_SD_JWT_TYP',
    present: (s) => {
      const org = issuer.orgs.get('evc-zorg')!;
      return spoiled({ header: { alg: 'ES256', typ: 'vc+sd-jwt', kid: org.p256Kid } })(s);
    },
  },
];

describe('the response endpoint refuses each bad SD-JWT VC presentation with its code, and stores no accepted answer', () => {
  it.each(withClass(rows))('[$class] $name → $code ($check)', async (row) => {
    const s = await newSdRequest([SKILL, MONITOR_SIGNS]);
    try {
      const res = await postSd(s, await row.present(s));
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', code: row.code });
    } finally {
      row.after?.();
    }
    const stored = await view(s);
    expect(stored.result).toMatchObject({ accepted: false, outcome: 'failed' });
    const checks = stored.result.report.presentations.flatMap((p: any) =>
      p.credentials.flatMap((c: any) => c.checks),
    );
    expect(checks.find((c: any) => c.status === 'fail')).toMatchObject({ id: row.check, code: row.code });
    expect(stored.result.report.match.skills.every((line: any) => line.proofs.length === 0)).toBe(true);
  });
});
