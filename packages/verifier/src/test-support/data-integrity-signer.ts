// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of the @digitalbazaar modules
/// <reference path="../../../../types/digitalbazaar.d.ts" />
// Data Integrity (eddsa-rdfc-2022) signing for the verifier's tests, by the @digitalbazaar
// libraries — code we did not write — with keys from node:crypto. JSON-LD contexts come from the
// static map (nothing is fetched); the stand-in issuer's did:web is on loopback.
import { sign as nodeSign, type KeyObject } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { staticDocumentLoader } from '@skills-passport/core';

function suiteFor(verificationMethod: string, key: KeyObject, created: Date) {
  return new DataIntegrityProof({
    cryptosuite,
    date: created,
    signer: {
      id: verificationMethod,
      algorithm: 'Ed25519',
      sign: ({ data }) => Promise.resolve(new Uint8Array(nodeSign(null, data, key))),
    },
  });
}

const loaderFor = (origin: string) => staticDocumentLoader({ issuerOrigin: origin });

/** A credential secured with a Data Integrity proof, `proof` an array of one (as 1EdTech's schema wants). */
export async function secureCredential(
  document: Record<string, unknown>,
  options: { verificationMethod: string; key: KeyObject; created: Date; contextOrigin: string },
): Promise<Record<string, unknown>> {
  const secured = await vc.issue({
    credential: structuredClone(document),
    suite: suiteFor(options.verificationMethod, options.key, options.created),
    documentLoader: loaderFor(options.contextOrigin),
    now: options.created,
  });
  return { ...secured, proof: [secured.proof] };
}

/** An `ldp_vp`: a VC 2.0 presentation with the holder's Data Integrity proof (authentication). */
export async function securePresentation(
  presentation: Record<string, unknown>,
  options: {
    verificationMethod: string;
    key: KeyObject;
    created: Date;
    challenge: string;
    domain: string;
    contextOrigin: string;
  },
): Promise<Record<string, unknown>> {
  return vc.signPresentation({
    presentation: structuredClone(presentation),
    suite: suiteFor(options.verificationMethod, options.key, options.created),
    documentLoader: loaderFor(options.contextOrigin),
    challenge: options.challenge,
    domain: options.domain,
  });
}
