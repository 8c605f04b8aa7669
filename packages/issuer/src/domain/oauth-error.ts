/** Error codes the OAuth 2.0 token endpoint and the OpenID4VCI endpoints answer with. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'unsupported_grant_type'
  | 'invalid_client'
  | 'invalid_token'
  | 'invalid_credential_request'
  | 'unknown_credential_configuration'
  | 'invalid_proof'
  | 'invalid_nonce'
  | 'credential_request_denied'
  | 'invalid_notification_id'
  | 'invalid_notification_request';

/**
 * An error in the OAuth-style format OpenID4VCI prescribes for its endpoints:
 * `{ "error": code, "error_description": text }`. Its HTTP status is the edge's business (`http/codes.ts`).
 */
export class OAuthError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    readonly description: string,
  ) {
    super(description);
    this.name = 'OAuthError';
  }
}
