// Building blocks for the platform's own tools (benchmarks, other packages' end-to-end tests) that
// run verification in-process. Not a public API.
export { createDidResolver } from './domain/did-resolver.js';
export { createStatusListService } from './domain/status-lists.js';
export { verifyCredential, type VerificationDeps } from './domain/verify-credential.js';
export { verifyPresentation } from './domain/verify-presentation.js';
export { createGuardedFetch } from './net/guarded-fetch.js';
export { nodeEd25519Verify } from './crypto/node-ed25519-verify.js';
export type { TrustedIssuer } from './domain/trusted-issuers.js';
