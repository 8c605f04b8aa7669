import { classified } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  ADMIN_TOKEN,
  call,
  provisionOrg,
  startIssuer,
  type RunningIssuer,
} from './test-support/issuer-harness.js';
import { evcRequest, workplaceRequest } from './test-support/requests.js';
import { newHolder, redeemOffer } from './test-support/wallet.js';

// Every bad input gets its own stable error and never a 500, over real HTTP against a real issuer.
// The issuer's clock is shifted by `clock.offset` to test expiry.
const clock = { offset: 0 };

describe('issuer refuses bad input with specific errors', () => {
  let issuer: RunningIssuer;
  let evc: Awaited<ReturnType<typeof provisionOrg>>;
  let employer: Awaited<ReturnType<typeof provisionOrg>>;

  beforeAll(async () => {
    issuer = await startIssuer({ now: () => new Date(Date.now() + clock.offset) });
    evc = await provisionOrg(issuer, 'evc-a', 'evc-provider');
    employer = await provisionOrg(issuer, 'employer-b', 'employer');
  });
  afterAll(async () => issuer.destroy());

  const create = (token: string, body: unknown = evcRequest(), headers: Record<string, string> = {}) =>
    call(issuer.url, 'POST', '/api/credentials', { token, body, headers });
  const offerOf = async (body: unknown = evcRequest()) => (await create(evc.apiKey, body)).body;

  describe('issuance API', () => {
    const problems: [
      string,
      () => Promise<{ status: number; body: any; headers: Headers }>,
      number,
      string,
    ][] = [
      [
        'invalid content (every error listed)',
        () => {
          const body = evcRequest();
          delete (body.credential.credentialSubject as any).route;
          (body.credential.credentialSubject as any).assessmentDate = 'last week';
          return create(evc.apiKey, body);
        },
        422,
        'ERR_SCHEMA_INVALID',
      ],
      [
        'an unknown type',
        () => create(evc.apiKey, { ...evcRequest(), type: 'DiplomaCredential' }),
        422,
        'ERR_UNKNOWN_CREDENTIAL_TYPE',
      ],
      [
        'a type the organisation may not issue',
        () => create(employer.apiKey, evcRequest()),
        403,
        'ERR_CREDENTIAL_TYPE_NOT_ALLOWED',
      ],
      [
        'no learner name',
        () => create(evc.apiKey, { ...evcRequest(), learner: { email: 'x@example.nl' } }),
        422,
        'ERR_VALIDATION',
      ],
      [
        'fields only the issuer sets',
        () => {
          const body = evcRequest();
          (body.credential.credentialSubject as any).id =
            'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
          return create(evc.apiKey, {
            ...body,
            credential: { ...body.credential, issuer: 'did:web:evil.example' },
          });
        },
        422,
        'ERR_VALIDATION',
      ],
      ['no API key', () => call(issuer.url, 'GET', '/api/credentials'), 401, 'ERR_UNAUTHENTICATED'],
      [
        'a wrong API key',
        () => call(issuer.url, 'GET', '/api/credentials', { token: `${evc.apiKey.slice(0, -4)}AAAA` }),
        401,
        'ERR_UNAUTHENTICATED',
      ],
      [
        'a malformed API key',
        () => call(issuer.url, 'GET', '/api/credentials', { token: 'hello' }),
        401,
        'ERR_UNAUTHENTICATED',
      ],
      [
        'malformed JSON',
        () =>
          call(issuer.url, 'POST', '/api/credentials', {
            token: evc.apiKey,
            raw: '{"type": "EVC',
            headers: { 'content-type': 'application/json' },
          }),
        400,
        'ERR_MALFORMED_JSON',
      ],
      [
        'a non-JSON content type',
        () =>
          call(issuer.url, 'POST', '/api/credentials', {
            token: evc.apiKey,
            raw: 'type=EVC',
            headers: { 'content-type': 'text/plain' },
          }),
        415,
        'ERR_UNSUPPORTED_MEDIA_TYPE',
      ],
      [
        'an oversized body',
        () => create(evc.apiKey, { ...evcRequest(), padding: 'x'.repeat(300_000) }),
        413,
        'ERR_PAYLOAD_TOO_LARGE',
      ],
      ['a JSON array body', () => create(evc.apiKey, [evcRequest()]), 400, 'ERR_NOT_AN_OBJECT'],
      [
        'a __proto__ key',
        () =>
          call(issuer.url, 'POST', '/api/credentials', {
            token: evc.apiKey,
            raw: '{"type":"EVCCredential","__proto__":{"admin":true}}',
            headers: { 'content-type': 'application/json' },
          }),
        400,
        'ERR_FORBIDDEN_KEY',
      ],
      [
        'an unknown credential',
        () =>
          call(issuer.url, 'GET', '/api/credentials/urn:uuid:00000000-0000-4000-8000-000000000000', {
            token: evc.apiKey,
          }),
        404,
        'ERR_NOT_FOUND',
      ],
      [
        'a bad list filter',
        () => call(issuer.url, 'GET', '/api/credentials?status=lost', { token: evc.apiKey }),
        422,
        'ERR_VALIDATION',
      ],
      [
        'an admin route without the admin token',
        () => call(issuer.url, 'GET', '/admin/organisations', { token: evc.apiKey }),
        401,
        'ERR_UNAUTHENTICATED',
      ],
      ['an unknown route', () => call(issuer.url, 'GET', '/nothing/here'), 404, 'ERR_NOT_FOUND'],
      [
        'an unknown offer',
        () => call(issuer.url, 'GET', '/offers/00000000-0000-4000-8000-000000000000'),
        404,
        'ERR_NOT_FOUND',
      ],
    ];

    it.each(classified(problems, 3))('[%s] %s', async (_class, _name, request, status, code) => {
      const response = await request();
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({ status, code });
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+|stack/i);
    });

    it('[credential content] lists every content error with a pointer into the request', async () => {
      const body = evcRequest();
      delete (body.credential.credentialSubject as any).route;
      (body.credential.credentialSubject as any).assessmentDate = 'last week';
      const response = await create(evc.apiKey, body);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pointer: '/credential/credentialSubject/route', rule: 'required' }),
          expect.objectContaining({
            pointer: '/credential/credentialSubject/assessmentDate',
            rule: 'format',
          }),
        ]),
      );
    });

    it("[access control] keeps one organisation out of another's credentials", async () => {
      const mine = (await create(evc.apiKey)).body.credential.id as string;
      const path = `/api/credentials/${encodeURIComponent(mine)}`;
      expect((await call(issuer.url, 'GET', path, { token: employer.apiKey })).body.code).toBe(
        'ERR_NOT_FOUND',
      );
      expect(
        (await call(issuer.url, 'POST', `${path}/revoke`, { token: employer.apiKey, body: { reason: 'x' } }))
          .body.code,
      ).toBe('ERR_NOT_FOUND');
      expect(
        (await call(issuer.url, 'GET', '/api/credentials', { token: employer.apiKey })).body.items.map(
          (c: any) => c.id,
        ),
      ).not.toContain(mine);
      expect((await call(issuer.url, 'GET', path, { token: evc.apiKey })).status).toBe(200);
    });

    it('[access control] refuses a revoked API key at once', async () => {
      const extra = await call(
        issuer.url,
        'POST',
        `/admin/organisations/evc-a/staff/${evc.staffId}/api-keys`,
        { token: ADMIN_TOKEN, body: {} },
      );
      expect((await call(issuer.url, 'GET', '/api/me', { token: extra.body.token })).status).toBe(200);
      expect(
        (
          await call(issuer.url, 'DELETE', `/admin/organisations/evc-a/api-keys/${extra.body.id}`, {
            token: ADMIN_TOKEN,
          })
        ).status,
      ).toBe(204);
      const refused = await call(issuer.url, 'GET', '/api/me', { token: extra.body.token });
      expect(refused).toMatchObject({ status: 401, body: { code: 'ERR_UNAUTHENTICATED' } });
    });

    it('[request bodies] needs a reason to revoke, and refuses a second revocation', async () => {
      const id = encodeURIComponent((await create(evc.apiKey)).body.credential.id);
      expect(
        (await call(issuer.url, 'POST', `/api/credentials/${id}/revoke`, { token: evc.apiKey, body: {} }))
          .body.code,
      ).toBe('ERR_VALIDATION');
      expect(
        (
          await call(issuer.url, 'POST', `/api/credentials/${id}/revoke`, {
            token: evc.apiKey,
            body: { reason: 'wrong learner' },
          })
        ).status,
      ).toBe(200);
      const again = await call(issuer.url, 'POST', `/api/credentials/${id}/revoke`, {
        token: evc.apiKey,
        body: { reason: 'again' },
      });
      expect(again).toMatchObject({ status: 409, body: { code: 'ERR_INVALID_STATE' } });
      expect(
        (await call(issuer.url, 'POST', `/api/credentials/${id}/suspend`, { token: evc.apiKey, body: {} }))
          .body.code,
      ).toBe('ERR_INVALID_STATE');
    });

    it('[replay] replays an idempotent request and creates nothing new; refuses the key with another body', async () => {
      const key = { 'idempotency-key': 'batch-7-row-12' };
      const first = await create(employer.apiKey, workplaceRequest(), key);
      const second = await create(employer.apiKey, workplaceRequest(), key);
      expect(first.status).toBe(201);
      expect(second.status).toBe(200);
      expect(second.body).toEqual(first.body);
      const list = await call(issuer.url, 'GET', '/api/credentials?type=WorkplaceLearningCredential', {
        token: employer.apiKey,
      });
      expect(list.body.items.filter((c: any) => c.id === first.body.credential.id)).toHaveLength(1);
      const other = workplaceRequest();
      other.learner.name = 'Someone Else';
      expect(await create(employer.apiKey, other, key)).toMatchObject({
        status: 422,
        body: { code: 'ERR_IDEMPOTENCY_KEY_REUSED' },
      });
      // The key is per organisation: another organisation may use the same key.
      expect((await create(evc.apiKey, evcRequest(), key)).status).toBe(201);
    });
  });

  describe('OpenID4VCI endpoints answer with OAuth errors', () => {
    const token = (base: string, slug: string, form: Record<string, string>) =>
      fetch(`${base}/orgs/${slug}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));

    it('[access control] refuses a wrong pre-authorized code and a wrong grant type', async () => {
      const grant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
      expect(
        await token(issuer.url, 'evc-a', { grant_type: grant, 'pre-authorized_code': 'guess' }),
      ).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      expect(await token(issuer.url, 'evc-a', { grant_type: 'password', username: 'a' })).toMatchObject({
        status: 400,
        body: { error: 'unsupported_grant_type' },
      });
      expect(await token(issuer.url, 'evc-a', { grant_type: grant })).toMatchObject({
        status: 400,
        body: { error: 'invalid_request' },
      });
    });

    it('[replay] refuses a used offer, and an offer code at another organisation', async () => {
      const created = await offerOf();
      const offer = await call(issuer.url, 'GET', new URL(created.credential.offer.offerUrl).pathname);
      const code =
        offer.body.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
      const grant = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
      expect(
        (await token(issuer.url, 'employer-b', { grant_type: grant, 'pre-authorized_code': code })).body
          .error,
      ).toBe('invalid_grant');
      expect((await redeemOffer(created.credential.offer.uri, newHolder())).status).toBe(200);
      expect(
        (await token(issuer.url, 'evc-a', { grant_type: grant, 'pre-authorized_code': code })).body,
      ).toMatchObject({ error: 'invalid_grant' });
      const reread = await call(issuer.url, 'GET', new URL(created.credential.offer.offerUrl).pathname);
      expect(reread).toMatchObject({ status: 410, body: { code: 'ERR_OFFER_REDEEMED' } });
    });

    it('[replay] refuses an expired offer', async () => {
      const created = await offerOf();
      clock.offset = 2 * 3600 * 1000;
      try {
        const reread = await call(issuer.url, 'GET', new URL(created.credential.offer.offerUrl).pathname);
        expect(reread).toMatchObject({ status: 410, body: { code: 'ERR_OFFER_EXPIRED' } });
      } finally {
        clock.offset = 0;
      }
    });

    it('[access control] asks for the PIN, refuses a wrong one, and withdraws the offer after five', async () => {
      const created = await create(evc.apiKey, { ...evcRequest(), offer: { txCode: true } });
      expect(created.body.txCode).toMatch(/^\d{6}$/);
      const uri = created.body.credential.offer.uri;
      const offer = await call(issuer.url, 'GET', new URL(created.body.credential.offer.offerUrl).pathname);
      expect(offer.body.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'].tx_code).toMatchObject(
        { input_mode: 'numeric', length: 6 },
      );
      expect((await redeemOffer(uri, newHolder())).body).toMatchObject({ error: 'invalid_grant' });
      const wrong = created.body.txCode === '000000' ? '111111' : '000000';
      for (let i = 0; i < 4; i += 1)
        expect((await redeemOffer(uri, newHolder(), { txCode: wrong })).body.error).toBe('invalid_grant');
      // The right PIN no longer helps: the offer was withdrawn after five failures.
      const code =
        offer.body.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
      const late = await token(issuer.url, 'evc-a', {
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
        tx_code: created.body.txCode,
      });
      expect(late.body.error).toBe('invalid_grant');
      expect(
        (await call(issuer.url, 'GET', new URL(created.body.credential.offer.offerUrl).pathname)).body.code,
      ).toBe('ERR_OFFER_EXPIRED');

      const fresh = await create(evc.apiKey, { ...evcRequest(), offer: { txCode: true } });
      expect(
        (await redeemOffer(fresh.body.credential.offer.uri, newHolder(), { txCode: fresh.body.txCode }))
          .status,
      ).toBe(200);
    });

    const proofCases: [string, () => Parameters<typeof redeemOffer>[2], number, string][] = [
      ['a proof without nonce', () => ({ nonce: null }), 400, 'invalid_nonce'],
      ['a proof with an unknown nonce', () => ({ nonce: 'made-up' }), 400, 'invalid_nonce'],
      [
        'a proof signed by another key than it names',
        () => ({ signWith: generateKeyPairSync('ed25519').privateKey }),
        400,
        'invalid_proof',
      ],
      [
        'a proof for another audience',
        () => ({ audience: 'https://other-issuer.example/orgs/x' }),
        400,
        'invalid_proof',
      ],
      ['a proof of the wrong type', () => ({ typ: 'JWT' }), 400, 'invalid_proof'],
      ['a stale proof', () => ({ iat: Math.floor(Date.now() / 1000) - 3600 }), 400, 'invalid_proof'],
    ];

    it.each(classified(proofCases, 3))('[%s] refuses %s', async (_class, _name, options, status, error) => {
      const created = await offerOf();
      const result = await redeemOffer(created.credential.offer.uri, newHolder(), options());
      expect(result).toMatchObject({ status, body: { error } });
    });

    it('[replay] refuses a reused nonce, and an expired one', async () => {
      const holder = newHolder();
      const first = await redeemOffer((await offerOf()).credential.offer.uri, holder);
      expect(first.status).toBe(200);
      const { c_nonce } = (await (await fetch(first.metadata.nonce_endpoint, { method: 'POST' })).json()) as {
        c_nonce: string;
      };
      expect(
        (await redeemOffer((await offerOf()).credential.offer.uri, holder, { nonce: c_nonce })).status,
      ).toBe(200);
      expect(
        (await redeemOffer((await offerOf()).credential.offer.uri, holder, { nonce: c_nonce })).body.error,
      ).toBe('invalid_nonce');

      const late = await offerOf();
      const { c_nonce: old } = (await (
        await fetch(first.metadata.nonce_endpoint, { method: 'POST' })
      ).json()) as { c_nonce: string };
      clock.offset = 10 * 60 * 1000;
      try {
        const result = await redeemOffer(late.credential.offer.uri, holder, {
          nonce: old,
          iat: Math.floor((Date.now() + clock.offset) / 1000),
        });
        expect(result.body.error).toBe('invalid_nonce');
      } finally {
        clock.offset = 0;
      }
    });

    it('[access control] refuses a missing or unknown access token and a wrong configuration', async () => {
      const created = await offerOf();
      const first = await redeemOffer(created.credential.offer.uri, newHolder());
      const endpoint = first.metadata.credential_endpoint as string;
      const post = (auth: string | undefined, body: unknown) =>
        fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(auth ? { authorization: `Bearer ${auth}` } : {}),
          },
          body: JSON.stringify(body),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as any,
          auth: r.headers.get('www-authenticate'),
        }));
      expect(await post(undefined, {})).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
      expect(
        await post('not-a-token-of-ours', {
          credential_configuration_id: 'EVCCredential_jwt_vc_json',
          proofs: { jwt: ['x'] },
        }),
      ).toMatchObject({
        status: 401,
        body: { error: 'invalid_token' },
      });
      const other = await offerOf();
      const offer = await call(issuer.url, 'GET', new URL(other.credential.offer.offerUrl).pathname);
      const code =
        offer.body.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
      const t = await token(issuer.url, 'evc-a', {
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
      });
      expect(
        await post(t.body.access_token, {
          credential_configuration_id: 'ModuleCredential_jwt_vc_json',
          proofs: { jwt: ['x'] },
        }),
      ).toMatchObject({
        body: { error: 'unknown_credential_configuration' },
      });
      expect(
        await post(t.body.access_token, {
          credential_configuration_id: 'EVCCredential_jwt_vc_json',
          proofs: { jwt: ['not.a.jwt'] },
        }),
      ).toMatchObject({
        body: { error: 'invalid_proof' },
      });
      expect(
        await post(t.body.access_token, { credential_configuration_id: 'EVCCredential_jwt_vc_json' }),
      ).toMatchObject({ body: { error: 'invalid_proof' } });
    });

    it('[status lists] does not hand out a credential that was revoked before redemption', async () => {
      const created = await offerOf();
      await call(issuer.url, 'POST', `/api/credentials/${encodeURIComponent(created.credential.id)}/revoke`, {
        token: evc.apiKey,
        body: { reason: 'issued in error' },
      });
      const reread = await call(issuer.url, 'GET', new URL(created.credential.offer.offerUrl).pathname);
      expect(reread.body.code).toBe('ERR_OFFER_WITHDRAWN');
    });
  });
});
