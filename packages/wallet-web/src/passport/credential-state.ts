/** A credential's live status as the passport shows it. */
export type CredentialState = 'valid' | 'expired' | 'revoked' | 'suspended' | 'unrecognised' | 'unknown';
