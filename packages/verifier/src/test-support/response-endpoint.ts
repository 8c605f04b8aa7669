// Drives the OpenID4VP response endpoint as a wallet does, for the rejection tables: a request
// made through the employer API, its request object read for nonce and state, an answer posted as
// `direct_post`, and the stored report read back. Every call names the verifier it talks to.
import { expect } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import request from 'supertest';
import { ADMIN_TOKEN, type Harness } from './harness.js';
import { b64url, signJwt, type Org, type StandInIssuer } from './stand-in-issuer.js';
import type { TestHolder } from './test-holder.js';

export const SKILL = 'http://data.europa.eu/esco/skill/62268d9a-42f9-4c65-9ed3-d7ba69249896';

/** One open request as a wallet sees it, and the verifier that made it. */
export interface Session {
  h: Harness;
  id: string;
  nonce: string;
  state: string;
  audience: string;
}

/** What a refusal row expects back, once its answer has been posted. */
export interface RefusalRow {
  name: string;
  /** The failing check the stored report names; '' when nothing is verified (or stored). */
  check: string;
  code: string;
  /**
   * When the schema check already refuses the credential, the answer leads with
   * ERR_SCHEMA_INVALID; `check` must then still fail with `code` further down the report.
   */
  schemaFirst?: true;
  /** HTTP status; 400 unless given. */
  status?: number;
  /** True when the refusal must leave the request open: a valid answer is accepted afterwards. */
  staysOpen?: boolean;
  /**
   * An incomplete answer: nothing is stored, the employer sees the request still pending with an
   * incomplete answer of this reason, and a valid answer is accepted afterwards.
   */
  incomplete?: 'no_presentation' | 'required_credentials_missing' | 'wallet_error';
  run: (s: Session) => Promise<request.Response>;
}

export const seconds = (h: Harness): number => Math.floor(h.clock.t / 1000);

/** Puts an organisation of the stand-in issuer on the verifier's trusted list. */
export async function trust(
  h: Harness,
  org: Org,
  kind: string,
  accreditedTypes: string[] = ['EVCCredential'],
): Promise<void> {
  await request(h.app)
    .put(`/api/admin/trusted-issuers/${encodeURIComponent(org.did)}`)
    .set('Authorization', `Bearer ${ADMIN_TOKEN}`)
    .send({ name: org.name, kind, accreditedTypes })
    .expect(200);
}

/** An employer's request for one skill, with the nonce and state of its signed request object. */
export async function newRequest(h: Harness, expiresInSeconds?: number): Promise<Session> {
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
  return { h, id: created.id, nonce: claims.nonce, state: claims.state, audience: claims.client_id };
}

/** Posts a `vp_token` as given: an object is sent as its JSON, a string as it is. */
export const postToken = (s: Session, vpToken: unknown, form: Record<string, unknown> = {}) =>
  request(s.h.app)
    .post(`/oid4vp/responses/${s.id}`)
    .type('form')
    .send({
      vp_token: typeof vpToken === 'string' ? vpToken : JSON.stringify(vpToken),
      state: s.state,
      ...form,
    });

/** Drops `iat` from a presentation, as Credo 0.6.3 does: OpenID4VP 1.0 requires only nonce and aud. */
export const withoutIat = {
  mutate: (payload: Record<string, unknown>): void => {
    delete payload.iat;
  },
};

/** Posts presentations in answer to the EVC query. */
export const post = (s: Session, ...presentations: string[]) =>
  postToken(s, { skills_jwt_vc_json: presentations });

/** A presentation of `credentials` made for `s`, unless the patch says otherwise. */
export function present(
  holder: TestHolder,
  s: Session,
  credentials: string[],
  patch: Partial<Parameters<TestHolder['present']>[1]> = {},
): string {
  return holder.present(credentials, { nonce: s.nonce, audience: s.audience, iat: seconds(s.h), ...patch });
}

/** The request as its employer sees it: status, incomplete answers, result. */
export async function employerView(s: Session): Promise<any> {
  return (
    await request(s.h.app)
      .get(`/api/requests/${s.id}`)
      .set('Authorization', `Bearer ${s.h.apiKey}`)
      .expect(200)
  ).body;
}

/** The stored result of a request: `{accepted, outcome, report}`. */
export async function storedResult(s: Session): Promise<any> {
  return (await employerView(s)).result;
}

/** Every check of the stored report, presentations' and credentials'. */
export async function storedChecks(s: Session): Promise<{ id: string; status: string; code?: string }[]> {
  const result = await storedResult(s);
  return (result?.report.presentations ?? []).flatMap((p: any) => [
    ...p.checks,
    ...p.credentials.flatMap((c: any) => c.checks),
  ]);
}

/** What the stored report says about the first failing check. */
export async function storedFailure(s: Session): Promise<{ id: string; code: string } | undefined> {
  return (await storedChecks(s)).find((c) => c.status === 'fail') as { id: string; code: string } | undefined;
}

/** Posts the row's answer and checks the OAuth error, our code, and what was stored. */
export async function expectRefusal(
  row: RefusalRow,
  s: Session,
  valid: (s: Session) => string,
): Promise<void> {
  const res = await row.run(s);
  const leading = row.schemaFirst === true ? 'ERR_SCHEMA_INVALID' : row.code;
  expect(res.status).toBe(row.status ?? 400);
  if ((row.status ?? 400) === 400)
    expect(res.body).toMatchObject({ error: 'invalid_request', code: leading });
  else expect(res.body).toMatchObject({ code: leading });
  if (row.schemaFirst === true) {
    await expect(storedFailure(s)).resolves.toMatchObject({ id: 'schema', code: leading });
    expect(await storedChecks(s)).toContainEqual(
      expect.objectContaining({ id: row.check, status: 'fail', code: row.code }),
    );
  } else if (row.check !== '') {
    await expect(storedFailure(s)).resolves.toMatchObject({ id: row.check, code: row.code });
  }
  if (row.incomplete !== undefined) {
    const view = await employerView(s);
    expect(view).toMatchObject({ status: 'pending', incompleteAnswers: { lastReason: row.incomplete } });
    expect(view.result).toBeUndefined();
  }
  if (row.staysOpen === true || row.incomplete !== undefined) {
    expect((await post(s, valid(s))).status).toBe(200);
  }
}

// --- changing a signed JWT ---

const partsOf = (jwt: string) => jwt.split('.') as [string, string, string];

/** The payload of a JWT, decoded. */
export const payloadOf = (jwt: string): Record<string, any> =>
  JSON.parse(Buffer.from(partsOf(jwt)[1], 'base64url').toString());

/** Changes the payload and keeps the old signature (it no longer matches). */
export function withPayload(jwt: string, change: (payload: any) => void): string {
  const [head, , sig] = partsOf(jwt);
  const payload = payloadOf(jwt);
  change(payload);
  return `${head}.${b64url(JSON.stringify(payload))}.${sig}`;
}

export function flipSignatureByte(jwt: string): string {
  const [head, body, sig] = partsOf(jwt);
  const bytes = Buffer.from(sig, 'base64url');
  bytes[20] = bytes[20]! ^ 0x40;
  return `${head}.${body}.${b64url(bytes)}`;
}

/** Signs the same payload again under `header`, with a fresh key nobody publishes. */
export const resign = (jwt: string, header: Record<string, unknown>): string =>
  signJwt(header, payloadOf(jwt), generateKeyPairSync('ed25519').privateKey);

/** The order of the Ed25519 group, L = 2^252 + 27742317777372353535851937790883648493. */
const L = 2n ** 252n + 27742317777372353535851937790883648493n;

/**
 * The same signature with S replaced by S + L: the same point equation holds, so a verifier that
 * skips the S < L check (RFC 8032 §5.1.7) would accept a second, malleated signature.
 */
export function malleateSignature(jwt: string): string {
  const [head, body, sig] = partsOf(jwt);
  const bytes = Buffer.from(sig, 'base64url');
  const s = BigInt(`0x${Buffer.from(bytes.subarray(32)).reverse().toString('hex')}`) + L;
  const sBytes = Buffer.from(s.toString(16).padStart(64, '0'), 'hex').reverse();
  return `${head}.${body}.${b64url(Buffer.concat([bytes.subarray(0, 32), sBytes]))}`;
}

/** An issuer's credential under the EVC query, for `holder`. */
export const issueEvc = (
  issuer: StandInIssuer,
  holder: TestHolder,
  slug: string,
  options: Partial<Parameters<StandInIssuer['issue']>[2]> = {},
): string => issuer.issue(slug, 'EVCCredential', { holder: holder.did, ...options });
