// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the ambient types of the @digitalbazaar modules must travel with this file when tests compile the issuer from source
/// <reference path="../../../../types/digitalbazaar.d.ts" />
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contextOriginOf, staticDocumentLoader } from '@skills-passport/core';
import type { KeySigner } from './veramo-agent.js';

/** Secures a credential document with a Data Integrity proof (`ldp_vc`) by one of an organisation's keys. */
export interface DataIntegritySigner {
  sign(
    document: Record<string, unknown>,
    proof: {
      /** The Multikey verification method in the issuer's DID document. */
      verificationMethod: string;
      /** The key manager's id of its private key. */
      keyRef: string;
      created: Date;
    },
  ): Promise<Record<string, unknown>>;
}

/**
 * Data Integrity proofs with cryptosuite `eddsa-rdfc-2022`, made by the libraries written for them
 * (`@digitalbazaar/vc`, `data-integrity`, `eddsa-rdfc-2022-cryptosuite`); the signature itself
 * comes from the Veramo key manager, so the key never leaves it. JSON-LD contexts come from our
 * static map only. The proof is returned as an array of one: 1EdTech's Open Badges schema wants an
 * array, and wrapping it leaves the signature valid.
 */
export function dataIntegritySigner(signBytes: KeySigner): DataIntegritySigner {
  return {
    async sign(document, { verificationMethod, keyRef, created }) {
      const issuerDid = verificationMethod.split('#')[0]!;
      const suite = new DataIntegrityProof({
        cryptosuite: eddsaRdfc2022,
        date: created,
        signer: {
          id: verificationMethod,
          algorithm: 'Ed25519',
          async sign({ data }) {
            const hex = Buffer.from(data).toString('hex');
            return Buffer.from(await signBytes(keyRef, hex, 'EdDSA', 'base16'), 'base64url');
          },
        },
      });
      const documentLoader = staticDocumentLoader({ issuerOrigin: contextOriginOf(issuerDid) });
      // The libraries add `proof` to the object they are given; they get a copy.
      const secured = (await vc.issue({
        credential: structuredClone(document),
        suite,
        documentLoader,
        now: created,
      })) as Record<string, unknown>;
      return { ...secured, proof: [secured.proof] };
    },
  };
}
