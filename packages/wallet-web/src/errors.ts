import type { ErrorCode } from '@skills-passport/core';

/**
 * Codes the wallet shows a learner a message for: core's codes plus the wallet's own (receiving,
 * sharing, backup). Kept here until they join core's union in a `// wallet` block.
 */
export type WalletErrorCode =
  | ErrorCode
  | 'ERR_OFFER_INVALID'
  | 'ERR_ISSUER_UNREACHABLE'
  | 'ERR_TOKEN_REFUSED'
  | 'ERR_ISSUANCE_REFUSED'
  | 'ERR_CREDENTIAL_MALFORMED'
  | 'ERR_CREDENTIAL_SIGNATURE'
  | 'ERR_CREDENTIAL_HOLDER'
  | 'ERR_CREDENTIAL_ISSUER_DID'
  | 'ERR_CREDENTIAL_STATUS_REVOKED'
  | 'ERR_CREDENTIAL_STATUS_SUSPENDED'
  | 'ERR_CREDENTIAL_STATUS_UNAVAILABLE'
  | 'ERR_CREDENTIAL_DUPLICATE'
  | 'ERR_REQUEST_INVALID'
  | 'ERR_CLIENT_ID_MISMATCH'
  | 'ERR_VERIFIER_UNREACHABLE'
  | 'ERR_PRESENTATION_REJECTED'
  | 'ERR_NOTHING_SELECTED'
  | 'ERR_BACKUP_PASSPHRASE'
  | 'ERR_BACKUP_DAMAGED'
  | 'ERR_INSECURE_URL'
  | 'ERR_KEY_UNAVAILABLE';

/** A refused wallet operation: a code the UI turns into plain words, and optional detail. */
export class WalletError extends Error {
  readonly code: WalletErrorCode;
  /** Extra words for the learner (e.g. the verifier's `error_description`); never a stack. */
  readonly detail: string | undefined;

  constructor(code: WalletErrorCode, detail?: string, options: { cause?: unknown } = {}) {
    super(detail ?? code, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WalletError';
    this.code = code;
    this.detail = detail;
  }
}

export function isWalletError(value: unknown, code?: WalletErrorCode): value is WalletError {
  return value instanceof WalletError && (code === undefined || value.code === code);
}
