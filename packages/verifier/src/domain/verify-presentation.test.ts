import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withClass } from '@skills-passport/service-kit/testing';
import { generateKeyPairSync } from 'node:crypto';
import { webCryptoEd25519Verify, type CredentialTypeName } from '@skills-passport/core';
import { createGuardedFetch } from '../net/guarded-fetch.js';
import { b64url, signJwt, StandInIssuer, type Org } from '../test-support/stand-in-issuer.js';
import { TestHolder } from '../test-support/test-holder.js';
import { createDidResolver } from './did-resolver.js';
import { createStatusListService } from './status-lists.js';
import type { TrustedIssuer } from './trusted-issuers.js';
import type { VerificationDeps } from './verify-credential.js';
import {
  MAX_CREDENTIALS_PER_PRESENTATION,
  verifyPresentation,
  type PresentationVerification,
} from './verify-presentation.js';

// Frozen clock: the verifier, the stand-in issuer and the holder all read this.
const clock = { t: Date.parse('2027-01-15T10:00:00Z') };
const now = (): number => clock.t;
const nowSeconds = (): number => Math.floor(clock.t / 1000);
const NONCE = 'n-0S6_WzA2Mj';
const AUDIENCE = 'decentralized_identifier:did:web:localhost%3A3002';

const issuer = new StandInIssuer(now);
const holder = new TestHolder();
let evc: Org;
let training: Org;
let employer: Org;
let stranger: Org;
const registry = new Map<string, TrustedIssuer>();

beforeAll(async () => {
  await issuer.start();
  evc = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
  training = issuer.addOrg('opleiding', 'Opleidingscentrum Logistiek');
  employer = issuer.addOrg('van-dijk', 'Van Dijk Logistiek');
  stranger = issuer.addOrg('onbekend', 'Onbekende Academie');
  for (const [org, kind, types] of [
    [evc, 'evc-provider', ['EVCCredential']],
    [training, 'training-provider', ['ModuleCredential']],
    [employer, 'employer', ['WorkplaceLearningCredential']],
  ] as const) {
    registry.set(org.did, {
      did: org.did,
      name: org.name,
      kind,
      accreditedTypes: [...types] as CredentialTypeName[],
    });
  }
});
afterAll(async () => {
  await issuer.stop();
});

/** Fresh caches per case, so one case's cache never rescues another. */
function makeDeps(reuseForMs = 0): VerificationDeps {
  const fetch = createGuardedFetch({ allowInsecureLocalhost: true, timeoutMs: 5000 });
  const resolveDid = createDidResolver({ fetch, allowInsecureLocalhost: true, now });
  return {
    resolveDid,
    statusLists: createStatusListService({
      fetch,
      resolveDid,
      verifySignature: webCryptoEd25519Verify,
      now,
      clockSkewSeconds: 60,
      reuseForMs,
    }),
    trustedIssuers: { get: (did) => Promise.resolve(registry.get(did)) },
    verifySignature: webCryptoEd25519Verify,
    now,
    clockSkewSeconds: 60,
  };
}

const present = (credentials: string[], mutate?: (p: Record<string, any>) => void): string =>
  holder.present(credentials, {
    nonce: NONCE,
    audience: AUDIENCE,
    iat: nowSeconds() - 5,
    ...(mutate === undefined ? {} : { mutate }),
  });
/** Drops `iat`, as Credo 0.6.3 does; OpenID4VP 1.0 requires only `nonce` and `aud`. */
const withoutIat =
  (then?: (p: Record<string, any>) => void) =>
  (p: Record<string, any>): void => {
    delete p.iat;
    then?.(p);
  };
const evcFor = (options: Partial<Parameters<StandInIssuer['issue']>[2]> = {}): string =>
  issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did, ...options });

function tamperPayload(jwt: string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  payload.vc.credentialSubject.result[0].achievedLevel =
    'https://w3id.org/skills-passport/scales/proficiency-4/v1#4';
  return `${h}.${b64url(JSON.stringify(payload))}.${s}`;
}
function tamperSignature(jwt: string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const sig = Buffer.from(s, 'base64url');
  sig[10] = sig[10]! ^ 0x01;
  return `${h}.${p}.${b64url(sig)}`;
}
function resignedWith(jwt: string, header: Record<string, unknown>): string {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
  return signJwt(header, payload, generateKeyPairSync('ed25519').privateKey);
}

function findCheck(
  result: PresentationVerification,
  id: string,
): { status: string; code?: string } | undefined {
  return [...result.checks, ...result.credentials.flatMap((c) => c.checks)].find(
    (c) => c.id === id && c.status !== 'pass',
  );
}

describe('verifyPresentation', () => {
  it('accepts the valid control case with every check passing', async () => {
    const vp = present([
      evcFor(),
      issuer.issue('opleiding', 'ModuleCredential', { holder: holder.did }),
      issuer.issue('van-dijk', 'WorkplaceLearningCredential', { holder: holder.did }),
    ]);
    const result = await verifyPresentation(vp, { nonce: NONCE, audience: AUDIENCE }, makeDeps());
    const problems = [...result.checks, ...result.credentials.flatMap((c) => c.checks)].filter(
      (c) => c.status !== 'pass',
    );
    expect(problems).toEqual([]);
    expect(result).toMatchObject({ verified: true, accepted: true, outcome: 'verified', holder: holder.did });
    expect(result.credentials.map((c) => c.type)).toEqual([
      'EVCCredential',
      'ModuleCredential',
      'WorkplaceLearningCredential',
    ]);
    const ids = result.credentials[0]!.checks.map((c) => c.id);
    expect(ids).toEqual([
      'credential_format',
      'issuer_did',
      'signature',
      'issuer_consistency',
      'holder_binding',
      'not_before',
      'expiration',
      'schema',
      'revocation_status',
      'suspension_status',
      'issuer_trust',
      'issuer_accreditation',
    ]);
  });

  it('accepts a presentation without iat, bound to the request by its nonce and audience', async () => {
    const result = await verifyPresentation(
      present([evcFor()], withoutIat()),
      { nonce: NONCE, audience: AUDIENCE },
      makeDeps(),
    );
    expect(result).toMatchObject({ verified: true, accepted: true });
    expect(result.checks.find((c) => c.id === 'presentation_freshness')).toMatchObject({ status: 'pass' });
  });

  it("[replay] without iat, fails freshness too when the nonce or audience is not the request's", async () => {
    for (const options of [
      { nonce: 'another-request', audience: AUDIENCE },
      { nonce: NONCE, audience: 'decentralized_identifier:did:web:evil.example' },
    ]) {
      const result = await verifyPresentation(present([evcFor()], withoutIat()), options, makeDeps());
      expect(result.checks.find((c) => c.id === 'presentation_freshness')).toMatchObject({
        status: 'fail',
        code: 'ERR_PRESENTATION_STALE',
      });
    }
  });

  // Each attack is refused with its own check id and code; the valid control case is above.
  const table: [string, () => string, string, string, { nonce?: string; audience?: string }?][] = [
    ['tampered payload', () => present([tamperPayload(evcFor())]), 'signature', 'ERR_SIGNATURE_INVALID'],
    ['tampered signature', () => present([tamperSignature(evcFor())]), 'signature', 'ERR_SIGNATURE_INVALID'],
    [
      'alg none',
      () => present([`${b64url('{"alg":"none","typ":"JWT"}')}.${evcFor().split('.')[1]}.`]),
      'credential_format',
      'ERR_JWS_ALG_NOT_ALLOWED',
    ],
    [
      'HS256 with the public key as secret',
      () => present([resignedWith(evcFor(), { alg: 'HS256', typ: 'JWT' })]),
      'credential_format',
      'ERR_JWS_ALG_NOT_ALLOWED',
    ],
    [
      'a key in the JWT header (jwk)',
      () =>
        present([resignedWith(evcFor(), { alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: 'AAAA' } })]),
      'credential_format',
      'ERR_JWS_HEADER_FORBIDDEN',
    ],
    [
      'a kid pointing outside the DID document',
      () => present([resignedWith(evcFor(), { alg: 'EdDSA', kid: `${holder.kid}` })]),
      'issuer_did',
      'ERR_KEY_NOT_FOUND',
    ],
    [
      'a key of the DID document, but the wrong one',
      () => present([resignedWith(evcFor(), { alg: 'EdDSA', kid: evc.kid })]),
      'signature',
      'ERR_SIGNATURE_INVALID',
    ],
    [
      'wrong nonce',
      () => present([evcFor()]),
      'presentation_nonce',
      'ERR_NONCE_INVALID',
      { nonce: 'another-request' },
    ],
    [
      'wrong audience',
      () => present([evcFor()]),
      'presentation_audience',
      'ERR_AUDIENCE_INVALID',
      { audience: 'decentralized_identifier:did:web:evil.example' },
    ],
    [
      'a stale presentation',
      () => present([evcFor()], (p) => (p.iat = nowSeconds() - 3600)),
      'presentation_freshness',
      'ERR_PRESENTATION_STALE',
    ],
    [
      'a presentation dated in the future',
      () => present([evcFor()], (p) => (p.iat = nowSeconds() + 600)),
      'presentation_freshness',
      'ERR_PRESENTATION_STALE',
    ],
    [
      'an iat that is not a time',
      () => present([evcFor()], (p) => (p.iat = '2027-01-15T10:00:00Z')),
      'presentation_freshness',
      'ERR_PRESENTATION_STALE',
    ],
    [
      'a presentation without iat, past its own exp',
      () =>
        present(
          [evcFor()],
          withoutIat((p) => (p.exp = nowSeconds() - 120)),
        ),
      'presentation_freshness',
      'ERR_PRESENTATION_STALE',
    ],
    [
      "a presentation without iat, made for another request's nonce",
      () => present([evcFor()], withoutIat()),
      'presentation_nonce',
      'ERR_NONCE_INVALID',
      { nonce: 'another-request' },
    ],
    [
      'a presentation without iat, addressed to another verifier',
      () => present([evcFor()], withoutIat()),
      'presentation_audience',
      'ERR_AUDIENCE_INVALID',
      { audience: 'decentralized_identifier:did:web:evil.example' },
    ],
    [
      'a presentation signed by someone else',
      () =>
        holder.present([evcFor()], {
          nonce: NONCE,
          audience: AUDIENCE,
          iat: nowSeconds(),
          key: generateKeyPairSync('ed25519').privateKey,
        }),
      'presentation_signature',
      'ERR_SIGNATURE_INVALID',
    ],
    [
      'holder different from subject',
      () => present([evcFor({ holder: new TestHolder().did })]),
      'holder_binding',
      'ERR_HOLDER_MISMATCH',
    ],
    [
      'iss differs from the credential issuer',
      () => present([evcFor({ mutatePayload: (p) => (p.issuer = { ...p.issuer, id: training.did }) })]),
      'issuer_consistency',
      'ERR_ISSUER_MISMATCH',
    ],
    [
      'expired credential',
      () => present([evcFor({ exp: nowSeconds() - 3600 })]),
      'expiration',
      'ERR_CREDENTIAL_EXPIRED',
    ],
    [
      'not yet valid',
      () => present([evcFor({ nbf: nowSeconds() + 3600 })]),
      'not_before',
      'ERR_CREDENTIAL_NOT_YET_VALID',
    ],
    [
      'revoked',
      () => {
        issuer.setStatus('evc-zorg', 'revocation', 21, true);
        return present([evcFor({ index: 21 })]);
      },
      'revocation_status',
      'ERR_CREDENTIAL_REVOKED',
    ],
    [
      'suspended',
      () => {
        issuer.setStatus('evc-zorg', 'suspension', 22, true);
        return present([evcFor({ index: 22 })]);
      },
      'suspension_status',
      'ERR_CREDENTIAL_SUSPENDED',
    ],
    [
      'status index out of range',
      () => present([evcFor({ index: 200_000 })]),
      'revocation_status',
      'ERR_STATUS_INDEX_OUT_OF_RANGE',
    ],
    [
      'unknown status type',
      () =>
        present([
          evcFor({
            mutate: (d) => (d.credentialStatus = { ...d.credentialStatus, type: 'StatusList2021Entry' }),
          }),
        ]),
      'status_entry',
      'ERR_STATUS_TYPE_UNSUPPORTED',
    ],
    [
      'status list signed by another issuer',
      () => {
        issuer.signListsWith('van-dijk', stranger);
        return present([issuer.issue('van-dijk', 'WorkplaceLearningCredential', { holder: holder.did })]);
      },
      'revocation_status',
      'ERR_STATUS_LIST_ISSUER_MISMATCH',
    ],
    [
      'issuer not accredited for the type',
      () => present([issuer.issue('opleiding', 'EVCCredential', { holder: holder.did })]),
      'issuer_accreditation',
      'ERR_ISSUER_NOT_ACCREDITED',
    ],
    [
      'schema-invalid content',
      () => present([evcFor({ mutate: (d) => (d.credentialSubject.route = 'elsewhere') })]),
      'schema',
      'ERR_SCHEMA_INVALID',
    ],
    ['malformed credential JWT', () => present(['not.a.jwt']), 'credential_format', 'ERR_JWS_MALFORMED'],
    ['malformed presentation JWT', () => 'eyJ.broken', 'presentation_format', 'ERR_JWS_MALFORMED'],
    [
      'duplicate members in the credential payload',
      () =>
        present([
          evcFor().replace(
            /^([^.]+)\.([^.]+)\./,
            (_m, h: string, p: string) =>
              `${h}.${b64url(Buffer.from(p, 'base64url').toString().replace('{', '{"iss":"did:web:evil.example",'))}.`,
          ),
        ]),
      'credential_format',
      'ERR_JSON_DUPLICATE_KEY',
    ],
    [
      'too many credentials',
      () => present(Array.from({ length: MAX_CREDENTIALS_PER_PRESENTATION + 1 }, () => 'a.b.c')),
      'presentation_size',
      'ERR_TOO_MANY_CREDENTIALS',
    ],
    [
      'credentials from too many distinct issuers',
      () =>
        present(
          Array.from({ length: 9 }, (_, i) =>
            signJwt(
              { alg: 'EdDSA' },
              { iss: `did:web:issuer-${i}.example`, vc: {} },
              generateKeyPairSync('ed25519').privateKey,
            ),
          ),
        ),
      'presentation_size',
      'ERR_TOO_MANY_CREDENTIALS',
    ],
    [
      'a holder that is not a did:key',
      () => present([evcFor()], (p) => (p.iss = evc.did)),
      'presentation_signature',
      'ERR_DID_METHOD_UNSUPPORTED',
    ],
  ];

  const cases = table.map(([name, build, check, code, request]) => ({ name, build, check, code, request }));

  it.each(withClass(cases))(
    '[$class] refuses $name ($check, $code)',
    async ({ build, check: checkId, code, request: expect_ }) => {
      const vp = build();
      const result = await verifyPresentation(
        vp,
        { nonce: expect_?.nonce ?? NONCE, audience: expect_?.audience ?? AUDIENCE },
        makeDeps(),
      );
      expect(findCheck(result, checkId)).toMatchObject({ status: 'fail', code });
      expect(result).toMatchObject({ verified: false, accepted: false, outcome: 'failed' });
    },
  );

  it('shows a valid credential from an unknown issuer as "issuer not recognised", not as valid', async () => {
    const vp = present([issuer.issue('onbekend', 'ModuleCredential', { holder: holder.did })]);
    const result = await verifyPresentation(vp, { nonce: NONCE, audience: AUDIENCE }, makeDeps());
    expect(findCheck(result, 'issuer_trust')).toMatchObject({
      status: 'warning',
      code: 'ERR_ISSUER_UNKNOWN',
    });
    expect(result).toMatchObject({ verified: false, accepted: true, outcome: 'issuer_not_recognised' });
    expect(result.credentials[0]).toMatchObject({ verified: false, outcome: 'issuer_not_recognised' });
  });

  describe('when the status list host is down', () => {
    it('fails without a cached list', async () => {
      const vp = present([evcFor()]);
      const deps = makeDeps();
      await deps.resolveDid(evc.did); // the DID document is reachable; only the lists are not
      issuer.statusDown = true;
      try {
        const result = await verifyPresentation(vp, { nonce: NONCE, audience: AUDIENCE }, deps);
        expect(findCheck(result, 'revocation_status')).toMatchObject({
          status: 'fail',
          code: 'ERR_STATUS_LIST_UNREACHABLE',
        });
        expect(result.accepted).toBe(false);
      } finally {
        issuer.statusDown = false;
      }
    });

    it('passes with a warning on a list cached within its ttl, and fails once the ttl is over', async () => {
      const deps = makeDeps();
      const first = await verifyPresentation(present([evcFor()]), { nonce: NONCE, audience: AUDIENCE }, deps);
      expect(first.verified).toBe(true);
      issuer.statusDown = true;
      const start = clock.t;
      try {
        clock.t = start + 60_000;
        const cached = await verifyPresentation(
          present([evcFor()]),
          { nonce: NONCE, audience: AUDIENCE },
          deps,
        );
        expect(findCheck(cached, 'revocation_status')).toMatchObject({
          status: 'warning',
          code: 'ERR_STATUS_LIST_UNREACHABLE',
        });
        expect(cached).toMatchObject({ verified: true, accepted: true });
        clock.t = start + 301_000;
        const stale = await verifyPresentation(
          present([evcFor()]),
          { nonce: NONCE, audience: AUDIENCE },
          deps,
        );
        expect(findCheck(stale, 'revocation_status')).toMatchObject({
          status: 'fail',
          code: 'ERR_STATUS_LIST_UNREACHABLE',
        });
      } finally {
        issuer.statusDown = false;
        clock.t = start;
      }
    });
  });

  it('sees a revocation at once, even with the list cached', async () => {
    const deps = makeDeps();
    expect(
      (await verifyPresentation(present([evcFor({ index: 31 })]), { nonce: NONCE, audience: AUDIENCE }, deps))
        .verified,
    ).toBe(true);
    issuer.setStatus('evc-zorg', 'revocation', 31, true);
    const after = await verifyPresentation(
      present([evcFor({ index: 31 })]),
      { nonce: NONCE, audience: AUDIENCE },
      deps,
    );
    expect(findCheck(after, 'revocation_status')).toMatchObject({
      status: 'fail',
      code: 'ERR_CREDENTIAL_REVOKED',
    });
  });

  it('with a reuse window, reuses a verified list without asking, and asks again once it is over', async () => {
    const deps = makeDeps(30_000);
    const vp = () => present([evcFor({ index: 41 })]);
    expect((await verifyPresentation(vp(), { nonce: NONCE, audience: AUDIENCE }, deps)).verified).toBe(true);
    const start = clock.t;
    issuer.statusDown = true;
    try {
      clock.t = start + 10_000;
      const reused = await verifyPresentation(vp(), { nonce: NONCE, audience: AUDIENCE }, deps);
      expect(reused.verified).toBe(true);
      expect(findCheck(reused, 'revocation_status')).toBeUndefined(); // no warning: nothing was asked
      issuer.statusDown = false;
      issuer.setStatus('evc-zorg', 'revocation', 41, true);
      clock.t = start + 31_000;
      const after = await verifyPresentation(vp(), { nonce: NONCE, audience: AUDIENCE }, deps);
      expect(findCheck(after, 'revocation_status')).toMatchObject({
        status: 'fail',
        code: 'ERR_CREDENTIAL_REVOKED',
      });
    } finally {
      issuer.statusDown = false;
      clock.t = start;
    }
  });

  it('never throws on arbitrary input', async () => {
    for (const input of [undefined, null, 42, {}, [], 'x'.repeat(300_000), '..', 'a.b.c']) {
      await expect(
        verifyPresentation(input, { nonce: NONCE, audience: AUDIENCE }, makeDeps()),
      ).resolves.toMatchObject({ verified: false });
    }
  });
});
