import type { ErrorCode } from '@skills-passport/core';

/**
 * The codes the wallet shows a learner a message for: core's closed union, whose `// wallet`
 * block holds the wallet's own (receiving, sharing, backup); verification failures use the codes
 * the verifier uses too (`ERR_SIGNATURE_INVALID`, `ERR_HOLDER_MISMATCH`, ...).
 */
export type WalletErrorCode = ErrorCode;

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
