import type { ErrorCode } from '@skills-passport/core';

/**
 * What only the wallet can tell a learner, about a server's answer or their own input: no service
 * gives these, so they stay out of core's union.
 * - `ERR_OFFER_UNKNOWN`: the issuer does not know the offer (404, or 410 without a reason).
 * - `ERR_REQUEST_UNKNOWN`: the verifier does not know the request (404).
 * - `ERR_REQUEST_CLOSED`: the verifier no longer takes answers to it (410 without a reason).
 * - `ERR_PIN_REQUIRED`: the offer needs a PIN and none was typed (refused before sending).
 * - `ERR_PUBLICATION_UNREACHABLE`: the publication service cannot be reached or gave no usable answer.
 * - `ERR_PUBLICATION_TOO_MANY`: more credentials chosen for one link than a service takes (refused
 *   before sending).
 * - `ERR_VACANCY_UNREACHABLE`: a vacancy link's server cannot be reached or answers with an error.
 * - `ERR_VACANCY_INVALID`: a vacancy link's server answers with something that is not a vacancy
 *   (or, asked for a request to answer it, not a request link).
 * - `ERR_WALLET_CONFIG_INVALID`: the wallet's own `wallet-config.json` is not what it should be.
 * - `ERR_TRUST_LIST_UNREACHABLE` / `ERR_TRUST_LIST_INVALID`: the list of recognised organisations
 *   cannot be read, or is not such a list.
 * - `ERR_CATALOGUE_UNREACHABLE` / `ERR_CATALOGUE_INVALID`: a training provider's module catalogue
 *   cannot be read, or is not a catalogue (of the provider the trust list names).
 * - `ERR_INTAKE_UNKNOWN`: an EVC provider does not know the intake link (404).
 * - `ERR_INTAKE_UNREACHABLE`: an EVC provider's intake cannot be reached or answers with an error.
 * - `ERR_INTAKE_INVALID`: an intake link's server answers with something that is not an intake
 *   (or, asked for an intake request, not a request link).
 */
export const WALLET_ONLY_CODES = [
  'ERR_OFFER_UNKNOWN',
  'ERR_REQUEST_UNKNOWN',
  'ERR_REQUEST_CLOSED',
  'ERR_PIN_REQUIRED',
  'ERR_PUBLICATION_UNREACHABLE',
  'ERR_PUBLICATION_TOO_MANY',
  'ERR_VACANCY_UNREACHABLE',
  'ERR_VACANCY_INVALID',
  'ERR_WALLET_CONFIG_INVALID',
  'ERR_TRUST_LIST_UNREACHABLE',
  'ERR_TRUST_LIST_INVALID',
  'ERR_CATALOGUE_UNREACHABLE',
  'ERR_CATALOGUE_INVALID',
  'ERR_INTAKE_UNKNOWN',
  'ERR_INTAKE_UNREACHABLE',
  'ERR_INTAKE_INVALID',
] as const;
export type WalletOnlyCode = (typeof WALLET_ONLY_CODES)[number];

/**
 * The codes the wallet shows a learner a message for: core's closed union, whose `// wallet`
 * block holds the wallet's own (receiving, sharing, backup), and {@link WalletOnlyCode};
 * verification failures use the codes the verifier uses too (`ERR_SIGNATURE_INVALID`, ...).
 */
export type WalletErrorCode = ErrorCode | WalletOnlyCode;

/** A refused wallet operation: a code the UI turns into plain words, and optional detail. */
export class WalletError extends Error {
  readonly code: WalletErrorCode;
  /** Extra words for the learner (e.g. the verifier's `error_description`); never a stack. */
  readonly detail: string | undefined;
  /**
   * Which check failed, as core's precise code (`ERR_JWS_ALG_NOT_ALLOWED` under
   * `ERR_CREDENTIAL_JWT_INVALID`, ...): the same code the verifier gives for the same input. The
   * learner is told `code`; `reason` is for tests and support (the error box's `data-reason`).
   */
  readonly reason: ErrorCode | undefined;

  constructor(
    code: WalletErrorCode,
    detail?: string,
    options: { cause?: unknown; reason?: ErrorCode | undefined } = {},
  ) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WalletError';
    this.code = code;
    this.detail = detail;
    this.reason = options.reason;
  }
}

export function isWalletError(value: unknown, code?: WalletErrorCode): value is WalletError {
  return value instanceof WalletError && (code === undefined || value.code === code);
}

/** Whether a wallet code is one of core's (what the verification pipeline and its callers take). */
export function isCoreCode(code: WalletErrorCode): code is ErrorCode {
  return !(WALLET_ONLY_CODES as readonly string[]).includes(code);
}
