import { describe, expect, it } from '@jest/globals';
import { sign as nodeSign } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createDataIntegrityProof } from '../../data-integrity/create-proof.js';
import {
  CREATED,
  NOW,
  didWebDocument,
  resolverOf,
  testKey,
  type TestKey,
} from '../../data-integrity/test-support/fixtures.js';
import { toVcdm11 } from '../../vcdm11.js';
import { webCryptoEd25519Verify as webCryptoVerify } from '../ed25519.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testDataDir } from '../../test-support/test-data.js';
import type { CredentialVerificationDeps } from './deps.js';
import type { CredentialEnvelope } from './envelope.js';
import type { StatusListLookup, StatusListService } from './status-lists.js';
import { verifyStatusListCredential } from './status-lists.js';
import { verifyCredential } from './verify-credential.js';

// The one pipeline, both envelopes: the same credential signed as a VC-JWT and with a Data
// Integrity proof (real Ed25519 keys from node:crypto) gives the same checks with the same ids,
// and a change to either is refused. DID documents are handed in (no network), as is the status
// list, through the ports the verifier and the wallet fill with HTTP.

const ISSUER = 'did:web:issuer.example:orgs:evc';
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';
const LIST = 'https://issuer.example/status/evc/1';
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function jwtOf(document: Record<string, any>, key: TestKey): string {
  const payload = {
    iss: ISSUER,
    sub: document.credentialSubject.id,
    jti: document.id,
    nbf: Math.floor(Date.parse(document.validFrom) / 1000),
    vc: toVcdm11(document),
  };
  const input = `${b64({ alg: 'EdDSA', typ: 'JWT', kid: `${ISSUER}#key-1` })}.${b64(payload)}`;
  return `${input}.${nodeSign(null, Buffer.from(input), key.privateKey).toString('base64url')}`;
}

function evcDocument(): Record<string, any> {
  const doc = JSON.parse(
    readFileSync(join(repoRoot, 'schemas/examples/evc-credential/zorghulp-ok.json'), 'utf8'),
  ) as Record<string, any>;
  doc['@context'] = doc['@context'].map((c: string) =>
    c.endsWith('/contexts/skills-passport/v1') ? 'https://issuer.example/contexts/skills-passport/v1' : c,
  );
  doc.issuer = { ...doc.issuer, id: ISSUER };
  doc.credentialSubject.id = HOLDER;
  doc.validFrom = '2026-11-01T10:00:00Z';
  delete doc.validUntil;
  doc.credentialStatus = {
    id: `${LIST}#7`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: '7',
    statusListCredential: LIST,
  };
  return doc;
}

async function setUp(bits: { invalid?: number[]; suspended?: number[] } = {}) {
  const key = testKey();
  const resolveDid = resolverOf({ [ISSUER]: didWebDocument(ISSUER, key) });
  const document = evcDocument();
  const encode = (indexes: number[] = []) => {
    const bytes = new Uint8Array(16_384);
    for (const i of indexes) bytes[i >> 3]! |= 0x80 >> (i & 7);
    return `u${gzipSync(bytes).toString('base64url')}`;
  };
  const list = await createDataIntegrityProof(
    {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://issuer.example/contexts/skills-passport/v1',
      ],
      id: LIST,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: ISSUER,
      validFrom: '2026-11-30T00:00:00Z',
      credentialSubject: {
        id: `${LIST}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'revocation',
        encodedList: encode([...(bits.invalid ?? []), ...(bits.suspended ?? [])]),
        suspended: encode(bits.suspended),
      },
    },
    { verificationMethod: `${ISSUER}#key-1`, proofPurpose: 'assertionMethod', created: CREATED },
    key.sign,
  );
  const statusLists: StatusListService = {
    async lookup(url): Promise<StatusListLookup> {
      const verified = await verifyStatusListCredential(url, list, {
        resolveDid,
        verifySignature: webCryptoVerify,
        now: () => NOW,
        clockSkewSeconds: 60,
      });
      if (!verified.ok) return verified;
      const { ok: _ok, ...rest } = verified;
      return { ok: true, fromCache: false, list: { url, ...rest, fetchedAt: NOW } };
    },
  };
  const deps: CredentialVerificationDeps = {
    resolveDid,
    verifySignature: webCryptoVerify,
    statusLists,
    now: () => NOW,
    clockSkewSeconds: 60,
    trustedIssuers: {
      get: (did) =>
        Promise.resolve(
          did === ISSUER
            ? {
                did,
                name: 'EVC Centrum',
                kind: 'evc-provider' as const,
                accreditedTypes: ['EVCCredential' as const],
              }
            : undefined,
        ),
    },
  };
  const secured = await createDataIntegrityProof(
    document,
    { verificationMethod: `${ISSUER}#key-1`, proofPurpose: 'assertionMethod', created: CREATED },
    key.sign,
  );
  const envelopes: Record<string, CredentialEnvelope> = {
    jwt_vc_json: { format: 'jwt_vc_json', jwt: jwtOf(document, key) },
    ldp_vc: { format: 'ldp_vc', credential: { ...secured, proof: [secured.proof] } },
  };
  return { deps, envelopes, key, document };
}

const summary = (checks: { id: string; status: string; code?: string }[]) =>
  checks.map((c) => `${c.id}:${c.status}${c.code === undefined ? '' : `:${c.code}`}`);

describe('one verification pipeline for both envelopes', () => {
  it('gives the same checks, ids and reading for the credential as a VC-JWT and with a Data Integrity proof', async () => {
    const { deps, envelopes } = await setUp();
    const jwt = await verifyCredential(envelopes.jwt_vc_json!, deps, { holder: HOLDER });
    const ldp = await verifyCredential(envelopes.ldp_vc!, deps, { holder: HOLDER });
    expect(jwt.outcome).toBe('verified');
    expect(ldp.outcome).toBe('verified');
    expect(summary(ldp.checks)).toEqual(summary(jwt.checks));
    expect(summary(ldp.checks)).toEqual([
      'credential_format:pass',
      'issuer_did:pass',
      'signature:pass',
      'issuer_consistency:pass',
      'holder_binding:pass',
      'not_before:pass',
      'expiration:pass',
      'schema:pass',
      'revocation_status:pass',
      'suspension_status:pass',
      'issuer_trust:pass',
      'issuer_accreditation:pass',
    ]);
    expect(ldp.credential).toEqual(jwt.credential);
    expect([jwt.format, ldp.format]).toEqual(['jwt_vc_json', 'ldp_vc']);
    expect(ldp.subject).toBe(HOLDER);
  });

  it.each([
    ['revoked', { invalid: [7] }, 'revocation_status', 'ERR_CREDENTIAL_REVOKED'],
    ['suspended', { suspended: [7] }, 'suspension_status', 'ERR_CREDENTIAL_SUSPENDED'],
  ])(
    '[status lists] reads a %s credential from the Data Integrity status list, in either envelope',
    async (_n, bits, id, code) => {
      const { deps, envelopes } = await setUp(bits);
      for (const envelope of Object.values(envelopes)) {
        const result = await verifyCredential(envelope, deps);
        expect(result.outcome).toBe('failed');
        expect(result.checks).toContainEqual(expect.objectContaining({ id, status: 'fail', code }));
      }
    },
  );

  it('[JSON-LD and Data Integrity] refuses a changed Data Integrity credential as a bad signature, and a foreign key as such', async () => {
    const { deps, envelopes } = await setUp();
    const ldp = envelopes.ldp_vc as { credential: Record<string, any> };
    const tampered = structuredClone(ldp.credential);
    tampered.credentialSubject.result[0].achievedLevel =
      tampered.credentialSubject.result[0].achievedLevel.replace(/#\d$/, '#4');
    const result = await verifyCredential({ format: 'ldp_vc', credential: tampered }, deps);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'signature', status: 'fail', code: 'ERR_SIGNATURE_INVALID' }),
    );
    const { envelopes: others } = await setUp();
    const foreign = await verifyCredential(others.ldp_vc!, deps);
    expect(foreign.checks).toContainEqual(expect.objectContaining({ id: 'signature', status: 'fail' }));
  });

  it('[issuer spoofing and holder binding] refuses a credential presented by someone else, in either envelope', async () => {
    const { deps, envelopes } = await setUp();
    for (const envelope of Object.values(envelopes)) {
      const result = await verifyCredential(envelope, deps, { holder: 'did:key:z6MkSomeoneElse' });
      expect(result.checks).toContainEqual(
        expect.objectContaining({ id: 'holder_binding', status: 'fail', code: 'ERR_HOLDER_MISMATCH' }),
      );
    }
  });

  it('reads another issuer\u2019s Open Badge as a badge, counting when its issuer is trusted', async () => {
    const { deps, key } = await setUp();
    const badge = JSON.parse(readFileSync(join(testDataDir('vectors'), 'ob3-example-basic.json'), 'utf8'));
    badge.issuer = { ...badge.issuer, id: ISSUER };
    badge.credentialSubject.id = HOLDER;
    delete badge.proof;
    delete badge.credentialStatus;
    const secured = await createDataIntegrityProof(
      badge,
      { verificationMethod: `${ISSUER}#key-1`, proofPurpose: 'assertionMethod', created: CREATED },
      key.sign,
    );
    const result = await verifyCredential({ format: 'ldp_vc', credential: secured }, deps, {
      holder: HOLDER,
    });
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result.badge?.achievement.name).toBe(badge.credentialSubject.achievement.name);
    expect(result.type).toBeUndefined();
    expect(summary(result.checks)).toContain('issuer_trust:pass');
    expect(summary(result.checks)).not.toContain('issuer_accreditation:pass');
  });
});
