import { COMMON_STATUS, type StatusTable } from '@skills-passport/service-kit';
import type { OAuthErrorCode } from '../domain/oauth-error.js';

/** The issuer's code -> HTTP status table: the only place its error codes meet HTTP. */
export const ISSUER_STATUS = {
  ...COMMON_STATUS,
  ERR_UNKNOWN_CREDENTIAL_TYPE: 422,
  ERR_CREDENTIAL_TYPE_MISMATCH: 422,
  ERR_SCHEMA_INVALID: 422,
  ERR_CSV_INVALID: 422,
  ERR_IDEMPOTENCY_KEY_REUSED: 422,
  ERR_FORBIDDEN: 403,
  ERR_CREDENTIAL_TYPE_NOT_ALLOWED: 403,
  ERR_CONFLICT: 409,
  ERR_PRECONDITION_FAILED: 412,
  ERR_INVALID_STATE: 409,
  ERR_OFFER_EXPIRED: 410,
  ERR_OFFER_REDEEMED: 410,
  ERR_OFFER_WITHDRAWN: 410,
  ERR_NO_EMAIL_ADDRESS: 409,
  ERR_STANDARD_UNKNOWN: 422,
  ERR_REQUEST_EXPIRED: 410,
  ERR_REQUEST_ALREADY_ANSWERED: 410,
} as const satisfies StatusTable;

export const ISSUER_TITLES = {
  ERR_SCHEMA_INVALID: 'The credential content is not valid',
  ERR_STANDARD_UNKNOWN: 'No such standard',
  ERR_REQUEST_EXPIRED: 'The request has expired',
  ERR_REQUEST_ALREADY_ANSWERED: 'The request has been answered',
} as const;

/** HTTP status of each OAuth error the OpenID4VCI endpoints answer with (RFC 6749 §5.2, RFC 6750 §3.1). */
export const OAUTH_STATUS: Readonly<Record<OAuthErrorCode, number>> = {
  invalid_request: 400,
  invalid_grant: 400,
  unsupported_grant_type: 400,
  invalid_client: 401,
  invalid_token: 401,
  invalid_credential_request: 400,
  unknown_credential_configuration: 400,
  invalid_proof: 400,
  invalid_nonce: 400,
  credential_request_denied: 400,
  invalid_notification_id: 400,
  invalid_notification_request: 400,
};
