import {
  CREDENTIAL_TYPES,
  parseCompactJws,
  type CheckId,
  type CredentialEnvelope,
  type CredentialVerification,
  type ErrorCode,
  type VerificationCheck,
} from '@skills-passport/core';
import { WalletError } from '../errors.js';

// The one place where core's verification checks become what the learner is told: a WalletError
// whose `code` picks the plain words and whose `reason` (the error box's data-reason) is core's
// precise code, the same the verifier gives for the same input. The table of refusals in
// wallet-negative.test.ts holds these to the codes the wallet has always shown.

/** The checks that open the envelope: its form, the issuer's DID document and the signature. */
const ENVELOPE: readonly CheckId[] = ['credential_format', 'issuer_did', 'signature', 'issuer_consistency'];
const STATUS: readonly CheckId[] = ['status_entry', 'revocation_status', 'suspension_status'];
/** Codes a DID resolver answers with; in an ldp_vc proof check they mean the DID, not the signature. */
const RESOLVER_CODES: ReadonlySet<ErrorCode> = new Set([
  'ERR_MALFORMED_JSON',
  'ERR_JSON_DUPLICATE_KEY',
  'ERR_FORBIDDEN_KEY',
  'ERR_KEY_NOT_FOUND',
]);

/** The wallet's code, with core's precise code as the reason. */
const coded = (code: ErrorCode, check: VerificationCheck) =>
  new WalletError(code, check.reason, { reason: check.code });
/** The wallet's code alone: where it already says exactly what happened. */
const plain = (code: ErrorCode, check: VerificationCheck) => new WalletError(code, check.reason);

function envelopeRefusal(check: VerificationCheck, format: CredentialEnvelope['format']): WalletError {
  const code = check.code ?? 'ERR_INTERNAL';
  // The issuer's web address did not answer: try later; nothing is wrong with the credential.
  if (code === 'ERR_ISSUER_UNREACHABLE') return plain('ERR_ISSUER_UNREACHABLE', check);
  if (
    check.id === 'issuer_did' ||
    code.startsWith('ERR_DID_') ||
    (format === 'ldp_vc' && check.id === 'signature' && RESOLVER_CODES.has(code))
  )
    return coded('ERR_DID_RESOLUTION_FAILED', check);
  if (check.id === 'signature') return coded('ERR_SIGNATURE_INVALID', check);
  // A VC-JWT or an SD-JWT VC that is not well-formed, or not of one of our types (vct): not a credential.
  if (format === 'jwt_vc_json' || format === 'dc+sd-jwt') return coded('ERR_CREDENTIAL_JWT_INVALID', check);
  // ldp_vc: a proof made with another organisation's key is not the issuer's signature; a
  // document that is not sound JSON-LD does not follow the model.
  return check.id === 'issuer_consistency'
    ? coded('ERR_SIGNATURE_INVALID', check)
    : coded('ERR_SCHEMA_INVALID', check);
}

/** The types a credential says it has, read from its envelope (only asked once it has opened). */
function declaredTypes(envelope: CredentialEnvelope, verification: CredentialVerification): unknown[] {
  if (envelope.format === 'ldp_vc')
    return Array.isArray(envelope.credential.type) ? envelope.credential.type : [];
  // An SD-JWT VC names its type by `vct`, which opens only when it is one of ours.
  if (envelope.format === 'dc+sd-jwt') return verification.credential?.type ?? [];
  const parsed = parseCompactJws(envelope.jwt);
  const vc = parsed.ok ? (parsed.jws.payload.vc as Record<string, unknown> | undefined) : undefined;
  return Array.isArray(vc?.type) ? vc.type : [];
}

function schemaRefusal(
  check: VerificationCheck | undefined,
  verification: CredentialVerification,
  envelope: CredentialEnvelope,
): WalletError | undefined {
  const ours = declaredTypes(envelope, verification).some((t) =>
    (CREDENTIAL_TYPES as readonly unknown[]).includes(t),
  );
  // The wallet holds Skills Passport credentials only: another issuer's Open Badge, valid or not,
  // is a kind of credential it does not support.
  if (!ours || (check?.status === 'pass' && verification.type === undefined))
    return new WalletError('ERR_UNKNOWN_CREDENTIAL_TYPE', check?.reason, {
      reason: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
    });
  if (check === undefined || check.status !== 'fail') return undefined;
  return coded(
    check.code === 'ERR_UNKNOWN_CREDENTIAL_TYPE' ? 'ERR_UNKNOWN_CREDENTIAL_TYPE' : 'ERR_SCHEMA_INVALID',
    check,
  );
}

function statusRefusal(check: VerificationCheck): WalletError {
  const code = check.code ?? 'ERR_STATUS_LIST_UNREACHABLE';
  if (
    code === 'ERR_CREDENTIAL_REVOKED' ||
    code === 'ERR_CREDENTIAL_SUSPENDED' ||
    code === 'ERR_INSECURE_URL' ||
    code === 'ERR_STATUS_LIST_UNREACHABLE'
  )
    return plain(code, check);
  return coded('ERR_STATUS_LIST_UNREACHABLE', check);
}

export interface RefusalOptions {
  /**
   * Whether a status known only from a stand-in copy of the list (the issuer could not be reached
   * just now) refuses too. Receiving says yes: a credential is taken only with its status known.
   */
  strictStatus?: boolean;
}

/**
 * Why the wallet refuses a credential core's pipeline has verified, or `undefined` when it takes
 * it. In this order: the envelope (form, issuer DID, signature, issuer named = signer), an issuer
 * that is not an organisation's did:web, holder binding, the model (one of our three types, its
 * schema), validity dates, status.
 */
export function refusalOf(
  verification: CredentialVerification,
  envelope: CredentialEnvelope,
  options: RefusalOptions = {},
): WalletError | undefined {
  const failedIn = (ids: readonly CheckId[]) =>
    verification.checks.find((c) => c.status === 'fail' && ids.includes(c.id));
  const opening = failedIn(ENVELOPE);
  if (opening !== undefined) return envelopeRefusal(opening, envelope.format);
  // Organisations are known by their web domain (did:web). A did:key issuer is anyone's key: it
  // could carry any organisation's name into the passport, with nothing to check it against.
  if (verification.issuer !== undefined && !verification.issuer.startsWith('did:web:'))
    return new WalletError('ERR_DID_METHOD_UNSUPPORTED', verification.issuer);
  const binding = failedIn(['holder_binding']);
  if (binding !== undefined)
    return binding.code === 'ERR_HOLDER_MISMATCH' || binding.code === undefined
      ? new WalletError('ERR_HOLDER_MISMATCH', verification.subject)
      : // An SD-JWT VC bound to no key (cnf), or a presentation whose key binding fails.
        coded('ERR_HOLDER_MISMATCH', binding);
  const schema = schemaRefusal(
    verification.checks.find((c) => c.id === 'schema'),
    verification,
    envelope,
  );
  if (schema !== undefined) return schema;
  const start = failedIn(['not_before']);
  if (start !== undefined)
    return start.code === 'ERR_CREDENTIAL_NOT_YET_VALID'
      ? plain('ERR_CREDENTIAL_NOT_YET_VALID', start)
      : coded('ERR_SCHEMA_INVALID', start);
  const end = failedIn(['expiration']);
  if (end !== undefined) return plain('ERR_CREDENTIAL_EXPIRED', end);
  const status = verification.checks.find(
    (c) =>
      STATUS.includes(c.id) &&
      (c.status === 'fail' || (options.strictStatus === true && c.status === 'warning')),
  );
  if (status !== undefined) return statusRefusal(status);
  const other = verification.checks.find((c) => c.status === 'fail');
  if (other !== undefined) return coded('ERR_CREDENTIAL_JWT_INVALID', other);
  return undefined;
}
