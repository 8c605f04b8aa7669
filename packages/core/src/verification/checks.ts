import type { ErrorCode } from '../errors.js';

/** Verdict of one verification step. */
export type CheckStatus = 'pass' | 'fail' | 'warning';

/**
 * Stable ids of verification steps. Clients, stored reports and tests match on these; the reason
 * text is for people and may change.
 */
export const CHECK_IDS = [
  // the presentation
  'presentation_format',
  'presentation_signature',
  'presentation_nonce',
  'presentation_audience',
  'presentation_freshness',
  'presentation_size',
  // each credential
  'credential_format',
  'issuer_did',
  'signature',
  'issuer_consistency',
  'holder_binding',
  'not_before',
  'expiration',
  'schema',
  'revocation_status',
  'suspension_status',
  'status_entry',
  'issuer_trust',
  'issuer_accreditation',
] as const;

/** One of {@link CHECK_IDS}. */
export type CheckId = (typeof CHECK_IDS)[number];

/** The result of one verification step, in words a person understands plus a stable id and code. */
export interface VerificationCheck {
  id: CheckId;
  status: CheckStatus;
  reason: string;
  /** Set when `status` is `fail` or `warning`: why, as a stable code. */
  code?: ErrorCode;
}

/** Builds a passing check. */
export function pass(id: CheckId, reason: string): VerificationCheck {
  return { id, status: 'pass', reason };
}

/** Builds a failed check. */
export function failed(id: CheckId, code: ErrorCode, reason: string): VerificationCheck {
  return { id, status: 'fail', reason, code };
}

/** Builds a warning. */
export function warning(id: CheckId, code: ErrorCode, reason: string): VerificationCheck {
  return { id, status: 'warning', reason, code };
}
