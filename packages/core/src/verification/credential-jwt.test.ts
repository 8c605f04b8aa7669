import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EdDSASigner } from 'did-jwt';
import { createVerifiableCredentialJwt } from 'did-jwt-vc';
import { VC_V1_CONTEXT, VC_V2_CONTEXT } from '../credential-types.js';
import { repoRoot } from '../test-support/test-data.js';
import { toVcdm11 } from '../vcdm11.js';
import { validateCredential } from '../validation/validate-credential.js';
import { parseCompactJws } from './compact-jws.js';
import { normalizeCredentialJwt } from './credential-jwt.js';
import { didKeyFromPublicKey } from './did-key.js';
import { testKeyPair } from './test-support/jws-fixtures.js';
import { validityWindow } from './validity-window.js';

function example(path: string): Record<string, any> {
  return JSON.parse(readFileSync(join(repoRoot, 'schemas/examples', path), 'utf8'));
}

const issuerDid = 'did:web:localhost%3A3001:orgs:evc-zorg-nl';

/** Signs a credential the way Veramo 7 does (did-jwt-vc), so normalisation meets the real shape. */
async function veramoShaped(credential: Record<string, any>): Promise<string> {
  const keys = testKeyPair();
  const seed = new Uint8Array(Buffer.from(keys.privateKey.export({ format: 'jwk' }).d!, 'base64url'));
  return createVerifiableCredentialJwt(credential as any, {
    did: credential.issuer.id,
    signer: EdDSASigner(seed),
    alg: 'EdDSA',
  });
}

describe('normalizeCredentialJwt', () => {
  it('turns a did-jwt-vc credential JWT (VC 1.1) back into the same VC 2.0 document, which validates', async () => {
    const holder = didKeyFromPublicKey(testKeyPair().raw);
    const doc = example('evc-credential/zorghulp-ok.json');
    doc.credentialSubject.id = holder;
    doc.validFrom = '2026-10-14T08:00:00Z';
    doc.validUntil = '2031-10-14T08:00:00Z';
    doc.credentialStatus = {
      id: 'http://localhost:3001/status/evc-zorg-nl/1#7',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '7',
      statusListCredential: 'http://localhost:3001/status/evc-zorg-nl/1',
    };
    // jwt_vc_json carries the VC Data Model 1.1 rendering; it is read back as the 2.0 document.
    const jwt = await veramoShaped(toVcdm11(doc));
    const parsed = parseCompactJws(jwt);
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.jws.payload.iss).toBe(issuerDid);
    const normalized = normalizeCredentialJwt(parsed.jws.payload);
    if (!normalized.ok) throw new Error(normalized.reason);
    expect(normalized.value.credential).toEqual(doc);
    expect(normalized.value.subject).toBe(holder);
    expect(validateCredential(normalized.value.credential).valid).toBe(true);
  });

  it("keeps the document's own date-times when nbf / exp name the same instant, and fills them in from nbf / exp otherwise", () => {
    const vc = {
      '@context': [VC_V2_CONTEXT],
      type: ['VerifiableCredential'],
      validFrom: '2026-12-07T03:40:12.345Z',
      validUntil: '2031-12-07T04:40:12+01:00',
      credentialSubject: {},
    };
    const payload = { iss: issuerDid, nbf: 1_796_614_812, exp: 1_954_381_212 };
    const kept = normalizeCredentialJwt({ ...payload, vc });
    if (!kept.ok) throw new Error(kept.reason);
    expect(kept.value.credential.validFrom).toBe('2026-12-07T03:40:12.345Z');
    expect(kept.value.credential.validUntil).toBe('2031-12-07T04:40:12+01:00');
    const { validFrom: _from, validUntil: _until, ...bare } = vc;
    const filled = normalizeCredentialJwt({ ...payload, vc: bare });
    if (!filled.ok) throw new Error(filled.reason);
    expect(filled.value.credential.validFrom).toBe('2026-12-07T03:40:12Z');
    expect(filled.value.credential.validUntil).toBe('2031-12-07T03:40:12Z');
  });

  const base = {
    iss: issuerDid,
    sub: 'did:key:z6Mkx',
    nbf: 1_700_000_000,
    jti: 'urn:uuid:1',
    vc: { '@context': [VC_V1_CONTEXT], type: ['VerifiableCredential'], credentialSubject: { a: 1 } },
  };
  it.each([
    ['no vc claim', { ...base, vc: undefined }, 'ERR_CREDENTIAL_JWT_INVALID'],
    ['iss not a DID', { ...base, iss: 'https://x' }, 'ERR_CREDENTIAL_JWT_INVALID'],
    [
      'issuer id differs from iss',
      { ...base, issuer: { id: 'did:web:evil.example', name: 'Evil' } },
      'ERR_ISSUER_MISMATCH',
    ],
    [
      'vc.issuer differs from iss',
      { ...base, vc: { ...base.vc, issuer: 'did:web:evil.example' } },
      'ERR_ISSUER_MISMATCH',
    ],
    [
      'jti differs from vc.id',
      { ...base, vc: { ...base.vc, id: 'urn:uuid:2' } },
      'ERR_CREDENTIAL_JWT_INVALID',
    ],
    [
      'sub differs from the subject id',
      { ...base, vc: { ...base.vc, credentialSubject: { id: 'did:key:z6Mky' } } },
      'ERR_CREDENTIAL_JWT_INVALID',
    ],
    ['nbf not a number', { ...base, nbf: '2024-01-01' }, 'ERR_CREDENTIAL_JWT_INVALID'],
    [
      'nbf differs from issuanceDate',
      { ...base, vc: { ...base.vc, issuanceDate: '2020-01-01T00:00:00Z' } },
      'ERR_CREDENTIAL_JWT_INVALID',
    ],
    [
      'nbf differs from validFrom (a VC 2.0 vc)',
      { ...base, vc: { ...base.vc, '@context': [VC_V2_CONTEXT], validFrom: '2020-01-01T00:00:00Z' } },
      'ERR_CREDENTIAL_JWT_INVALID',
    ],
    ['exp negative', { ...base, exp: -5 }, 'ERR_CREDENTIAL_JWT_INVALID'],
  ])('[JOSE attacks] refuses %s', (_name, payload, code) => {
    const result = normalizeCredentialJwt(payload);
    expect(result).toMatchObject({ ok: false, code });
  });
});

describe('validityWindow', () => {
  const nbf = 1_000_000;
  const exp = 2_000_000;
  it.each([
    [nbf - 61, 'not_yet_valid'],
    [nbf - 60, 'valid'],
    [exp + 59, 'valid'],
    [exp + 60, 'expired'],
  ] as const)('[dates] at %d is %s (60 s skew)', (now, verdict) => {
    expect(validityWindow({ now, notBefore: nbf, expires: exp, skewSeconds: 60 })).toBe(verdict);
  });
});

describe('validityWindow property', () => {
  it('[property tests] the time-window verdict equals the simple model: valid iff nbf - skew <= now < exp + skew', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: undefined }),
        fc.integer({ min: 0, max: 600 }),
        (now, notBefore, expires, skewSeconds) => {
          const verdict = validityWindow({
            now,
            skewSeconds,
            ...(notBefore === undefined ? {} : { notBefore }),
            ...(expires === undefined ? {} : { expires }),
          });
          const early = notBefore !== undefined && now < notBefore - skewSeconds;
          const late = expires !== undefined && now >= expires + skewSeconds;
          expect(verdict).toBe(early ? 'not_yet_valid' : late ? 'expired' : 'valid');
        },
      ),
    );
  });
});
