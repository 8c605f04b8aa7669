import type { ErrorCode } from '../errors.js';
import { utf8Encode } from '../verification/bytes.js';
import { canonicalize, type CanonicalizeOptions } from './canonicalize.js';
import { contextOriginsOf } from './context-loader.js';
import { sha256 } from './sha256.js';

/** The proof type and cryptosuite this module creates and verifies. */
export const PROOF_TYPE = 'DataIntegrityProof' as const;
export const CRYPTOSUITE = 'eddsa-rdfc-2022' as const;

/** The bytes eddsa-rdfc-2022 signs, and the canonical forms they were hashed from. */
export interface HashData {
  ok: true;
  /** SHA-256(canonical proof configuration) ‖ SHA-256(canonical document): 64 bytes. */
  hashData: Uint8Array;
  canonicalProofConfig: string;
  canonicalDocument: string;
}

/**
 * eddsa-rdfc-2022's Proof Configuration before canonicalization: the proof options without
 * `proofValue`, with `@context` set to the document's.
 */
export function proofConfiguration(
  unsecuredDocument: Record<string, unknown>,
  proofOptions: Record<string, unknown>,
): Record<string, unknown> {
  const { proofValue: _proofValue, ...configuration } = proofOptions;
  return { ...configuration, '@context': unsecuredDocument['@context'] };
}

/**
 * eddsa-rdfc-2022's Transformation, Proof Configuration and Hashing (W3C "Data Integrity EdDSA
 * Cryptosuites v1.0"), shared by signing and verifying: the document (without
 * `proof`) canonicalized with RDFC-1.0; the proof options (the proof without `proofValue`, which
 * the caller has checked to be `DataIntegrityProof` / `eddsa-rdfc-2022`) with the document's
 * `@context`, canonicalized the same way, admitting the same contexts; then the SHA-256 of the
 * proof configuration followed by the SHA-256 of the document. Never throws for bad input.
 */
export async function eddsaRdfc2022HashData(
  unsecuredDocument: Record<string, unknown>,
  proofOptions: Record<string, unknown>,
  options: CanonicalizeOptions = {},
): Promise<HashData | { ok: false; code: ErrorCode; reason: string }> {
  const contextOrigins = options.contextOrigins ?? contextOriginsOf(unsecuredDocument);
  const document = await canonicalize(unsecuredDocument, { ...options, contextOrigins });
  if (!document.ok) return document;
  const proofConfig = await canonicalize(proofConfiguration(unsecuredDocument, proofOptions), {
    ...options,
    contextOrigins,
  });
  if (!proofConfig.ok) return proofConfig;
  const [configHash, documentHash] = await Promise.all([
    sha256(utf8Encode(proofConfig.nquads)),
    sha256(utf8Encode(document.nquads)),
  ]);
  const hashData = new Uint8Array(64);
  hashData.set(configHash, 0);
  hashData.set(documentHash, 32);
  return {
    ok: true,
    hashData,
    canonicalProofConfig: proofConfig.nquads,
    canonicalDocument: document.nquads,
  };
}
