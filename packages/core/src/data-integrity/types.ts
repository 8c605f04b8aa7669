import type { ErrorCode } from '../errors.js';

/** Why a proof is refused: a stable code and a sentence a person can act on. */
export interface DataIntegrityRefusal {
  ok: false;
  code: ErrorCode;
  reason: string;
}

/** What a proof is for: `assertionMethod` secures a credential, `authentication` a presentation. */
export type DataIntegrityProofPurpose = 'assertionMethod' | 'authentication';

/** An eddsa-rdfc-2022 Data Integrity proof as this module writes it. */
export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: 'eddsa-rdfc-2022';
  created: string;
  verificationMethod: string;
  proofPurpose: DataIntegrityProofPurpose;
  challenge?: string;
  domain?: string;
  /** Multibase base58btc (`z…`) of the 64-byte Ed25519 signature. */
  proofValue: string;
}

/**
 * The DID document of a DID, or why it could not be had: the shape the verifier's and the wallet's
 * resolvers (and `didKeyDocument`) answer with. Must not reject.
 */
export type ResolveDidDocument = (
  did: string,
) => Promise<{ ok: true; document: unknown } | { ok: false; code: ErrorCode; reason: string }>;
