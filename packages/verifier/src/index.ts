// @skills-passport/verifier: the verifier service as a library, for the platform's own tools (the
// start script, benchmarks, the journeys) that run a verifier or its checks in-process.
export { createApp } from './app.js';
export { loadConfig, type VerifierConfig } from './config.js';
export { openVerifier, type VerifierRuntime } from './runtime.js';
export type { VerifierDeps } from './deps.js';
export { seedDemo, type DemoSeed } from './demo.js';
export { createEmployer } from './http/admin-routes.js';
export { createDidResolver } from './domain/did-resolver.js';
export { createStatusListService } from './domain/status-lists.js';
export { createVerificationDeps, type VerificationDepsOptions } from './domain/verification-deps.js';
export { verifyCredential, type VerificationDeps } from './domain/verify-credential.js';
export { verifyPresentation } from './domain/verify-presentation.js';
export { createGuardedFetch } from './net/guarded-fetch.js';
export type { TrustedIssuer } from './domain/trusted-issuers.js';
// For the issuer's intakes, which receive OpenID4VP presentations and judge them with the
// verifier's own request building and checks.
export {
  ACCEPTED_KINDS,
  QUERY_IDS,
  REQUEST_OBJECT_MAX_SECONDS,
  dcqlQuery,
} from './domain/skills-requests.js';
export { vctValues } from './domain/sd-jwt-query.js';
export { readVpToken, type DcqlQueryObject } from './domain/vp-token.js';
// What a direct_post comes to, and its handler: the module is written for both receivers.
export * from './domain/direct-post.js';
export { directPostHandler, type DirectPostHandling } from './http/protocol-routes.js';
export { newPresentationBudget, type PresentationVerification } from './domain/verify-presentation.js';
export { verifySdJwtPresentation } from './domain/verify-sd-jwt-presentation.js';
export { summarizeCredential, type CredentialSummary } from './domain/credential-summary.js';
export { learnerIdentity } from './domain/learner-identity.js';
export { readTrustedIssuersFile } from './runtime.js';
