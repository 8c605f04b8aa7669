// Building blocks for the platform's own tools — the start script, benchmarks and other packages'
// end-to-end tests — that run an issuer in-process. Not a public API.
export { createApp } from './app.js';
export { loadConfig, type IssuerConfig } from './config.js';
export { createLogger } from './logger.js';
export { openIssuer, type IssuerRuntime } from './runtime.js';
export { seedDemo, demoOffers, requestFromExample, type DemoSeed, type DemoOffer } from './demo/seed-demo.js';
export { createOrganisation, getOrganisation, signingKey, orgDid } from './domain/organisations.js';
export { createStaff, createApiKey } from './domain/staff.js';
export { issueCredential, buildDocument, type IssueRequest } from './domain/issue-credential.js';
export { changeStatus } from './domain/change-status.js';
export { veramoDefaultSigner, veramoPorts } from './agent/org-keys.js';
export { fastCredentialSigner, credentialJwtPayload } from './agent/jwt-credential-signer.js';
