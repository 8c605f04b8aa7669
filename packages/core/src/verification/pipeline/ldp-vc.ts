import type { ErrorCode } from '../../errors.js';
import { verifyDataIntegrityProof } from '../../data-integrity/verify-proof.js';
import { failed, pass, type CheckId } from '../checks.js';
import type { CredentialVerificationDeps } from './deps.js';
import type { UnwrapResult } from './unwrapped.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The issuer DID a VC 2.0 document names (`issuer`, or `issuer.id`). */
export function issuerOf(document: Record<string, unknown>): string | undefined {
  const issuer = isObject(document.issuer) ? document.issuer.id : document.issuer;
  return typeof issuer === 'string' && issuer.startsWith('did:') ? issuer : undefined;
}

/** The subject's id (the holder's DID), when the document names one. */
function subjectOf(document: Record<string, unknown>): string | undefined {
  const subject: unknown = Array.isArray(document.credentialSubject)
    ? (document.credentialSubject as unknown[])[0]
    : document.credentialSubject;
  return isObject(subject) && typeof subject.id === 'string' ? subject.id : undefined;
}

/** A VC 2.0 date-time as seconds since the epoch; `undefined` when absent or not a date-time. */
function seconds(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

/** Which check a refusal of the proof belongs to. */
function checkFor(code: ErrorCode): CheckId {
  if (code.startsWith('ERR_DID_') || code.startsWith('ERR_FETCH_') || code === 'ERR_KEY_NOT_FOUND')
    return 'issuer_did';
  if (code === 'ERR_ISSUER_MISMATCH') return 'issuer_consistency';
  if (code.startsWith('ERR_JSONLD_') || code.startsWith('ERR_INPUT_') || code === 'ERR_NOT_AN_OBJECT')
    return 'credential_format';
  return 'signature';
}

/**
 * `ldp_vc`: a VC 2.0 document secured with one eddsa-rdfc-2022 Data Integrity proof, for
 * `assertionMethod`, by a key its issuer's DID document lists there. Canonicalization runs in
 * JSON-LD safe mode over the static contexts only: a property that does not expand, a context
 * outside the map or a redefined protected term refuses it, as does any change to what was signed.
 */
export async function unwrapLdp(
  credential: Record<string, unknown>,
  deps: CredentialVerificationDeps,
): Promise<UnwrapResult> {
  const issuer = issuerOf(credential);
  if (issuer === undefined)
    return {
      ok: false,
      checks: [failed('credential_format', 'ERR_SCHEMA_INVALID', 'The credential names no issuer DID.')],
    };
  const verified = await verifyDataIntegrityProof(credential, {
    expectedProofPurpose: 'assertionMethod',
    expectedController: issuer,
    resolveDid: deps.resolveDid,
    verifySignature: deps.verifySignature,
    now: deps.now,
    clockSkewSeconds: deps.clockSkewSeconds,
  });
  if (!verified.ok) {
    const id = checkFor(verified.code);
    const reason =
      id === 'signature' && verified.code === 'ERR_SIGNATURE_INVALID'
        ? "The signature does not match the issuer's published key: the credential was altered or not signed by this issuer."
        : verified.reason;
    return { ok: false, issuer, checks: [failed(id, verified.code, reason)] };
  }
  const { proof: _proof, ...document } = credential;
  const subject = subjectOf(document);
  const notBefore = seconds(document.validFrom);
  const expires = seconds(document.validUntil);
  return {
    ok: true,
    value: {
      format: 'ldp_vc',
      issuer,
      document,
      ...(subject === undefined ? {} : { subject }),
      ...(notBefore === undefined ? {} : { notBefore }),
      ...(expires === undefined ? {} : { expires }),
      checks: [
        pass(
          'credential_format',
          'A well-formed JSON-LD credential with a Data Integrity proof (eddsa-rdfc-2022).',
        ),
        pass('issuer_did', `The issuer's DID ${issuer} was resolved.`),
        pass('signature', `Signed by ${verified.verificationMethod}.`),
        pass('issuer_consistency', 'The credential names the organisation that signed it.'),
      ],
    },
  };
}
