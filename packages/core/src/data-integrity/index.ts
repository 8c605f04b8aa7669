// Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C "Data Integrity EdDSA
// Cryptosuites v1.0"): bounded RDFC-1.0 canonicalization over the static contexts, proof creation
// (the wallet's ldp_vp) and verification. Browser-safe: SHA-256 by WebCrypto, Ed25519 and DID
// resolution through ports.
export { canonicalize, DEFAULT_CANONICALIZE_TIME_LIMIT_MS } from './canonicalize.js';
export type { CanonicalizeOptions, CanonicalizeResult } from './canonicalize.js';
export { verifyDataIntegrityProof } from './verify-proof.js';
export type { VerifyDataIntegrityProofOptions, DataIntegrityVerification } from './verify-proof.js';
export { createDataIntegrityProof } from './create-proof.js';
export type { CreateDataIntegrityProofOptions, SignBytes } from './create-proof.js';
export type {
  DataIntegrityProof,
  DataIntegrityProofPurpose,
  DataIntegrityRefusal,
  ResolveDidDocument,
} from './types.js';
