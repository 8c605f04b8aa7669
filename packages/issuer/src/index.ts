// @skills-passport/issuer: the issuer service as a library, for the platform's own tools (the start
// script, benchmarks, the journeys) that run an issuer in-process. `server.ts` is the service itself.
export { createApp } from './app.js';
export { loadConfig, type IssuerConfig } from './config.js';
export { openIssuer, type IssuerRuntime } from './runtime.js';
export type { IssuerDeps } from './domain/deps.js';
export { seedDemo, demoOffers, requestFromExample, type DemoSeed, type DemoOffer } from './demo/seed-demo.js';
export {
  createOrganisation,
  getOrganisation,
  multikeyFragment,
  signingKey,
  signingKeyFor,
  orgDid,
} from './domain/organisations.js';
export { statusListTokenUrl } from './domain/status-lists.js';
export { envelopeDocument } from './domain/credential-document.js';
export { createStaff, createApiKey } from './domain/staff.js';
export { issueCredential, buildDocument, type IssueRequest } from './domain/issue-credential.js';
export { changeStatus } from './domain/change-status.js';
export { veramoDefaultSigner, veramoPorts } from './agent/org-keys.js';
export { fastCredentialSigner, credentialJwtPayload } from './agent/jwt-credential-signer.js';
