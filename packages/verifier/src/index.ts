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
export { verifyCredential, type VerificationDeps } from './domain/verify-credential.js';
export { verifyPresentation } from './domain/verify-presentation.js';
export { createGuardedFetch } from './net/guarded-fetch.js';
export type { TrustedIssuer } from './domain/trusted-issuers.js';
