// Interoperability with code we did not write, both ways: Digital Bazaar's @digitalbazaar/vc
// (with @digitalbazaar/data-integrity and the eddsa-rdfc-2022 cryptosuite) issues credentials
// that we verify, and verifies presentations that we sign. DID documents are handed to both
// sides (their document loader, our resolver); nothing goes over the network.
import { describe, expect, it } from '@jest/globals';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { contextOriginOf } from '../jsonld/contexts.js';
import { staticDocumentLoader } from '../jsonld/document-loader.js';
import { didKeyDocument } from '../verification/did-key.js';
import { webCryptoEd25519Verify } from '../verification/ed25519.js';
import { createDataIntegrityProof, verifyDataIntegrityProof } from './index.js';
import {
  CREATED,
  NOW,
  OB3_EXAMPLES,
  didKeyOf,
  didWebDocument,
  issuerOf,
  readExample,
  readVector,
  resolverOf,
  schemaExamples,
  setIssuer,
  testKey,
} from './test-support/fixtures.js';

const CHALLENGE = 'c0ffee-7d1e-4b7a-9d5e-challenge';
const DOMAIN = 'https://verifier.example.nl';

/** Their document loader: the same static contexts as ours, and the DID documents we publish. */
function theirLoader(didDocuments: Map<string, Record<string, any>>, issuerDid: string) {
  const contexts = staticDocumentLoader({ issuerOrigin: contextOriginOf(issuerDid) });
  return async (url: string) => {
    const did = url.split('#')[0]!;
    const document = didDocuments.get(did);
    if (document === undefined) return contexts(url);
    if (!url.includes('#')) return { contextUrl: null, documentUrl: url, document };
    const method = (document.verificationMethod as Record<string, any>[]).find((m) => m.id === url);
    if (method === undefined) throw new Error(`no verification method ${url}`);
    return {
      contextUrl: null,
      documentUrl: url,
      document: { '@context': 'https://w3id.org/security/multikey/v1', ...method },
    };
  };
}

/** An issuer of theirs: a generated Multikey published under the given did:web, or as a did:key. */
async function theirIssuer(webDid?: string) {
  const key = await Ed25519Multikey.generate();
  const did = webDid ?? `did:key:${key.publicKeyMultibase}`;
  const id = webDid === undefined ? `${did}#${key.publicKeyMultibase}` : `${did}#key-1`;
  // The signer's id is what their DataIntegrityProof writes as the proof's verificationMethod.
  const signer = { ...key.signer(), id };
  const document = {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [
      { id, type: 'Multikey', controller: did, publicKeyMultibase: key.publicKeyMultibase },
    ],
    assertionMethod: [id],
    authentication: [id],
  };
  return { did, id, document, signer };
}

async function theyIssue(credential: Record<string, any>, webDid?: string) {
  const issuer = await theirIssuer(webDid);
  setIssuer(credential, issuer.did);
  const suite = new DataIntegrityProof({ signer: issuer.signer, cryptosuite, date: CREATED });
  const documentLoader = theirLoader(new Map([[issuer.did, issuer.document]]), issuer.did);
  const issued = await vc.issue({ credential, suite, documentLoader, now: new Date(NOW) });
  return { issued: issued as Record<string, any>, issuer };
}

const ourOptions = (did: string, document: unknown) => ({
  expectedProofPurpose: 'assertionMethod' as const,
  expectedController: did,
  resolveDid: resolverOf({ [did]: document }),
  verifySignature: webCryptoEd25519Verify,
  now: () => NOW,
});

describe('credentials issued by @digitalbazaar/vc verify with ours', () => {
  it.each(schemaExamples('-ok.json'))('%s, issuer a did:web publishing a Multikey', async (file) => {
    const credential = readExample(file);
    const { issued, issuer } = await theyIssue(credential, issuerOf(credential));
    expect(issued.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(await verifyDataIntegrityProof(issued, ourOptions(issuer.did, issuer.document))).toEqual({
      ok: true,
      verificationMethod: issuer.id,
      created: CREATED,
    });
    // 1EdTech's schema wants `proof` as an array: wrapping it keeps the signature valid.
    const wrapped = { ...issued, proof: [issued.proof] };
    expect((await verifyDataIntegrityProof(wrapped, ourOptions(issuer.did, issuer.document))).ok).toBe(true);
  });

  it.each(OB3_EXAMPLES)('Open Badges example %s, issuer a did:key', async (file) => {
    const { issued, issuer } = await theyIssue(readVector(file));
    // Our side derives the did:key document itself (Ed25519VerificationKey2020, the same key id).
    const options = {
      ...ourOptions(issuer.did, undefined),
      resolveDid: (did: string) => Promise.resolve(didKeyDocument(did)),
    };
    expect(await verifyDataIntegrityProof(issued, options)).toEqual({
      ok: true,
      verificationMethod: issuer.id,
      created: CREATED,
    });
  });
});

describe('presentations we sign verify with @digitalbazaar/vc', () => {
  async function signedPresentation() {
    const evc = await theyIssue(
      readExample('evc-credential/zorghulp-ok.json'),
      'did:web:localhost%3A3001:orgs:evc-zorg-nl',
    );
    const badge = await theyIssue(readVector('ob3-example-basic.json'));
    const holderKey = testKey();
    const holder = didKeyOf(holderKey);
    const presentation = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: holder.did,
      verifiableCredential: [evc.issued, badge.issued],
    };
    const signed = await createDataIntegrityProof(
      presentation,
      {
        verificationMethod: holder.keyId,
        proofPurpose: 'authentication',
        created: CREATED,
        challenge: CHALLENGE,
        domain: DOMAIN,
      },
      holderKey.sign,
    );
    const documentLoader = theirLoader(
      new Map([
        [evc.issuer.did, evc.issuer.document],
        [badge.issuer.did, badge.issuer.document],
        // Their side reads the holder's key as a Multikey; ours derives the did:key document.
        [holder.did, didWebDocument(holder.did, holderKey, holder.keyId)],
      ]),
      evc.issuer.did,
    );
    return { signed, holder, documentLoader };
  }

  const theirVerify = (
    presentation: unknown,
    documentLoader: unknown,
    challenge = CHALLENGE,
    domain = DOMAIN,
  ) =>
    vc.verify({
      presentation,
      challenge,
      domain,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader,
      // The credentials carry status entries; their lists are not what this test is about.
      checkStatus: () => Promise.resolve({ verified: true }),
      now: new Date(NOW),
    });

  it('a presentation of two credentials, signed for authentication with challenge and domain', async () => {
    const { signed, holder, documentLoader } = await signedPresentation();
    expect(signed.proof).toMatchObject({
      proofPurpose: 'authentication',
      challenge: CHALLENGE,
      domain: DOMAIN,
    });
    const result = await theirVerify(signed, documentLoader);
    expect(result.error).toBeUndefined();
    expect(result.presentationResult.verified).toBe(true);
    expect(result.credentialResults.map((r: { verified: boolean }) => r.verified)).toEqual([true, true]);
    expect(result.verified).toBe(true);

    // And ours agrees, with the proof as an array of one as well.
    const options = {
      expectedProofPurpose: 'authentication' as const,
      expectedController: holder.did,
      resolveDid: (did: string) => Promise.resolve(didKeyDocument(did)),
      verifySignature: webCryptoEd25519Verify,
      now: () => NOW,
      challenge: CHALLENGE,
      domain: DOMAIN,
    };
    expect(await verifyDataIntegrityProof(signed, options)).toMatchObject({
      ok: true,
      verificationMethod: holder.keyId,
    });
    expect((await verifyDataIntegrityProof({ ...signed, proof: [signed.proof] }, options)).ok).toBe(true);
  });

  it('[JSON-LD and Data Integrity] is refused by their verifier for another challenge, another domain, or an altered credential', async () => {
    const { signed, documentLoader } = await signedPresentation();
    expect((await theirVerify(signed, documentLoader, 'another-challenge')).verified).toBe(false);
    expect((await theirVerify(signed, documentLoader, CHALLENGE, 'https://other.example')).verified).toBe(
      false,
    );
    const altered = structuredClone(signed);
    altered.verifiableCredential[1]!.name = 'Leadership Badge';
    const result = await theirVerify(altered, documentLoader);
    expect(result.verified).toBe(false);
    expect(result.presentationResult.verified).toBe(false);
  });
});
