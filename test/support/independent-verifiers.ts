// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ambient types of the @digitalbazaar modules
/// <reference path="../../types/digitalbazaar.d.ts" />
import { jest } from '@jest/globals';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { checkStatus } from '@digitalbazaar/vc-bitstring-status-list';
import { localDocumentLoader } from '@skills-passport/issuer/testing';

// Code we did not write, verifying our Data Integrity credentials: @digitalbazaar/vc with its
// Bitstring Status List check, and the DCC's verifier-core (the Learner Credential Wallet's and
// VerifierPlus's verifier, with its own jsonld fork and document loader).
//
// The one shim: our issuer runs on http://localhost, and did:web resolvers (verifier-core's among
// them) fetch https only, so while verifier-core runs, the global fetch sends https://<the
// issuer's host> to http; any other host (1EdTech's schema URL, DID registries) answers 404 — no
// other host can run here.

/** @digitalbazaar/vc's verdict on a Data Integrity credential, its status list checked. */
export function digitalBazaarVerify(credential: Record<string, unknown>) {
  const issuerDid = (credential.issuer as { id: string }).id;
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: localDocumentLoader(issuerDid),
    checkStatus,
  });
}

/** Runs `work` with the global fetch sending https to `localHost` over http, every other host 404. */
export async function withLocalHttps<T>(localHost: string, work: () => Promise<T>): Promise<T> {
  const realFetch = globalThis.fetch;
  globalThis.fetch = ((input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (url.host === localHost) {
      url.protocol = 'http:';
      return realFetch(url, init);
    }
    return Promise.resolve(new Response('not on this machine', { status: 404 }));
  }) as typeof fetch;
  try {
    return await work();
  } finally {
    globalThis.fetch = realFetch;
  }
}

/** verifier-core's checks of a credential by id (`valid_signature`, `revocation_status`, …) and its errors. */
export async function verifierCoreChecks(
  credential: Record<string, unknown>,
  issuerUrl: string,
): Promise<{ errors?: unknown; checks: Record<string, boolean> }> {
  const { verifyCredential } = await import('@digitalcredentials/verifier-core');
  // It prints its failed fetch of 1EdTech's schema URL (another host) to the console; kept quiet.
  const quiet = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    const result = (await withLocalHttps(new URL(issuerUrl).host, () =>
      verifyCredential({ credential: credential as never, knownDIDRegistries: [] }),
    )) as { errors?: unknown; log?: { id: string; valid: boolean }[] };
    return {
      ...(result.errors === undefined ? {} : { errors: result.errors }),
      checks: Object.fromEntries((result.log ?? []).map((entry) => [entry.id, entry.valid])),
    };
  } finally {
    quiet.mockRestore();
  }
}
