import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { classOfCode } from '../../core/src/test-support/negative-cases.js';
import { ADMIN_TOKEN, startVerifier, type Harness } from './test-support/harness.js';
import { b64url, signJwt, StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// The issue's list of attacks and faults, each sent through the real OpenID4VP response endpoint
// and refused with its own stable code and check id; the valid control case is accepted. A
// loopback server stands in for the issuer service (did:web documents and status lists).

const SKILL = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';
let h: Harness;
const issuer = new StandInIssuer(() => h.clock.t);
const holder = new TestHolder();
const seconds = (): number => Math.floor(h.clock.t / 1000);

beforeAll(async () => {
  h = await startVerifier();
  await issuer.start();
  for (const [slug, name, kind, types] of [
    ['evc-zorg', 'EVC Centrum Zorg', 'evc-provider', ['EVCCredential']],
    ['opleiding', 'Opleidingscentrum', 'training-provider', ['ModuleCredential']],
    ['foreign-list', 'EVC Noord', 'evc-provider', ['EVCCredential']],
    ['list-down', 'EVC Zuid', 'evc-provider', ['EVCCredential']],
  ] as const) {
    const org = issuer.addOrg(slug, name);
    await request(h.app)
      .put(`/api/admin/trusted-issuers/${encodeURIComponent(org.did)}`)
      .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
      .send({ name, kind, accreditedTypes: types })
      .expect(200);
  }
  issuer.addOrg('onbekend', 'Onbekende Academie');
  issuer.signListsWith('foreign-list', issuer.orgs.get('onbekend')!);
});
afterAll(async () => {
  await issuer.stop();
  await h.close();
});

interface Session {
  id: string;
  nonce: string;
  state: string;
  audience: string;
}

async function newRequest(expiresInSeconds?: number): Promise<Session> {
  const created = (
    await request(h.app)
      .post('/api/requests')
      .set('Authorization', `Bearer ${h.apiKey}`)
      .send({
        title: 'Zorghulp',
        skills: [{ uri: SKILL }],
        ...(expiresInSeconds === undefined ? {} : { expiresInSeconds }),
      })
      .expect(201)
  ).body;
  const jwt = (await request(h.app).get(`/oid4vp/requests/${created.id}`).expect(200)).text;
  const claims = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
  return { id: created.id, nonce: claims.nonce, state: claims.state, audience: claims.client_id };
}

const post = (s: Session, vp: string, body: Record<string, string> = {}) =>
  request(h.app)
    .post(`/oid4vp/responses/${s.id}`)
    .type('form')
    .send({ vp_token: JSON.stringify({ evc_credential: [vp] }), state: s.state, ...body });

const evc = (options: Partial<Parameters<StandInIssuer['issue']>[2]> = {}, slug = 'evc-zorg'): string =>
  issuer.issue(slug, 'EVCCredential', { holder: holder.did, ...options });
const present = (
  s: Session,
  credentials: string[],
  patch: { nonce?: string; audience?: string } = {},
): string =>
  holder.present(credentials, {
    nonce: patch.nonce ?? s.nonce,
    audience: patch.audience ?? s.audience,
    iat: seconds(),
  });

function withPayload(jwt: string, change: (payload: any) => void): string {
  const [head, body, sig] = jwt.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString());
  change(payload);
  return `${head}.${b64url(JSON.stringify(payload))}.${sig}`;
}
function flipSignatureByte(jwt: string): string {
  const [head, body, sig] = jwt.split('.') as [string, string, string];
  const bytes = Buffer.from(sig, 'base64url');
  bytes[20] = bytes[20]! ^ 0x40;
  return `${head}.${body}.${b64url(bytes)}`;
}
const resign = (jwt: string, header: Record<string, unknown>): string =>
  signJwt(
    header,
    JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()),
    generateKeyPairSync('ed25519').privateKey,
  );

/** What the stored report says about the first failing check. */
async function storedFailure(s: Session): Promise<{ id: string; code: string } | undefined> {
  const view = (
    await request(h.app).get(`/api/requests/${s.id}`).set('Authorization', `Bearer ${h.apiKey}`).expect(200)
  ).body;
  const checks = view.result.report.presentations.flatMap((p: any) => [
    ...p.checks,
    ...p.credentials.flatMap((c: any) => c.checks),
  ]);
  return checks.find((c: any) => c.status === 'fail');
}

type Case = { name: string; check: string; code: string; run: (s: Session) => Promise<request.Response> };
const cases: Case[] = [
  {
    name: 'tampered payload',
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) =>
      post(
        s,
        present(s, [
          withPayload(
            evc(),
            (p) =>
              (p.vc.credentialSubject.result[0].achievedLevel = `${p.vc.credentialSubject.result[0].achievedLevel.slice(0, -1)}4`),
          ),
        ]),
      ),
  },
  {
    name: 'tampered signature',
    check: 'signature',
    code: 'ERR_SIGNATURE_INVALID',
    run: (s) => post(s, present(s, [flipSignatureByte(evc())])),
  },
  {
    name: 'alg none',
    check: 'credential_format',
    code: 'ERR_JWS_ALG_NOT_ALLOWED',
    run: (s) => post(s, present(s, [`${b64url('{"alg":"none"}')}.${evc().split('.')[1]}.`])),
  },
  {
    name: 'HS256',
    check: 'credential_format',
    code: 'ERR_JWS_ALG_NOT_ALLOWED',
    run: (s) => post(s, present(s, [resign(evc(), { alg: 'HS256', typ: 'JWT' })])),
  },
  {
    name: 'a key from the JWT header instead of the DID document',
    check: 'credential_format',
    code: 'ERR_JWS_HEADER_FORBIDDEN',
    run: (s) =>
      post(
        s,
        present(s, [
          resign(evc(), { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: b64url(new Uint8Array(32)) } }),
        ]),
      ),
  },
  {
    name: 'wrong nonce',
    check: 'presentation_nonce',
    code: 'ERR_NONCE_INVALID',
    run: (s) => post(s, present(s, [evc()], { nonce: 'not-this-request' })),
  },
  {
    name: 'replayed response',
    check: '',
    code: 'ERR_REQUEST_ALREADY_ANSWERED',
    run: async (s) => {
      const vp = present(s, [evc()]);
      await post(s, vp).expect(200);
      return post(s, vp);
    },
  },
  {
    name: 'expired request',
    check: '',
    code: 'ERR_REQUEST_EXPIRED',
    run: async () => {
      const s = await newRequest(60);
      const start = h.clock.t;
      h.clock.t = start + 61_000;
      try {
        return await post(s, present(s, [evc()]));
      } finally {
        h.clock.t = start;
      }
    },
  },
  {
    name: 'wrong audience',
    check: 'presentation_audience',
    code: 'ERR_AUDIENCE_INVALID',
    run: (s) =>
      post(s, present(s, [evc()], { audience: 'decentralized_identifier:did:web:other-verifier.example' })),
  },
  {
    name: 'holder different from subject',
    check: 'holder_binding',
    code: 'ERR_HOLDER_MISMATCH',
    run: (s) => post(s, present(s, [evc({ holder: new TestHolder().did })])),
  },
  {
    name: 'expired credential',
    check: 'expiration',
    code: 'ERR_CREDENTIAL_EXPIRED',
    run: (s) => post(s, present(s, [evc({ exp: seconds() - 86_400 })])),
  },
  {
    name: 'not yet valid',
    check: 'not_before',
    code: 'ERR_CREDENTIAL_NOT_YET_VALID',
    run: (s) => post(s, present(s, [evc({ nbf: seconds() + 86_400 })])),
  },
  {
    name: 'revoked',
    check: 'revocation_status',
    code: 'ERR_CREDENTIAL_REVOKED',
    run: (s) => {
      issuer.setStatus('evc-zorg', 'revocation', 101, true);
      return post(s, present(s, [evc({ index: 101 })]));
    },
  },
  {
    name: 'suspended',
    check: 'suspension_status',
    code: 'ERR_CREDENTIAL_SUSPENDED',
    run: (s) => {
      issuer.setStatus('evc-zorg', 'suspension', 102, true);
      return post(s, present(s, [evc({ index: 102 })]));
    },
  },
  {
    name: 'status list unreachable without a cache',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_UNREACHABLE',
    run: async (s) => {
      const vp = present(s, [evc({}, 'list-down')]);
      await h.deps.verification.resolveDid(issuer.orgs.get('list-down')!.did);
      issuer.statusDown = true;
      try {
        return await post(s, vp);
      } finally {
        issuer.statusDown = false;
      }
    },
  },
  {
    name: 'status list signed by another issuer',
    check: 'revocation_status',
    code: 'ERR_STATUS_LIST_ISSUER_MISMATCH',
    run: (s) => post(s, present(s, [evc({}, 'foreign-list')])),
  },
  {
    name: 'issuer not accredited for the type',
    check: 'issuer_accreditation',
    code: 'ERR_ISSUER_NOT_ACCREDITED',
    run: (s) => post(s, present(s, [evc({}, 'opleiding')])),
  },
  {
    name: 'schema-invalid content',
    check: 'schema',
    code: 'ERR_SCHEMA_INVALID',
    run: (s) =>
      post(
        s,
        present(s, [evc({ mutate: (d) => (d.credentialSubject.result[0].achievedLevel = 'level-nine') })]),
      ),
  },
  {
    name: 'malformed JWT',
    check: 'presentation_format',
    code: 'ERR_JWS_MALFORMED',
    run: (s) => post(s, 'eyJhbGciOiJFZERTQSJ9.not-json.'),
  },
];

describe('the response endpoint refuses each attack with its own code and check id', () => {
  it('accepts the valid control case', async () => {
    const s = await newRequest();
    const res = await post(s, present(s, [evc()]));
    expect(res.status).toBe(200);
    expect(
      (await request(h.app).get(`/api/requests/${s.id}`).set('Authorization', `Bearer ${h.apiKey}`)).body
        .result,
    ).toMatchObject({ accepted: true, outcome: 'verified' });
  });

  it.each(cases.map((c) => ({ ...c, class: classOfCode(c.code) })))(
    '[$class] $name → $code ($check)',
    async ({ run, check, code }) => {
      const s = await newRequest();
      const res = await run(s);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ error: 'invalid_request', code });
      if (check !== '') await expect(storedFailure(s)).resolves.toMatchObject({ id: check, code });
    },
  );

  it('[issuer spoofing and holder binding] unknown issuer → accepted, but shown as "issuer not recognised" and not counted (issuer_trust warning, ERR_ISSUER_UNKNOWN)', async () => {
    const s = await newRequest();
    await post(s, present(s, [evc({}, 'onbekend')])).expect(200);
    const view = (
      await request(h.app).get(`/api/requests/${s.id}`).set('Authorization', `Bearer ${h.apiKey}`)
    ).body;
    expect(view.result).toMatchObject({ accepted: true, outcome: 'issuer_not_recognised' });
    expect(view.result.report.presentations[0].credentials[0].checks).toContainEqual(
      expect.objectContaining({ id: 'issuer_trust', status: 'warning', code: 'ERR_ISSUER_UNKNOWN' }),
    );
    expect(view.result.report.match.skills[0]).toMatchObject({
      status: 'partial',
      proofs: [{ issuerRecognised: false, counts: false }],
    });
  });

  it('[request bodies] oversized body → 413 ERR_PAYLOAD_TOO_LARGE', async () => {
    const s = await newRequest();
    const res = await post(s, 'x'.repeat(1_600_000));
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('ERR_PAYLOAD_TOO_LARGE');
  });
});
