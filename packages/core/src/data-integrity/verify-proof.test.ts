import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isSkillsPassportError } from '../errors.js';
import { encodeBase58btc } from '../verification/bytes.js';
import { didKeyDocument } from '../verification/did-key.js';
import { webCryptoEd25519Verify } from '../verification/ed25519.js';
import {
  createDataIntegrityProof,
  verifyDataIntegrityProof,
  type CreateDataIntegrityProofOptions,
  type VerifyDataIntegrityProofOptions,
} from './index.js';
import {
  CREATED,
  NOW,
  didKeyOf,
  didWebDocument,
  readExample,
  readVector,
  resolverOf,
  testKey,
  type TestKey,
} from './test-support/fixtures.js';

const ISSUER = 'did:web:localhost%3A3001:orgs:evc-zorg-nl';
const KEY_1 = `${ISSUER}#key-1`;
const CHALLENGE = '4f1c2b7e-nonce';
const DOMAIN = 'https://verifier.example.nl';

const issuerKey = testKey();
const issuerDocument = didWebDocument(ISSUER, issuerKey);

function sign(
  document: Record<string, any>,
  key: TestKey = issuerKey,
  options: Partial<CreateDataIntegrityProofOptions> = {},
): Promise<Record<string, any>> {
  return createDataIntegrityProof(
    document,
    { verificationMethod: KEY_1, proofPurpose: 'assertionMethod', created: CREATED, ...options },
    key.sign,
  );
}

function options(overrides: Partial<VerifyDataIntegrityProofOptions> = {}): VerifyDataIntegrityProofOptions {
  return {
    expectedProofPurpose: 'assertionMethod',
    expectedController: ISSUER,
    resolveDid: resolverOf({ [ISSUER]: issuerDocument }),
    verifySignature: webCryptoEd25519Verify,
    now: () => NOW,
    ...overrides,
  };
}

const credential = () => readExample('evc-credential/zorghulp-ok.json');
const signedCredential = await sign(credential());
const signed = () => structuredClone(signedCredential);

const presentation = () => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiablePresentation'],
  holder: ISSUER,
  verifiableCredential: [signed()],
});
const signedPresentation = await sign(presentation(), issuerKey, {
  proofPurpose: 'authentication',
  challenge: CHALLENGE,
  domain: DOMAIN,
});
const presentationOptions = (overrides: Partial<VerifyDataIntegrityProofOptions> = {}) =>
  options({ expectedProofPurpose: 'authentication', challenge: CHALLENGE, domain: DOMAIN, ...overrides });

describe('verifyDataIntegrityProof', () => {
  it('verifies a credential we signed, naming the key and when it signed', async () => {
    expect(await verifyDataIntegrityProof(signed(), options())).toEqual({
      ok: true,
      verificationMethod: KEY_1,
      created: CREATED,
    });
  });

  it('verifies with the proof as an array of one (as 1EdTech wants it), leaving the input unchanged', async () => {
    const wrapped = { ...signed(), proof: [signed().proof] };
    const before = structuredClone(wrapped);
    expect((await verifyDataIntegrityProof(wrapped, options())).ok).toBe(true);
    expect(wrapped).toEqual(before);
  });

  it('verifies with a did:key issuer, whose document core derives (Ed25519VerificationKey2020)', async () => {
    const key = testKey();
    const { did, keyId } = didKeyOf(key);
    const document = readVector('ob3-example-basic.json');
    document.issuer.id = did;
    const secured = await sign(document, key, { verificationMethod: keyId });
    const result = await verifyDataIntegrityProof(
      secured,
      options({ expectedController: did, resolveDid: (d) => Promise.resolve(didKeyDocument(d)) }),
    );
    expect(result).toEqual({ ok: true, verificationMethod: keyId, created: CREATED });
  });

  it('accepts a proof created in the future within the clock skew', async () => {
    const secured = await sign(credential(), issuerKey, { created: '2026-12-01T12:00:45Z' });
    expect((await verifyDataIntegrityProof(secured, options())).ok).toBe(true);
  });

  it('verifies a presentation with its challenge and domain (a domain list of that one string too)', async () => {
    expect((await verifyDataIntegrityProof(signedPresentation, presentationOptions())).ok).toBe(true);
    // JSON-LD signs a set: the domain as a list of one is the same statement.
    const listed = structuredClone(signedPresentation);
    listed.proof.domain = [DOMAIN];
    expect((await verifyDataIntegrityProof(listed, presentationOptions())).ok).toBe(true);
  });

  it('signs what JSON-LD means: the members of a set reordered are the same statements', async () => {
    // Open Badges declares rubricCriterionLevel a set: its order is not signed, so nothing may
    // read meaning into it (a level's rank must come from the scale, not from list position).
    const reordered = signed();
    reordered.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel.reverse();
    reordered.evidence.reverse();
    expect((await verifyDataIntegrityProof(reordered, options())).ok).toBe(true);
  });

  it('never throws: a port that throws is ERR_INTERNAL', async () => {
    const throwing = options({ resolveDid: () => Promise.reject(new Error('boom')) });
    expect(await verifyDataIntegrityProof(signed(), throwing)).toMatchObject({
      ok: false,
      code: 'ERR_INTERNAL',
    });
    const verifyThrows = options({ verifySignature: () => Promise.reject(new Error('boom')) });
    expect(await verifyDataIntegrityProof(signed(), verifyThrows)).toMatchObject({
      ok: false,
      code: 'ERR_INTERNAL',
    });
  });
});

interface Row {
  name: string;
  code: string;
  make: () => Promise<{ secured: unknown; options?: VerifyDataIntegrityProofOptions }>;
}

/** The signed credential with one change made after signing. */
const tampered = (change: (d: Record<string, any>) => void) => () => {
  const d = signed();
  change(d);
  return Promise.resolve({ secured: d });
};
/** The signed credential with its proof changed after signing. */
const proofChanged = (change: (p: Record<string, any>) => void) => tampered((d) => change(d.proof));

/** A DID document with key-1 replaced by `method` (id and controller filled in). */
const issuerDocumentWith = (method: Record<string, unknown>) => ({
  ...issuerDocument,
  verificationMethod: [{ id: KEY_1, controller: ISSUER, ...method }],
});

const otherKey = testKey();

describe('[JSON-LD and Data Integrity] verifyDataIntegrityProof refuses', () => {
  const rows: Row[] = [
    // how many proofs
    { name: 'a document without a proof', code: 'ERR_PROOF_MISSING', make: tampered((d) => delete d.proof) },
    { name: 'an empty proof list', code: 'ERR_PROOF_MISSING', make: tampered((d) => (d.proof = [])) },
    { name: 'two proofs', code: 'ERR_PROOF_MULTIPLE', make: tampered((d) => (d.proof = [d.proof, d.proof])) },
    {
      name: 'a proof that is not an object',
      code: 'ERR_PROOF_INVALID',
      make: tampered((d) => (d.proof = d.proof.proofValue)),
    },
    // type, cryptosuite, purpose
    {
      name: 'another proof type',
      code: 'ERR_PROOF_TYPE_UNSUPPORTED',
      make: proofChanged((p) => (p.type = 'Ed25519Signature2020')),
    },
    {
      name: 'the JCS cryptosuite',
      code: 'ERR_PROOF_TYPE_UNSUPPORTED',
      make: proofChanged((p) => (p.cryptosuite = 'eddsa-jcs-2022')),
    },
    {
      name: 'an ECDSA cryptosuite',
      code: 'ERR_PROOF_TYPE_UNSUPPORTED',
      make: proofChanged((p) => (p.cryptosuite = 'ecdsa-rdfc-2019')),
    },
    {
      name: 'a proof without cryptosuite',
      code: 'ERR_PROOF_TYPE_UNSUPPORTED',
      make: proofChanged((p) => delete p.cryptosuite),
    },
    {
      name: 'a credential proof made for authentication',
      code: 'ERR_PROOF_PURPOSE_MISMATCH',
      make: proofChanged((p) => (p.proofPurpose = 'authentication')),
    },
    {
      name: 'a proof without purpose',
      code: 'ERR_PROOF_PURPOSE_MISMATCH',
      make: proofChanged((p) => delete p.proofPurpose),
    },
    {
      name: 'a presentation proof made for assertionMethod',
      code: 'ERR_PROOF_PURPOSE_MISMATCH',
      make: () => Promise.resolve({ secured: signed(), options: presentationOptions() }),
    },
    // a proof configuration with extra members
    {
      name: 'a proof member Data Integrity does not define',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.foo = 'bar')),
    },
    {
      name: 'a proof with its own @context',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p['@context'] = ['https://w3id.org/security/data-integrity/v2'])),
    },
    {
      name: 'a proof chained to another (previousProof)',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.previousProof = 'urn:uuid:1')),
    },
    {
      name: 'a nonce added to the proof after signing',
      code: 'ERR_SIGNATURE_INVALID',
      make: proofChanged((p) => (p.nonce = 'abc')),
    },
    {
      name: 'an id added to the proof after signing',
      code: 'ERR_SIGNATURE_INVALID',
      make: proofChanged((p) => (p.id = 'urn:uuid:5e3f')),
    },
    // verificationMethod
    {
      name: 'a key of another DID, validly signed',
      code: 'ERR_ISSUER_MISMATCH',
      make: async () => {
        const other = 'did:web:attacker.example';
        const secured = await sign(credential(), otherKey, { verificationMethod: `${other}#key-1` });
        return {
          secured,
          options: options({ resolveDid: resolverOf({ [other]: didWebDocument(other, otherKey) }) }),
        };
      },
    },
    {
      name: 'a key listed for authentication only',
      code: 'ERR_KEY_NOT_FOUND',
      make: async () => {
        const document = structuredClone(issuerDocument);
        document.verificationMethod.push({
          id: `${ISSUER}#key-2`,
          type: 'Multikey',
          controller: ISSUER,
          publicKeyMultibase: otherKey.multibase,
        });
        document.authentication.push(`${ISSUER}#key-2`);
        const secured = await sign(credential(), otherKey, { verificationMethod: `${ISSUER}#key-2` });
        return { secured, options: options({ resolveDid: resolverOf({ [ISSUER]: document }) }) };
      },
    },
    {
      name: 'a key the DID document does not list',
      code: 'ERR_KEY_NOT_FOUND',
      make: proofChanged((p) => (p.verificationMethod = `${ISSUER}#key-9`)),
    },
    {
      name: 'a relative key id',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.verificationMethod = '#key-1')),
    },
    {
      name: 'a key id that is not a DID URL',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.verificationMethod = 'https://localhost:3001/keys/1')),
    },
    {
      name: 'a DID without a key fragment',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.verificationMethod = ISSUER)),
    },
    {
      name: 'a verification method given as an object',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.verificationMethod = { id: KEY_1 })),
    },
    {
      name: 'the key published as a JsonWebKey2020 (Ed25519 bytes, the wrong type for the cryptosuite)',
      code: 'ERR_KEY_NOT_FOUND',
      make: () => {
        const jwk = { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(issuerKey.publicKey).toString('base64url') };
        const document = issuerDocumentWith({ type: 'JsonWebKey2020', publicKeyJwk: jwk });
        return Promise.resolve({
          secured: signed(),
          options: options({ resolveDid: resolverOf({ [ISSUER]: document }) }),
        });
      },
    },
    {
      name: 'the key published as an Ed25519VerificationKey2018 (base58)',
      code: 'ERR_KEY_NOT_FOUND',
      make: () => {
        const document = issuerDocumentWith({
          type: 'Ed25519VerificationKey2018',
          publicKeyBase58: encodeBase58btc(issuerKey.publicKey),
        });
        return Promise.resolve({
          secured: signed(),
          options: options({ resolveDid: resolverOf({ [ISSUER]: document }) }),
        });
      },
    },
    {
      name: 'a Multikey that is not an Ed25519 key',
      code: 'ERR_KEY_NOT_FOUND',
      make: () => {
        // a P-256 public key in multibase (zDn…)
        const document = issuerDocumentWith({
          type: 'Multikey',
          publicKeyMultibase: 'zDnaerDaTF5BXEavCrfRZEk316dpbLsfPDZ3WJ5hRTPFU2169',
        });
        return Promise.resolve({
          secured: signed(),
          options: options({ resolveDid: resolverOf({ [ISSUER]: document }) }),
        });
      },
    },
    {
      name: 'a DID that does not resolve',
      code: 'ERR_DID_RESOLUTION_FAILED',
      make: () => Promise.resolve({ secured: signed(), options: options({ resolveDid: resolverOf({}) }) }),
    },
    {
      name: 'a DID document of another DID',
      code: 'ERR_DID_DOCUMENT_INVALID',
      make: () =>
        Promise.resolve({
          secured: signed(),
          options: options({
            resolveDid: resolverOf({ [ISSUER]: didWebDocument('did:web:attacker.example', issuerKey) }),
          }),
        }),
    },
    // dates
    {
      name: 'a proof created in the future, validly signed',
      code: 'ERR_PROOF_CREATED_IN_FUTURE',
      make: async () => ({
        secured: await sign(credential(), issuerKey, { created: '2026-12-01T13:00:00Z' }),
      }),
    },
    {
      name: 'a proof without created',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => delete p.created),
    },
    {
      name: 'a created date without a time',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.created = '2026-11-30')),
    },
    {
      name: 'a created date-time without a time zone',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.created = '2026-11-30T09:15:00')),
    },
    {
      name: 'a created date that does not exist',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.created = '2026-02-30T09:15:00Z')),
    },
    {
      name: 'an expired proof',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.expires = '2026-12-01T11:00:00Z')),
    },
    {
      name: 'an expires that is not a date-time',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.expires = 'never')),
    },
    // challenge and domain
    {
      name: 'a presentation for another challenge',
      code: 'ERR_PROOF_CHALLENGE_MISMATCH',
      make: () =>
        Promise.resolve({
          secured: signedPresentation,
          options: presentationOptions({ challenge: 'another' }),
        }),
    },
    {
      name: 'a presentation without the challenge asked for',
      code: 'ERR_PROOF_CHALLENGE_MISMATCH',
      make: async () => ({
        secured: await sign(presentation(), issuerKey, { proofPurpose: 'authentication', domain: DOMAIN }),
        options: presentationOptions(),
      }),
    },
    {
      name: 'a presentation for another domain',
      code: 'ERR_PROOF_DOMAIN_MISMATCH',
      make: () =>
        Promise.resolve({
          secured: signedPresentation,
          options: presentationOptions({ domain: 'https://other.example' }),
        }),
    },
    {
      name: 'a presentation without the domain asked for',
      code: 'ERR_PROOF_DOMAIN_MISMATCH',
      make: async () => ({
        secured: await sign(presentation(), issuerKey, {
          proofPurpose: 'authentication',
          challenge: CHALLENGE,
        }),
        options: presentationOptions(),
      }),
    },
    {
      name: 'a presentation whose domain list adds another domain',
      code: 'ERR_PROOF_DOMAIN_MISMATCH',
      make: () => {
        const secured = structuredClone(signedPresentation);
        secured.proof.domain = [DOMAIN, 'https://other.example'];
        return Promise.resolve({ secured, options: presentationOptions() });
      },
    },
    // proofValue
    {
      name: 'a proofValue in base64url',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged(
        (p) => (p.proofValue = `u${Buffer.from(new Uint8Array(64).fill(7)).toString('base64url')}`),
      ),
    },
    {
      name: 'a proofValue outside the base58 alphabet',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.proofValue = `${p.proofValue.slice(0, -1)}0`)),
    },
    {
      name: 'a proofValue of 63 bytes',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.proofValue = `z${encodeBase58btc(new Uint8Array(63).fill(9))}`)),
    },
    {
      name: 'a proofValue of 65 bytes',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.proofValue = `z${encodeBase58btc(new Uint8Array(65).fill(9))}`)),
    },
    {
      name: 'a proofValue that is not a string',
      code: 'ERR_PROOF_INVALID',
      make: proofChanged((p) => (p.proofValue = 42)),
    },
    // any change to what was signed
    {
      name: 'a subject value changed',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => (d.credentialSubject.result[1].value = 'not-achieved')),
    },
    {
      name: 'a level changed',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered(
        (d) =>
          (d.credentialSubject.result[1].achievedLevel = `${d.credentialSubject.result[1].achievedLevel.slice(0, -1)}4`),
      ),
    },
    {
      name: 'the validFrom date changed',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => (d.validFrom = '2026-10-13T10:00:00+02:00')),
    },
    {
      name: 'a validUntil added',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => (d.validUntil = '2036-10-14T10:00:00+02:00')),
    },
    {
      name: 'an added property that expands',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => (d.awardedDate = '2026-10-14T10:00:00+02:00')),
    },
    {
      name: 'a result removed',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => d.credentialSubject.result.pop()),
    },
    {
      name: 'an ordered list reordered (allowedValue is an @list)',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => d.credentialSubject.achievement.resultDescription[0].allowedValue.reverse()),
    },
    {
      name: 'the subject given to another holder',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered(
        (d) => (d.credentialSubject.id = 'did:key:z6MkpTHR8VNsBxYAAWHut2Geadd9jSwuBV8xRoAnwWsdvktH'),
      ),
    },
    {
      name: 'the issuer name changed',
      code: 'ERR_SIGNATURE_INVALID',
      make: tampered((d) => (d.issuer.name = 'EVC Centrum Zorg Nederland BV')),
    },
    {
      name: "the proof's created changed",
      code: 'ERR_SIGNATURE_INVALID',
      make: proofChanged((p) => (p.created = '2026-11-30T09:15:01Z')),
    },
    {
      name: "the proof's created rewritten in another time zone",
      code: 'ERR_SIGNATURE_INVALID',
      make: proofChanged((p) => (p.created = '2026-11-30T10:15:00+01:00')),
    },
    {
      name: 'a signature by another key under the issuer key id',
      code: 'ERR_SIGNATURE_INVALID',
      make: async () => {
        const forged = await sign(credential(), otherKey);
        return { secured: { ...signed(), proof: forged.proof } };
      },
    },
    {
      name: 'a presentation whose embedded credential was altered',
      code: 'ERR_SIGNATURE_INVALID',
      make: () => {
        const secured = structuredClone(signedPresentation);
        secured.verifiableCredential[0].credentialSubject.result[2].value = 'achieved';
        return Promise.resolve({ secured, options: presentationOptions() });
      },
    },
    // JSON-LD and bounds, reached through verification
    {
      name: 'a context outside the static map',
      code: 'ERR_JSONLD_CONTEXT_UNKNOWN',
      make: tampered((d) => d['@context'].push('https://attacker.example/ctx.json')),
    },
    {
      name: 'a context that redefines a protected term',
      code: 'ERR_JSONLD_INVALID',
      make: tampered((d) => d['@context'].push({ name: 'https://attacker.example/name' })),
    },
    {
      name: 'a property that does not expand',
      code: 'ERR_JSONLD_INVALID',
      make: tampered((d) => (d.credentialSubject.shoeSize = 44)),
    },
    {
      name: 'a poison graph of blank nodes',
      code: 'ERR_JSONLD_TOO_COMPLEX',
      make: tampered((d) => {
        const ids = Array.from({ length: 12 }, (_, i) => `_:b${i}`);
        d.credentialSubject['https://example.org/ns#knows'] = ids.map((id) => ({
          '@id': id,
          'https://example.org/ns#knows': ids.filter((o) => o !== id).map((o) => ({ '@id': o })),
        }));
      }),
    },
    {
      name: 'nesting built to make processing slow',
      code: 'ERR_INPUT_TOO_DEEP',
      make: tampered((d) => {
        let node: Record<string, any> = d.credentialSubject;
        for (let i = 0; i < 20; i += 1) node = node['https://example.org/ns#next'] = {};
      }),
    },
    {
      name: 'too many nodes',
      code: 'ERR_INPUT_TOO_LARGE',
      make: tampered(
        (d) => (d.evidence = Array.from({ length: 1500 }, (_, i) => ({ type: ['Evidence'], name: `e${i}` }))),
      ),
    },
    {
      name: 'a proof list built to be large',
      code: 'ERR_INPUT_TOO_LARGE',
      make: tampered((d) => (d.proof = Array.from({ length: 5000 }, () => d.proof))),
    },
    {
      name: 'a document that is not an object',
      code: 'ERR_NOT_AN_OBJECT',
      make: () => Promise.resolve({ secured: 'eyJhbGciOiJFZERTQSJ9' }),
    },
  ];

  it.each(rows)('refuses $name with $code', async ({ make, code }) => {
    const { secured, options: given } = await make();
    const result = await verifyDataIntegrityProof(secured, given ?? options());
    expect(result).toMatchObject({ ok: false, code });
  });
});

describe('createDataIntegrityProof', () => {
  it.each([
    ['a document that has a proof', signed(), {}],
    ['a relative key id', credential(), { verificationMethod: '#key-1' }],
    ['an unknown purpose', credential(), { proofPurpose: 'capabilityInvocation' }],
    ['created without a time zone', credential(), { created: '2026-11-30T09:15:00' }],
    ['an empty challenge', credential(), { challenge: '' }],
  ] as [string, Record<string, any>, Partial<CreateDataIntegrityProofOptions>][])(
    'throws TypeError for a caller mistake: %s',
    async (_name, document, given) => {
      await expect(sign(document, issuerKey, given)).rejects.toBeInstanceOf(TypeError);
    },
  );

  it('throws TypeError when the signer does not return a 64-byte signature', async () => {
    await expect(
      createDataIntegrityProof(
        credential(),
        { verificationMethod: KEY_1, proofPurpose: 'assertionMethod', created: CREATED },
        () => Promise.resolve(new Uint8Array(32)),
      ),
    ).rejects.toBeInstanceOf(TypeError);
  });

  it('throws a coded error for a document that is not sound JSON-LD', async () => {
    const document = { ...credential(), shoeSize: 44 };
    const error = await sign(document).catch((e: unknown) => e);
    expect(isSkillsPassportError(error, 'ERR_JSONLD_INVALID')).toBe(true);
  });

  it('writes the proof as an object, leaving the document it was given unchanged', async () => {
    const document = credential();
    const secured = await sign(document);
    expect(document).toEqual(credential());
    expect(Object.keys(secured.proof).sort()).toEqual([
      'created',
      'cryptosuite',
      'proofPurpose',
      'proofValue',
      'type',
      'verificationMethod',
    ]);
    expect(secured.proof.proofValue).toMatch(/^z[1-9A-HJ-NP-Za-km-z]{86,88}$/);
  });
});

/** Every path to a primitive value (string, number, boolean) in a JSON document. */
function leafPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, [...path, i]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, [...path, k]));
  return [path];
}

describe('[property tests] Data Integrity', () => {
  const paths = leafPaths(signedCredential);

  it('any single-value change to a signed credential (its proof included) fails verification', async () => {
    expect(paths.length).toBeGreaterThan(100);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null)),
        async (path, replacement) => {
          const document = signed();
          const parent = path.slice(0, -1).reduce<any>((node, key) => node[key], document);
          const key = path.at(-1)!;
          fc.pre(parent[key] !== replacement);
          parent[key] = replacement;
          const result = await verifyDataIntegrityProof(document, options());
          expect(result.ok).toBe(false);
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
