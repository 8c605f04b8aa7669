import { withClass } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { startVerifier, type Harness } from './test-support/harness.js';
import {
  expectRefusal,
  flipSignatureByte,
  issueEvc,
  malleateSignature,
  newRequest,
  payloadOf,
  post,
  postToken,
  present,
  resign,
  seconds,
  storedResult,
  trust,
  withoutIat,
  withPayload,
  type RefusalRow,
  type Session,
} from './test-support/response-endpoint.js';
import { b64url, signJwt, signJwtText, StandInIssuer, type Org } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// The issue's list of attacks on credentials, presentations and the answer itself, each sent
// through the real OpenID4VP response endpoint and refused with its own stable code and check id;
// the valid control case is accepted. A loopback server stands in for the issuer service (did:web
// documents and status lists). Status lists and DID resolution: rejections-status-did.test.ts.

let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();
let evcZorg: Org;
let opleiding: Org;
/** A key in the DID document of `two-keys`, listed for authentication only. */
const authOnly = generateKeyPairSync('ed25519');

beforeAll(async () => {
  h = await startVerifier();
  await issuer.start();
  evcZorg = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
  opleiding = issuer.addOrg('opleiding', 'Opleidingscentrum');
  const twoKeys = issuer.addOrg('two-keys', 'EVC West');
  await trust(h, evcZorg, 'evc-provider');
  await trust(h, opleiding, 'training-provider', ['ModuleCredential']);
  await trust(h, twoKeys, 'evc-provider');
  issuer.addOrg('onbekend', 'Onbekende Academie');
  issuer.serveDid('two-keys', {
    change: (doc) => {
      const id = `${twoKeys.did}#auth-1`;
      const x = authOnly.publicKey.export({ format: 'jwk' }).x;
      doc.verificationMethod.push({
        id,
        type: 'JsonWebKey2020',
        controller: twoKeys.did,
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x },
      });
      doc.authentication = [id];
    },
  });
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

const evc = (options: Parameters<typeof issueEvc>[3] = {}, slug = 'evc-zorg'): string =>
  issueEvc(issuer, holder, slug, options);
const vpFor = (s: Session, credentials: string[], patch: Parameters<typeof present>[3] = {}): string =>
  present(holder, s, credentials, patch);
const send = (s: Session, credentials: string[], patch: Parameters<typeof present>[3] = {}) =>
  post(s, vpFor(s, credentials, patch));
/** A genuine credential of evc-zorg, signed by its own key under another protected header. */
const evcWithHeader = (header: Record<string, unknown>): string =>
  evc({ header: { alg: 'EdDSA', typ: 'JWT', kid: evcZorg.kid, ...header } });

const cases: RefusalRow[] = [
  // JOSE attacks on the credential JWT
  {
    name: 'tampered payload',
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) =>
      send(s, [
        withPayload(evc(), (p) => {
          const result = p.vc.credentialSubject.result[0];
          result.achievedLevel = `${result.achievedLevel.slice(0, -1)}4`;
        }),
      ]),
  },
  {
    name: 'tampered signature',
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) => send(s, [flipSignatureByte(evc())]),
  },
  {
    name: 'a malleated signature: S + L instead of S (non-canonical)',
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) => send(s, [malleateSignature(evc())]),
  },
  {
    name: 'alg none',
    check: 'credential_format',
    code: 'ERR_JWS_ALG_NOT_ALLOWED',
    run: (s) => send(s, [`${b64url('{"alg":"none"}')}.${evc().split('.')[1]}.`]),
  },
  {
    name: 'HS256',
    check: 'credential_format',
    code: 'ERR_JWS_ALG_NOT_ALLOWED',
    run: (s) => send(s, [resign(evc(), { alg: 'HS256', typ: 'JWT' })]),
  },
  {
    name: 'a key from the JWT header instead of the DID document',
    check: 'credential_format',
    code: 'ERR_JWS_HEADER_FORBIDDEN',
    run: (s) =>
      send(s, [
        resign(evc(), { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: b64url(new Uint8Array(32)) } }),
      ]),
  },
  ...(
    [
      ['jku', 'https://evil.example/keys.json'],
      ['x5u', 'https://evil.example/cert.pem'],
      ['x5c', ['MIIBszCCAVmgAwIBAgIU']],
    ] as const
  ).map(([member, value]): RefusalRow => ({
    name: `a key location in the header (${member}), signed by the issuer`,
    check: 'credential_format',
    code: 'ERR_JWS_HEADER_FORBIDDEN',
    run: (s) => send(s, [evcWithHeader({ [member]: value })]),
  })),
  {
    name: 'a crit header, signed by the issuer',
    check: 'credential_format',
    code: 'ERR_JWS_CRIT_UNSUPPORTED',
    run: (s) => send(s, [evcWithHeader({ crit: ['urn:example:policy'], 'urn:example:policy': 'lenient' })]),
  },
  {
    name: 'an unencoded payload (b64: false), signed by the issuer',
    check: 'credential_format',
    code: 'ERR_JWS_CRIT_UNSUPPORTED',
    run: (s) => send(s, [evcWithHeader({ b64: false, crit: ['b64'] })]),
  },
  {
    name: 'a duplicate "iss" in the credential payload, signed by the issuer',
    check: 'credential_format',
    code: 'ERR_JSON_DUPLICATE_KEY',
    run: (s) => {
      const payload = JSON.stringify(payloadOf(evc()));
      const header = JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: evcZorg.kid });
      return send(s, [
        signJwtText(header, `{"iss":"${opleiding.did}",${payload.slice(1)}`, evcZorg.privateKey),
      ]);
    },
  },
  {
    name: 'a duplicate "alg" in the credential header, signed by the issuer',
    check: 'credential_format',
    code: 'ERR_JSON_DUPLICATE_KEY',
    run: (s) => {
      const header = `{"alg":"none","alg":"EdDSA","kid":"${evcZorg.kid}"}`;
      return send(s, [signJwtText(header, JSON.stringify(payloadOf(evc())), evcZorg.privateKey)]);
    },
  },
  // JOSE attacks on the presentation JWT
  {
    name: 'malformed presentation JWT',
    check: 'presentation_format',
    code: 'ERR_JWS_MALFORMED',
    run: (s) => post(s, 'eyJhbGciOiJFZERTQSJ9.not-json.'),
  },
  {
    name: 'a presentation with alg none',
    check: 'presentation_format',
    code: 'ERR_JWS_ALG_NOT_ALLOWED',
    run: (s) => post(s, `${b64url('{"alg":"none"}')}.${vpFor(s, [evc()]).split('.')[1]}.`),
  },
  {
    name: 'a presentation with a crit header, signed by the holder',
    check: 'presentation_format',
    code: 'ERR_JWS_CRIT_UNSUPPORTED',
    run: (s) =>
      post(
        s,
        holder.signText(
          JSON.stringify({ alg: 'EdDSA', kid: holder.kid, crit: ['urn:example:x'], 'urn:example:x': 1 }),
          JSON.stringify(payloadOf(vpFor(s, [evc()]))),
        ),
      ),
  },
  {
    name: 'a duplicate "nonce" in the presentation, the first from another request',
    check: 'presentation_format',
    code: 'ERR_JSON_DUPLICATE_KEY',
    run: async (s) => {
      const other = await newRequest(h);
      const payload = JSON.stringify(payloadOf(vpFor(s, [evc()])));
      const header = JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: holder.kid });
      return post(s, holder.signText(header, `{"nonce":"${other.nonce}",${payload.slice(1)}`));
    },
  },
  {
    name: "a presentation signed by a key other than the holder's",
    check: 'presentation_signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) => send(s, [evc()], { key: generateKeyPairSync('ed25519').privateKey }),
  },
  // issuer spoofing and holder binding
  {
    name: 'holder different from subject',
    check: 'holder_binding',
    code: 'ERR_HOLDER_MISMATCH',
    run: (s) => send(s, [evc({ holder: new TestHolder().did })]),
  },
  {
    name: 'iss differs from vc.issuer',
    check: 'issuer_consistency',
    code: 'ERR_ISSUER_MISMATCH',
    run: (s) => send(s, [evc({ mutatePayload: (p) => (p.vc.issuer = opleiding.did) })]),
  },
  {
    name: 'iss differs from the issuer object',
    check: 'issuer_consistency',
    code: 'ERR_ISSUER_MISMATCH',
    run: (s) =>
      send(s, [evc({ mutatePayload: (p) => (p.issuer = { id: opleiding.did, name: opleiding.name }) })]),
  },
  {
    name: "another issuer's credential claiming a trusted issuer's DID, with its own kid",
    check: 'issuer_did',
    code: 'ERR_KEY_NOT_FOUND',
    run: (s) => send(s, [evc({ mutatePayload: (p) => (p.iss = p.vc.issuer.id = evcZorg.did) }, 'opleiding')]),
  },
  {
    name: "another issuer's credential claiming a trusted issuer's DID, without a kid",
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) =>
      send(s, [
        evc(
          {
            mutatePayload: (p) => (p.iss = p.vc.issuer.id = evcZorg.did),
            header: { alg: 'EdDSA', typ: 'JWT' },
          },
          'opleiding',
        ),
      ]),
  },
  {
    name: "signed by a key of the issuer's DID document listed for authentication only (kid)",
    check: 'issuer_did',
    code: 'ERR_KEY_NOT_FOUND',
    run: (s) =>
      send(s, [
        signJwt(
          { alg: 'EdDSA', typ: 'JWT', kid: `${issuer.orgs.get('two-keys')!.did}#auth-1` },
          payloadOf(evc({}, 'two-keys')),
          authOnly.privateKey,
        ),
      ]),
  },
  {
    name: "signed by a key of the issuer's DID document listed for authentication only (no kid)",
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) =>
      send(s, [signJwt({ alg: 'EdDSA', typ: 'JWT' }, payloadOf(evc({}, 'two-keys')), authOnly.privateKey)]),
  },
  {
    name: 'two presentations from different holders',
    check: '',
    code: 'ERR_HOLDER_MISMATCH',
    run: (s) => {
      const other = new TestHolder();
      return post(s, vpFor(s, [evc()]), present(other, s, [issueEvc(issuer, other, 'evc-zorg')]));
    },
  },
  {
    name: 'issuer not accredited for the type',
    check: 'issuer_accreditation',
    code: 'ERR_ISSUER_NOT_ACCREDITED',
    run: (s) => send(s, [evc({}, 'opleiding')]),
  },
  // replay
  {
    name: 'wrong nonce',
    check: 'presentation_nonce',
    code: 'ERR_NONCE_INVALID',
    run: (s) => send(s, [evc()], { nonce: 'not-this-request' }),
  },
  {
    name: 'a presentation accepted for another request, replayed to this one',
    check: 'presentation_nonce',
    code: 'ERR_NONCE_INVALID',
    run: async (s) => {
      const first = await newRequest(h);
      const vp = vpFor(first, [evc()]);
      await post(first, vp).expect(200);
      return post(s, vp);
    },
  },
  {
    name: "two presentations in one vp_token, the second with another request's nonce",
    check: 'presentation_nonce',
    code: 'ERR_NONCE_INVALID',
    run: async (s) => {
      const other = await newRequest(h);
      return post(s, vpFor(s, [evc()]), vpFor(other, [evc()]));
    },
  },
  {
    name: 'replayed response',
    check: '',
    code: 'ERR_REQUEST_ALREADY_ANSWERED',
    run: async (s) => {
      const vp = vpFor(s, [evc()]);
      await post(s, vp).expect(200);
      return post(s, vp);
    },
  },
  {
    name: 'expired request',
    check: '',
    code: 'ERR_REQUEST_EXPIRED',
    run: async () => {
      const s = await newRequest(h, 60);
      const start = h.clock.t;
      h.clock.t = start + 61_000;
      try {
        return await send(s, [evc()]);
      } finally {
        h.clock.t = start;
      }
    },
  },
  {
    name: 'a presentation without iat, accepted for another request, replayed to this one',
    check: 'presentation_nonce',
    code: 'ERR_NONCE_INVALID',
    run: async (s) => {
      const first = await newRequest(h);
      const vp = vpFor(first, [evc()], withoutIat);
      await post(first, vp).expect(200);
      return post(s, vp);
    },
  },
  {
    name: "a presentation without iat made for another open request's nonce",
    check: 'presentation_nonce',
    code: 'ERR_NONCE_INVALID',
    run: async (s) => send(s, [evc()], { ...withoutIat, nonce: (await newRequest(h)).nonce }),
  },
  {
    name: 'a presentation without iat, replayed after its request was answered',
    check: '',
    code: 'ERR_REQUEST_ALREADY_ANSWERED',
    run: async (s) => {
      const vp = vpFor(s, [evc()], withoutIat);
      await post(s, vp).expect(200);
      return post(s, vp);
    },
  },
  {
    name: 'a presentation without iat, sent after its request expired',
    check: '',
    code: 'ERR_REQUEST_EXPIRED',
    run: async () => {
      const s = await newRequest(h, 60);
      const vp = vpFor(s, [evc()], withoutIat);
      const start = h.clock.t;
      h.clock.t = start + 61_000;
      try {
        return await post(s, vp);
      } finally {
        h.clock.t = start;
      }
    },
  },
  {
    name: 'a presentation without iat, addressed to another verifier',
    check: 'presentation_audience',
    code: 'ERR_AUDIENCE_INVALID',
    run: (s) =>
      send(s, [evc()], {
        ...withoutIat,
        audience: 'decentralized_identifier:did:web:other-verifier.example',
      }),
  },
  {
    name: 'wrong audience',
    check: 'presentation_audience',
    code: 'ERR_AUDIENCE_INVALID',
    run: (s) => send(s, [evc()], { audience: 'decentralized_identifier:did:web:other-verifier.example' }),
  },
  {
    name: 'a presentation made 10 minutes ago',
    check: 'presentation_freshness',
    code: 'ERR_PRESENTATION_STALE',
    run: (s) => send(s, [evc()], { iat: seconds(h) - 600 }),
  },
  {
    name: 'a presentation dated 10 minutes ahead',
    check: 'presentation_freshness',
    code: 'ERR_PRESENTATION_STALE',
    run: (s) => send(s, [evc()], { iat: seconds(h) + 600 }),
  },
  {
    name: 'a presentation whose iat is not a time',
    check: 'presentation_freshness',
    code: 'ERR_PRESENTATION_STALE',
    run: (s) => send(s, [evc()], { mutate: (p) => (p.iat = String(seconds(h))) }),
  },
  {
    name: 'a presentation past its own exp',
    check: 'presentation_freshness',
    code: 'ERR_PRESENTATION_STALE',
    run: (s) => send(s, [evc()], { mutate: (p) => (p.exp = seconds(h) - 120) }),
  },
  // dates and content
  {
    name: 'expired credential',
    check: 'expiration',
    code: 'ERR_CREDENTIAL_EXPIRED',
    run: (s) => send(s, [evc({ exp: seconds(h) - 86_400 })]),
  },
  {
    name: 'not yet valid',
    check: 'not_before',
    code: 'ERR_CREDENTIAL_NOT_YET_VALID',
    run: (s) => send(s, [evc({ nbf: seconds(h) + 86_400 })]),
  },
  {
    name: 'schema-invalid content',
    check: 'schema',
    code: 'ERR_SCHEMA_INVALID',
    run: (s) =>
      send(s, [evc({ mutate: (d) => (d.credentialSubject.result[0].achievedLevel = 'level-nine') })]),
  },
  // request bodies
  {
    name: 'a JSON body instead of a form',
    check: '',
    code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
    staysOpen: true,
    run: (s) =>
      request(h.app)
        .post(`/oid4vp/responses/${s.id}`)
        .type('json')
        .send({ vp_token: { skills_jwt_vc_json: [vpFor(s, [evc()])] }, state: s.state }),
  },
  {
    name: 'a plain-text body',
    check: '',
    code: 'ERR_UNSUPPORTED_MEDIA_TYPE',
    staysOpen: true,
    run: (s) =>
      request(h.app)
        .post(`/oid4vp/responses/${s.id}`)
        .type('text/plain')
        .send(`vp_token=${vpFor(s, [evc()])}&state=${s.state}`),
  },
  {
    name: 'more than 10 form fields',
    check: '',
    code: 'ERR_VALIDATION',
    status: 422,
    staysOpen: true,
    run: (s) =>
      postToken(
        s,
        { skills_jwt_vc_json: [vpFor(s, [evc()])] },
        Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`f${i}`, 'x'])),
      ),
  },
  {
    name: 'an oversized body',
    check: '',
    code: 'ERR_PAYLOAD_TOO_LARGE',
    status: 413,
    staysOpen: true,
    run: (s) => post(s, 'x'.repeat(1_600_000)),
  },
  {
    name: 'an answer to a request that does not exist',
    check: '',
    code: 'ERR_NOT_FOUND',
    run: (s) => postToken({ ...s, id: 'no-such-request' }, { skills_jwt_vc_json: [vpFor(s, [evc()])] }),
  },
  {
    name: 'vp_token a bare presentation JWT, not JSON',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => postToken(s, vpFor(s, [evc()])),
  },
  {
    name: 'vp_token a JSON list',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => postToken(s, [vpFor(s, [evc()])]),
  },
  // incomplete answers: refused, nothing verified or stored, the request stays open
  {
    name: 'no vp_token',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    incomplete: 'no_presentation',
    run: (s) => request(h.app).post(`/oid4vp/responses/${s.id}`).type('form').send({ state: s.state }),
  },
  {
    name: 'an empty vp_token field',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    incomplete: 'no_presentation',
    run: (s) => postToken(s, ''),
  },
  {
    name: 'vp_token an empty object (OpenID4VP 1.0 errata 1: an error response instead)',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    incomplete: 'no_presentation',
    run: (s) => postToken(s, {}),
  },
  {
    name: "the wallet's error response together with a vp_token",
    check: '',
    code: 'ERR_VALIDATION',
    staysOpen: true,
    run: (s) => postToken(s, { skills_jwt_vc_json: [vpFor(s, [evc()])] }, { error: 'access_denied' }),
  },
  {
    name: 'an error response whose error is no OAuth error code',
    check: '',
    code: 'ERR_VALIDATION',
    staysOpen: true,
    run: (s) =>
      request(h.app)
        .post(`/oid4vp/responses/${s.id}`)
        .type('form')
        .send({ error: 'access "denied"', state: s.state }),
  },
  {
    name: 'a presentation not in a list',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => postToken(s, { skills_jwt_vc_json: vpFor(s, [evc()]) }),
  },
  {
    name: 'vp_token sent twice',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => {
      const token = encodeURIComponent(JSON.stringify({ skills_jwt_vc_json: [vpFor(s, [evc()])] }));
      return request(h.app)
        .post(`/oid4vp/responses/${s.id}`)
        .type('form')
        .send(`vp_token=${token}&vp_token=${token}&state=${encodeURIComponent(s.state)}`);
    },
  },
  {
    name: 'the same query id twice in vp_token, a refused presentation first',
    check: '',
    code: 'ERR_JSON_DUPLICATE_KEY',
    run: (s) => {
      const refused = JSON.stringify([vpFor(s, [evc({ holder: new TestHolder().did })])]);
      const accepted = JSON.stringify([vpFor(s, [evc()])]);
      return postToken(s, `{"skills_jwt_vc_json":${refused},"skills_jwt_vc_json":${accepted}}`);
    },
  },
  {
    name: 'an empty list of presentations',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => postToken(s, { skills_jwt_vc_json: [] }),
  },
  {
    name: 'more than 10 presentations for one query',
    check: '',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => post(s, ...Array.from({ length: 11 }, () => vpFor(s, [evc()]))),
  },
  {
    name: 'a credential embedded as a JSON object instead of a JWT',
    check: 'presentation_format',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) =>
      post(
        s,
        holder.sign(
          { typ: 'JWT' },
          {
            ...payloadOf(vpFor(s, [])),
            vp: { type: ['VerifiablePresentation'], verifiableCredential: [payloadOf(evc()).vc] },
          },
        ),
      ),
  },
  {
    name: 'a credential JWT sent without a presentation',
    check: 'presentation_format',
    code: 'ERR_PRESENTATION_INVALID',
    run: (s) => post(s, evc()),
  },
];

describe('the response endpoint refuses each attack with its own code and check id', () => {
  it('accepts the valid control case', async () => {
    const s = await newRequest(h);
    const res = await send(s, [evc()]);
    expect(res.status).toBe(200);
    await expect(storedResult(s)).resolves.toMatchObject({ accepted: true, outcome: 'verified' });
  });

  it.each(withClass(cases))('[$class] $name → $code ($check)', async (row) =>
    expectRefusal(row, await newRequest(h), (s) => vpFor(s, [evc()])),
  );

  it('accepts a presentation without iat (as Credo 0.6.3 sends): nonce and aud of the open request', async () => {
    const s = await newRequest(h);
    await send(s, [evc()], withoutIat).expect(200);
    const result = await storedResult(s);
    expect(result).toMatchObject({ accepted: true, outcome: 'verified' });
    expect(result.report.presentations[0].checks).toContainEqual(
      expect.objectContaining({ id: 'presentation_freshness', status: 'pass' }),
    );
  });

  it('[issuer spoofing and holder binding] unknown issuer → accepted, but shown as "issuer not recognised" and not counted (issuer_trust warning, ERR_ISSUER_UNKNOWN)', async () => {
    const s = await newRequest(h);
    await send(s, [evc({}, 'onbekend')]).expect(200);
    const result = await storedResult(s);
    expect(result).toMatchObject({ accepted: true, outcome: 'issuer_not_recognised' });
    expect(result.report.presentations[0].credentials[0].checks).toContainEqual(
      expect.objectContaining({ id: 'issuer_trust', status: 'warning', code: 'ERR_ISSUER_UNKNOWN' }),
    );
    expect(result.report.match.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ issuerRecognised: false, counts: false }],
    });
  });
});
