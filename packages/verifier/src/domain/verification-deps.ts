// The verification pipeline's dependencies as a Node service assembles them: DIDs resolved and
// status lists fetched through one guarded fetch, signatures checked with node:crypto. The verifier
// runs on them, and so do the issuer's intakes (over their own fetch and trusted issuers).
import type { TrustedIssuerLookup } from '@skills-passport/core';
import { nodeEd25519Verify, nodeP256Verify } from '@skills-passport/service-kit';
import type { GuardedFetch } from '../net/guarded-fetch.js';
import { createDidResolver } from './did-resolver.js';
import { createStatusListService } from './status-lists.js';
import type { VerificationDeps } from './verify-credential.js';

/** What differs between the services that verify: where documents come from, whom they trust, and their clock. */
export interface VerificationDepsOptions {
  fetch: GuardedFetch;
  /** Local development: did:web DIDs on localhost resolve over http. */
  allowInsecureLocalhost: boolean;
  trustedIssuers: TrustedIssuerLookup;
  /** Milliseconds since the epoch. */
  now: () => number;
  clockSkewSeconds: number;
  /** How long a resolved DID document is reused; the resolver's default when absent. */
  didCacheTtlMs?: number;
  /** How long a verified status list is reused without asking its issuer; default 0 (every lookup asks). */
  statusReuseMs?: number;
}

/** The dependencies `verifyCredential`, `verifyPresentation` and `verifySdJwtPresentation` take. */
export function createVerificationDeps(options: VerificationDepsOptions): VerificationDeps {
  const { fetch, allowInsecureLocalhost, now, clockSkewSeconds } = options;
  const resolveDid = createDidResolver({
    fetch,
    allowInsecureLocalhost,
    now,
    cacheTtlMs: options.didCacheTtlMs,
  });
  const signatures = {
    verifySignature: nodeEd25519Verify,
    verifyP256: nodeP256Verify,
    now,
    clockSkewSeconds,
  };
  return {
    resolveDid,
    statusLists: createStatusListService({
      fetch,
      resolveDid,
      ...signatures,
      reuseForMs: options.statusReuseMs,
    }),
    trustedIssuers: options.trustedIssuers,
    ...signatures,
  };
}
