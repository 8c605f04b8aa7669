// What becomes of a wallet's `direct_post` to a Response URI (OpenID4VP 1.0, 8.2), for every
// receiver of presentations: the verifier's skills requests and the issuer's intakes. Each keeps
// its own account of an accepted answer; the wallet's error response and a refusal read alike.
import type { CheckId, ErrorCode, VerificationCheck } from '@skills-passport/core';
import type { PresentationVerification } from './verify-presentation.js';

/**
 * The wallet's own error response (OpenID4VP 1.0, 8.2 and 8.5), e.g. `access_denied` when the
 * learner declined or holds nothing that answers: processed, noted, and the request stays open.
 */
export interface WalletErrorOutcome {
  kind: 'wallet_error';
  error: string;
}

/**
 * Refused, with an OAuth-style error and our code. `requestOpen`: the request can still be
 * answered; otherwise the answer closed it, or it was closed already.
 */
export interface RefusedOutcome {
  kind: 'refused';
  error: 'invalid_request';
  description: string;
  code: ErrorCode;
  requestOpen: boolean;
}

/** What became of a `direct_post`: accepted as the receiver records it, the wallet's error, or refused. */
export type DirectPostOutcome<
  Accepted extends { kind: 'accepted' } = { kind: 'accepted' },
  Refused extends RefusedOutcome = RefusedOutcome,
> = Accepted | WalletErrorOutcome | Refused;

export function refusal(description: string, code: ErrorCode, requestOpen: boolean): RefusedOutcome {
  return { kind: 'refused', error: 'invalid_request', description, code, requestOpen };
}

/** An OAuth error code (RFC 6749, 4.1.2.1: printable ASCII but `"` and `\\`), of sane length. */
const OAUTH_ERROR_CODE = /^[\x20\x21\x23-\x5B\x5D-\x7E]{1,64}$/;

/**
 * Reads the wallet's error response, a form with an `error` parameter instead of a `vp_token`.
 * Only its error code is kept, never the description, which is free text from the wallet.
 */
export function walletErrorResponse(form: Record<string, unknown>): WalletErrorOutcome | RefusedOutcome {
  const error = form.error;
  if (typeof error !== 'string' || !OAUTH_ERROR_CODE.test(error))
    return refusal('error must be one OAuth error code.', 'ERR_VALIDATION', true);
  if (form.vp_token !== undefined)
    return refusal('An error response carries no vp_token.', 'ERR_VALIDATION', true);
  return { kind: 'wallet_error', error };
}

/**
 * The failing checks of an answer, presentation by presentation: its own, then its credentials'.
 * A credential check in `standing` is left out: its failure leaves the credential standing, marked.
 */
export function failedChecks(
  presentations: readonly PresentationVerification[],
  standing: ReadonlySet<CheckId> = new Set<CheckId>(),
): VerificationCheck[] {
  return presentations.flatMap((p) => [
    ...p.checks.filter((check) => check.status === 'fail'),
    ...p.credentials.flatMap((c) =>
      c.checks.filter((check) => check.status === 'fail' && !standing.has(check.id)),
    ),
  ]);
}

/** A refusal for failed checks: the first three reasons, and the first check's code. */
export function refusalForChecks(failed: readonly VerificationCheck[], requestOpen: boolean): RefusedOutcome {
  const reasons = failed.map((check) => check.reason).slice(0, 3);
  return refusal(reasons.join(' '), failed[0]?.code ?? 'ERR_PRESENTATION_INVALID', requestOpen);
}

/** Failed checks as the log names them: id and code, never their content. */
export function checkLabels(checks: readonly VerificationCheck[]): string[] {
  return checks.map((check) => `${check.id}:${check.code ?? ''}`);
}
