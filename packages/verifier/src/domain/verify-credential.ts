// Credentials are verified by core's one pipeline, shared with the wallet (adapters for
// jwt_vc_json and ldp_vc, then the same checks); this is the verifier's view of its dependencies.
import type { CredentialVerificationDeps } from '@skills-passport/core';
import type { ResolveDid } from './did-resolver.js';
import type { StatusListService } from './status-lists.js';
import type { TrustedIssuerLookup } from './trusted-issuers.js';

export { verifyCredential } from '@skills-passport/core';
export type {
  CredentialOutcome,
  CredentialVerification,
  VerifyCredentialOptions,
} from '@skills-passport/core';

/** Everything verification reaches outside itself, passed in one object: the verifier always judges trust. */
export interface VerificationDeps extends CredentialVerificationDeps {
  resolveDid: ResolveDid;
  statusLists: StatusListService;
  trustedIssuers: TrustedIssuerLookup;
}
