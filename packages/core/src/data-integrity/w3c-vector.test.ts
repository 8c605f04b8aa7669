// The eddsa-rdfc-2022 test vector of W3C "Data Integrity EdDSA Cryptosuites v1.0" (the test
// vectors appendix, "Representation: eddsa-rdfc-2022"), vendored in testdata/vectors/w3c-vc-di-eddsa (SOURCES.md):
// every intermediate value of the spec's example, and its signature, byte for byte.
import { describe, expect, it } from '@jest/globals';
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testDataDir } from '../test-support/test-data.js';
import { decodeBase58btc } from '../verification/bytes.js';
import { didKeyDocument } from '../verification/did-key.js';
import { webCryptoEd25519Verify } from '../verification/ed25519.js';
import { eddsaRdfc2022HashData, proofConfiguration } from './hash-data.js';
import { canonicalize, createDataIntegrityProof, verifyDataIntegrityProof } from './index.js';

const dir = testDataDir('vectors', 'w3c-vc-di-eddsa');
const text = (file: string) => readFileSync(join(dir, file), 'utf8');
const json = (file: string) => JSON.parse(text(file)) as Record<string, any>;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// The vector's credential names the VC examples context; it is handed over, never fetched.
const extraDocuments = new Map([
  ['https://www.w3.org/ns/credentials/examples/v2', json('credentials-examples-v2.jsonld')],
]);
const unsigned = json('unsigned.json');
const signed = json('signedDataInt.json');
const { proofValue: _proofValue, ...proofOptions } = signed.proof as Record<string, unknown>;
const keyPair = json('keyPair.json') as { publicKeyMultibase: string; privateKeyMultibase: string };
const did = `did:key:${keyPair.publicKeyMultibase}`;

/** The vector's secret key: multibase of the multicodec ed25519-priv (0x1300) and the 32-byte seed. */
function vectorSigner(): (data: Uint8Array) => Promise<Uint8Array> {
  const decoded = decodeBase58btc(keyPair.privateKeyMultibase.slice(1))!;
  expect([...decoded.slice(0, 2)]).toEqual([0x80, 0x26]);
  const pkcs8 = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), decoded.slice(2)]);
  const key = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
  return (data) => Promise.resolve(new Uint8Array(nodeSign(null, data, key)));
}

const verifyOptions = {
  expectedProofPurpose: 'assertionMethod' as const,
  expectedController: did,
  resolveDid: (d: string) => Promise.resolve(didKeyDocument(d)),
  verifySignature: webCryptoEd25519Verify,
  now: () => Date.parse('2025-01-01T00:00:00Z'),
  canonicalization: { extraDocuments },
};

describe('W3C vc-di-eddsa test vector (eddsa-rdfc-2022)', () => {
  it('canonicalizes the credential to the canonical document of the vector', async () => {
    expect(await canonicalize(unsigned, { extraDocuments })).toEqual({
      ok: true,
      nquads: text('canonDocDataInt.txt'),
    });
  });

  it('builds the proof configuration, its canonical form and both hashes of the vector', async () => {
    expect(proofConfiguration(unsigned, proofOptions)).toEqual(json('proofConfigDataInt.json'));
    const hashed = await eddsaRdfc2022HashData(unsigned, proofOptions, { extraDocuments });
    if (!hashed.ok) throw new Error(hashed.reason);
    expect(hashed.canonicalProofConfig).toBe(text('proofCanonDataInt.txt'));
    expect(hex(hashed.hashData.slice(0, 32))).toBe(text('proofHashDataInt.txt'));
    expect(hex(hashed.hashData.slice(32))).toBe(text('docHashDataInt.txt'));
    expect(hex(hashed.hashData)).toBe(text('combinedHashDataInt.txt'));
  });

  it("signs to the vector's proofValue with its key (Ed25519 is deterministic)", async () => {
    const secured = await createDataIntegrityProof(
      unsigned,
      {
        verificationMethod: proofOptions.verificationMethod as string,
        proofPurpose: 'assertionMethod',
        created: proofOptions.created as string,
        canonicalization: { extraDocuments },
      },
      vectorSigner(),
    );
    expect(secured).toEqual(signed);
    expect(hex(decodeBase58btc(secured.proof.proofValue.slice(1))!)).toBe(text('sigHexDataInt.txt'));
    expect(secured.proof.proofValue).toBe(text('sigBTC58DataInt.txt'));
  });

  it('verifies the signed credential of the vector', async () => {
    expect(await verifyDataIntegrityProof(signed, verifyOptions)).toEqual({
      ok: true,
      verificationMethod: proofOptions.verificationMethod,
      created: '2023-02-24T23:36:38Z',
    });
  });

  it('[JSON-LD and Data Integrity] refuses the signed credential of the vector with its subject changed', async () => {
    const altered = structuredClone(signed);
    altered.credentialSubject.alumniOf = 'The School of Samples';
    expect(await verifyDataIntegrityProof(altered, verifyOptions)).toMatchObject({
      ok: false,
      code: 'ERR_SIGNATURE_INVALID',
    });
  });
});
