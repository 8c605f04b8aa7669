// One credential verification pipeline for the verifier and the wallet: an adapter per envelope
// (jwt_vc_json, ldp_vc) opens the credential and checks its signature against the issuer's DID
// document; the same checks with the same stable ids follow for both (holder binding, dates,
// schema, status, trust). Browser-safe: DID resolution, status lists and Ed25519 are ports.
export { verifyCredential } from './verify-credential.js';
export type {
  CredentialOutcome,
  CredentialVerification,
  VerifyCredentialOptions,
} from './verify-credential.js';
export type { CredentialVerificationDeps } from './deps.js';
export { envelopeOf } from './envelope.js';
export { tokenStatusEntry } from './status-checks.js';
export type { CredentialEnvelope } from './envelope.js';
export { verifyStatusListCredential } from './status-lists.js';
export type {
  StatusListLookup,
  StatusListService,
  StatusListVerification,
  StatusListVerificationOptions,
  VerifiedStatusList,
} from './status-lists.js';
export { ISSUER_KINDS, isSelfDeclared } from './trust.js';
export type { IssuerKind, TrustedIssuer, TrustedIssuerLookup } from './trust.js';
