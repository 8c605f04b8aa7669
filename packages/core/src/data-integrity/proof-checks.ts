import { decodeBase58btc } from '../verification/bytes.js';
import { parseDateTimeStamp } from './date-time.js';
import { CRYPTOSUITE, PROOF_TYPE } from './hash-data.js';
import type { DataIntegrityProofPurpose, DataIntegrityRefusal } from './types.js';

// Checks on the proof object itself, before any key is looked up or any canonicalization runs.
// Each returns a refusal or `undefined` (or the value it read).

type Proof = Record<string, unknown>;

function refuse(code: DataIntegrityRefusal['code'], reason: string): DataIntegrityRefusal {
  return { ok: false, code, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one proof of a secured document (an object, or an array of one: 1EdTech's schema wants an
 * array) and the document without it. None is `ERR_PROOF_MISSING`, more is `ERR_PROOF_MULTIPLE`
 * (proof sets and chains are not accepted), anything but an object `ERR_PROOF_INVALID`.
 */
export function selectProof(
  secured: Record<string, unknown>,
): { ok: true; proof: Proof; unsecured: Record<string, unknown> } | DataIntegrityRefusal {
  const { proof, ...unsecured } = secured;
  const proofs: unknown[] = Array.isArray(proof) ? proof : proof === undefined ? [] : [proof];
  if (proofs.length === 0) return refuse('ERR_PROOF_MISSING', 'The document carries no proof.');
  if (proofs.length > 1)
    return refuse('ERR_PROOF_MULTIPLE', `The document carries ${proofs.length} proofs; one is accepted.`);
  const [only] = proofs;
  if (!isObject(only)) return refuse('ERR_PROOF_INVALID', 'The proof is not a JSON object.');
  return { ok: true, proof: only, unsecured };
}

/** `type` `DataIntegrityProof` with `cryptosuite` `eddsa-rdfc-2022`; else `ERR_PROOF_TYPE_UNSUPPORTED`. */
export function checkProofType(proof: Proof): DataIntegrityRefusal | undefined {
  if (proof.type === PROOF_TYPE && proof.cryptosuite === CRYPTOSUITE) return undefined;
  return refuse(
    'ERR_PROOF_TYPE_UNSUPPORTED',
    `Only ${PROOF_TYPE} proofs with the ${CRYPTOSUITE} cryptosuite are accepted.`,
  );
}

/** The members Data Integrity defines for a proof; eddsa-rdfc-2022 signs all of them but `proofValue`. */
const PROOF_MEMBERS: ReadonlySet<string> = new Set([
  'id',
  'type',
  'cryptosuite',
  'created',
  'expires',
  'verificationMethod',
  'proofPurpose',
  'proofValue',
  'challenge',
  'domain',
  'nonce',
]);

/**
 * Only the members of {@link PROOF_MEMBERS}, each of its type. Refused (`ERR_PROOF_INVALID`): any
 * other member, such as `@context` (the proof configuration takes the document's, so a proof's
 * own would be silently overridden) or `previousProof` (chains are not accepted).
 */
export function checkProofMembers(proof: Proof): DataIntegrityRefusal | undefined {
  const extra = Object.keys(proof).filter((key) => !PROOF_MEMBERS.has(key));
  if (extra.length > 0)
    return refuse(
      'ERR_PROOF_INVALID',
      `The proof has members Data Integrity does not define: ${extra.join(', ')}.`,
    );
  for (const key of ['id', 'challenge', 'nonce', 'proofValue', 'verificationMethod'] as const) {
    if (key in proof && typeof proof[key] !== 'string')
      return refuse('ERR_PROOF_INVALID', `The proof's ${key} is not a string.`);
  }
  const domain = proof.domain;
  const domainOk =
    domain === undefined ||
    typeof domain === 'string' ||
    (Array.isArray(domain) && domain.length > 0 && domain.every((d) => typeof d === 'string'));
  if (!domainOk)
    return refuse('ERR_PROOF_INVALID', "The proof's domain is not a string or a list of strings.");
  return undefined;
}

/** `proofPurpose` equal to the expected one; else `ERR_PROOF_PURPOSE_MISMATCH`. */
export function checkProofPurpose(
  proof: Proof,
  expected: DataIntegrityProofPurpose,
): DataIntegrityRefusal | undefined {
  if (proof.proofPurpose === expected) return undefined;
  return refuse(
    'ERR_PROOF_PURPOSE_MISMATCH',
    `The proof is for ${typeof proof.proofPurpose === 'string' ? proof.proofPurpose : 'no stated purpose'}, not for ${expected}.`,
  );
}

/**
 * `created` a dateTimeStamp no later than now plus the clock skew (`ERR_PROOF_CREATED_IN_FUTURE`);
 * `expires`, when present, a dateTimeStamp not yet passed by more than the skew. A missing or
 * malformed date, or an expired proof, is `ERR_PROOF_INVALID`.
 */
export function checkProofDates(
  proof: Proof,
  nowMs: number,
  skewSeconds: number,
): { ok: true; created: string } | DataIntegrityRefusal {
  const created = parseDateTimeStamp(proof.created);
  if (created === undefined)
    return refuse('ERR_PROOF_INVALID', 'The proof has no created date-time with a time zone.');
  if (created > nowMs + skewSeconds * 1000)
    return refuse('ERR_PROOF_CREATED_IN_FUTURE', 'The proof was created in the future.');
  if (proof.expires !== undefined) {
    const expires = parseDateTimeStamp(proof.expires);
    if (expires === undefined)
      return refuse('ERR_PROOF_INVALID', "The proof's expires is not a date-time with a time zone.");
    if (nowMs - skewSeconds * 1000 >= expires) return refuse('ERR_PROOF_INVALID', 'The proof has expired.');
  }
  return { ok: true, created: proof.created as string };
}

/**
 * When the verifier asked for a challenge or a domain, the proof carries exactly that value
 * (a domain list must hold that one string only); a missing one is a mismatch as well
 * (`ERR_PROOF_CHALLENGE_MISMATCH`, `ERR_PROOF_DOMAIN_MISMATCH`).
 */
export function checkChallengeAndDomain(
  proof: Proof,
  expected: { challenge?: string | undefined; domain?: string | undefined },
): DataIntegrityRefusal | undefined {
  if (expected.challenge !== undefined && proof.challenge !== expected.challenge)
    return refuse(
      'ERR_PROOF_CHALLENGE_MISMATCH',
      'The proof does not answer the challenge it was asked for.',
    );
  if (expected.domain !== undefined) {
    const domains = Array.isArray(proof.domain) ? (proof.domain as unknown[]) : [proof.domain];
    if (!domains.every((d) => d === expected.domain))
      return refuse('ERR_PROOF_DOMAIN_MISMATCH', 'The proof was made for another domain.');
  }
  return undefined;
}

/** The 64-byte signature in `proofValue`: multibase base58btc (`z…`); else `ERR_PROOF_INVALID`. */
export function decodeProofValue(proof: Proof): { ok: true; signature: Uint8Array } | DataIntegrityRefusal {
  const value = proof.proofValue;
  const signature =
    typeof value === 'string' && value.startsWith('z') ? decodeBase58btc(value.slice(1), 64) : undefined;
  if (signature?.length !== 64)
    return refuse(
      'ERR_PROOF_INVALID',
      'The proofValue is not a base58btc-encoded 64-byte Ed25519 signature.',
    );
  return { ok: true, signature };
}
