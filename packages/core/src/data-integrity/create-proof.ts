import { SkillsPassportError } from '../errors.js';
import { encodeBase58btc } from '../verification/bytes.js';
import type { CanonicalizeOptions } from './canonicalize.js';
import { parseDateTimeStamp } from './date-time.js';
import { CRYPTOSUITE, PROOF_TYPE, eddsaRdfc2022HashData } from './hash-data.js';
import type { DataIntegrityProof, DataIntegrityProofPurpose } from './types.js';
import { didOfVerificationMethod } from './verification-method.js';

/** The proof options of {@link createDataIntegrityProof}. */
export interface CreateDataIntegrityProofOptions {
  /** Absolute DID URL of the signing key (`did:key:z6Mk…#z6Mk…`, `did:web:…#key-1`). */
  verificationMethod: string;
  /** `assertionMethod` for a credential, `authentication` for a presentation. */
  proofPurpose: DataIntegrityProofPurpose;
  /** When the proof is made: a date-time with a time zone (`2026-10-14T10:00:00Z`). */
  created: string;
  /** The verifier's challenge (nonce), for a presentation. */
  challenge?: string;
  /** The verifier's domain, for a presentation. */
  domain?: string;
  /** Bounds on canonicalization (and documents besides the static contexts). */
  canonicalization?: Omit<CanonicalizeOptions, 'contextOrigins'>;
}

/** Signs bytes with the Ed25519 key named by the verification method: a 64-byte signature. */
export type SignBytes = (data: Uint8Array) => Promise<Uint8Array>;

const PURPOSES: ReadonlySet<string> = new Set(['assertionMethod', 'authentication']);

function checkOptions(unsecured: Record<string, unknown>, options: CreateDataIntegrityProofOptions): void {
  if ('proof' in unsecured) throw new TypeError('The document already has a proof; one proof is supported.');
  if (didOfVerificationMethod(options.verificationMethod) === undefined)
    throw new TypeError('verificationMethod must be an absolute DID URL with a fragment.');
  if (!PURPOSES.has(options.proofPurpose))
    throw new TypeError('proofPurpose must be assertionMethod or authentication.');
  if (parseDateTimeStamp(options.created) === undefined)
    throw new TypeError('created must be a date-time with a time zone.');
  for (const key of ['challenge', 'domain'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      throw new TypeError(`${key} must be a non-empty string.`);
  }
}

/**
 * Secures `unsecured` with an eddsa-rdfc-2022 Data Integrity proof (W3C "Data Integrity EdDSA
 * Cryptosuites v1.0", Create Proof): the same transformation and hashing as
 * {@link verifyDataIntegrityProof}, signed by `sign`, returned as a new document with `proof` as
 * an object (callers may wrap it in an array, as 1EdTech's schema wants; the signature stays valid).
 *
 * Caller mistakes (a document that has a proof, a relative key id, a date without a time zone, a
 * signature that is not 64 bytes) throw `TypeError`; a document that is not sound JSON-LD throws
 * `SkillsPassportError` with the code of `canonicalize`.
 */
export async function createDataIntegrityProof<Document extends Record<string, unknown>>(
  unsecured: Document,
  options: CreateDataIntegrityProofOptions,
  sign: SignBytes,
): Promise<Document & { proof: DataIntegrityProof }> {
  checkOptions(unsecured, options);
  const proofOptions: Omit<DataIntegrityProof, 'proofValue'> = {
    type: PROOF_TYPE,
    cryptosuite: CRYPTOSUITE,
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: options.proofPurpose,
    ...(options.challenge === undefined ? {} : { challenge: options.challenge }),
    ...(options.domain === undefined ? {} : { domain: options.domain }),
  };
  const hashed = await eddsaRdfc2022HashData(unsecured, { ...proofOptions }, options.canonicalization);
  if (!hashed.ok) throw new SkillsPassportError(hashed.code, hashed.reason);
  const signature = await sign(hashed.hashData);
  if (!(signature instanceof Uint8Array) || signature.length !== 64)
    throw new TypeError('sign must return a 64-byte Ed25519 signature.');
  return { ...unsecured, proof: { ...proofOptions, proofValue: `z${encodeBase58btc(signature)}` } };
}
