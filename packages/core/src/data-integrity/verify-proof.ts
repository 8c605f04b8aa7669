import type { VerificationRelationship } from '../verification/did-document.js';
import type { Ed25519Verify } from '../verification/ed25519.js';
import { DEFAULT_CLOCK_SKEW_SECONDS } from '../verification/validity-window.js';
import { JSONLD_LIMITS } from '../jsonld/expand.js';
import { guardJson } from '../validation/json-guard.js';
import type { CanonicalizeOptions } from './canonicalize.js';
import { eddsaRdfc2022HashData } from './hash-data.js';
import {
  checkChallengeAndDomain,
  checkProofDates,
  checkProofMembers,
  checkProofPurpose,
  checkProofType,
  decodeProofValue,
  selectProof,
} from './proof-checks.js';
import type { DataIntegrityProofPurpose, DataIntegrityRefusal, ResolveDidDocument } from './types.js';
import { didOfVerificationMethod, ed25519KeyForProof } from './verification-method.js';

/** Everything {@link verifyDataIntegrityProof} expects and reaches outside itself, in one object. */
export interface VerifyDataIntegrityProofOptions {
  /** `assertionMethod` for a credential, `authentication` for a presentation. */
  expectedProofPurpose: DataIntegrityProofPurpose;
  /**
   * The DID whose key must have made the proof: the credential's issuer, or the presentation's
   * holder. The caller takes it from the document (or from what it asked for).
   */
  expectedController: string;
  resolveDid: ResolveDidDocument;
  verifySignature: Ed25519Verify;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Tolerated clock difference for `created` and `expires`; default 60 s. */
  clockSkewSeconds?: number;
  /** The challenge (nonce) the verifier issued; the proof must carry exactly this one. */
  challenge?: string;
  /** The domain the verifier asked for; the proof must carry exactly this one. */
  domain?: string;
  /** Bounds on canonicalization (and documents besides the static contexts). */
  canonicalization?: Omit<CanonicalizeOptions, 'contextOrigins'>;
}

/** The outcome of {@link verifyDataIntegrityProof}. */
export type DataIntegrityVerification =
  { ok: true; verificationMethod: string; created: string } | DataIntegrityRefusal;

const RELATIONSHIP: Record<DataIntegrityProofPurpose, VerificationRelationship> = {
  assertionMethod: 'assertionMethod',
  authentication: 'authentication',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function verifyProof(
  secured: unknown,
  options: VerifyDataIntegrityProofOptions,
): Promise<DataIntegrityVerification> {
  if (!isObject(secured))
    return { ok: false, code: 'ERR_NOT_AN_OBJECT', reason: 'The document is not a JSON object.' };
  const guarded = guardJson(secured, JSONLD_LIMITS);
  if (guarded !== undefined) return { ok: false, code: guarded.code, reason: guarded.issue.message };

  // The proof itself: one, of our type, with known members, for the expected purpose.
  const selected = selectProof(secured);
  if (!selected.ok) return selected;
  const { proof, unsecured } = selected;
  const refused =
    checkProofType(proof) ??
    checkProofMembers(proof) ??
    checkProofPurpose(proof, options.expectedProofPurpose);
  if (refused !== undefined) return refused;

  // Who made it: a key of the expected controller.
  const verificationMethod = proof.verificationMethod;
  const did =
    typeof verificationMethod === 'string' ? didOfVerificationMethod(verificationMethod) : undefined;
  if (typeof verificationMethod !== 'string' || did === undefined)
    return {
      ok: false,
      code: 'ERR_PROOF_INVALID',
      reason: "The proof's verificationMethod is not an absolute DID URL with a fragment.",
    };
  if (did !== options.expectedController)
    return {
      ok: false,
      code: 'ERR_ISSUER_MISMATCH',
      reason: `The proof was made with a key of ${did}, not of ${options.expectedController}.`,
    };

  // When, and for whom.
  const dates = checkProofDates(proof, options.now(), options.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS);
  if (!dates.ok) return dates;
  const bound = checkChallengeAndDomain(proof, options);
  if (bound !== undefined) return bound;
  const proofValue = decodeProofValue(proof);
  if (!proofValue.ok) return proofValue;

  // The key, as the controller's DID document publishes it for this purpose.
  const resolved = await options.resolveDid(did);
  if (!resolved.ok) return resolved;
  const key = ed25519KeyForProof(
    resolved.document,
    did,
    verificationMethod,
    RELATIONSHIP[options.expectedProofPurpose],
  );
  if (!key.ok) return key;

  // What was signed, and the signature over it.
  const hashed = await eddsaRdfc2022HashData(unsecured, proof, options.canonicalization);
  if (!hashed.ok) return hashed;
  const valid = await options.verifySignature(key.publicKey, hashed.hashData, proofValue.signature);
  if (!valid)
    return {
      ok: false,
      code: 'ERR_SIGNATURE_INVALID',
      reason:
        'The signature does not match: the document or its proof was altered, or another key signed it.',
    };
  return { ok: true, verificationMethod, created: dates.created };
}

/**
 * Verifies the one eddsa-rdfc-2022 Data Integrity proof of a credential or presentation, as W3C
 * "Data Integrity EdDSA Cryptosuites v1.0" (Verify Proof) and "Verifiable Credential Data
 * Integrity 1.0" (proof purpose, challenge, domain) describe it:
 *
 * 1. exactly one proof (`ERR_PROOF_MISSING`, `ERR_PROOF_MULTIPLE`), `DataIntegrityProof` /
 *    `eddsa-rdfc-2022` (`ERR_PROOF_TYPE_UNSUPPORTED`), no members Data Integrity does not define
 *    (`ERR_PROOF_INVALID`), for the expected purpose (`ERR_PROOF_PURPOSE_MISMATCH`);
 * 2. `verificationMethod` an absolute DID URL of the expected controller (`ERR_ISSUER_MISMATCH`);
 * 3. `created` not in the future beyond the clock skew (`ERR_PROOF_CREATED_IN_FUTURE`), `expires`
 *    not passed; the challenge and domain asked for (`ERR_PROOF_CHALLENGE_MISMATCH`,
 *    `ERR_PROOF_DOMAIN_MISMATCH`); `proofValue` base58btc of 64 bytes (`ERR_PROOF_INVALID`);
 * 4. the controller's DID document (its resolver's codes) lists the key under the purpose's
 *    relationship as a Multikey or Ed25519VerificationKey2020 (`ERR_KEY_NOT_FOUND`);
 * 5. SHA-256 of the canonical proof configuration ‖ SHA-256 of the canonical document without its
 *    proof (see `canonicalize` for its codes), verified with Ed25519 (`ERR_SIGNATURE_INVALID`).
 *
 * For a presentation this is the presentation's proof only: each credential it embeds has its
 * own proof, verified on its own (`assertionMethod`, its issuer). Never throws: a port that
 * throws yields `ERR_INTERNAL`.
 */
export async function verifyDataIntegrityProof(
  secured: unknown,
  options: VerifyDataIntegrityProofOptions,
): Promise<DataIntegrityVerification> {
  try {
    return await verifyProof(secured, options);
  } catch {
    return {
      ok: false,
      code: 'ERR_INTERNAL',
      reason: 'The proof could not be verified (an internal failure).',
    };
  }
}
