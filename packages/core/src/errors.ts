/**
 * The one closed union of error codes used across Skills Passport. Domain code throws
 * {@link SkillsPassportError} with one of these; each service maps code -> HTTP status at its edge.
 * Codes are stable: clients and tests match on them, never on messages.
 */
export type ErrorCode =
  // input shape (any service)
  | 'ERR_NOT_AN_OBJECT'
  | 'ERR_FORBIDDEN_KEY'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_INPUT_TOO_DEEP'
  | 'ERR_MALFORMED_JSON'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  // credential model
  | 'ERR_UNKNOWN_CREDENTIAL_TYPE'
  | 'ERR_CREDENTIAL_TYPE_MISMATCH'
  | 'ERR_SCHEMA_INVALID'
  // JSON-LD: a context outside the static map, or a document that does not expand in safe mode
  | 'ERR_JSONLD_CONTEXT_UNKNOWN'
  | 'ERR_JSONLD_INVALID'
  // canonicalization ran past its bounds (blank-node work, time): an input built to be slow
  | 'ERR_JSONLD_TOO_COMPLEX'
  // Data Integrity proofs (packages/core/src/data-integrity)
  | 'ERR_PROOF_MISSING'
  | 'ERR_PROOF_INVALID'
  | 'ERR_PROOF_MULTIPLE'
  | 'ERR_PROOF_TYPE_UNSUPPORTED'
  | 'ERR_PROOF_PURPOSE_MISMATCH'
  | 'ERR_PROOF_CREATED_IN_FUTURE'
  | 'ERR_PROOF_CHALLENGE_MISMATCH'
  | 'ERR_PROOF_DOMAIN_MISMATCH'
  // taxonomy
  | 'ERR_TAXONOMY_FORMAT'
  // issuer: access, tenancy and issuance
  | 'ERR_UNAUTHENTICATED'
  | 'ERR_FORBIDDEN'
  | 'ERR_CREDENTIAL_TYPE_NOT_ALLOWED'
  | 'ERR_IDEMPOTENCY_KEY_REUSED'
  | 'ERR_INVALID_STATE'
  | 'ERR_CONFLICT'
  // the resource changed since the client read it (If-Match named another version)
  | 'ERR_PRECONDITION_FAILED'
  | 'ERR_VALIDATION'
  | 'ERR_CSV_INVALID'
  | 'ERR_PAYLOAD_TOO_LARGE'
  | 'ERR_RATE_LIMITED'
  | 'ERR_STORAGE_UNAVAILABLE'
  | 'ERR_OFFER_EXPIRED'
  | 'ERR_OFFER_REDEEMED'
  | 'ERR_OFFER_WITHDRAWN'
  /** Offer e-mail asked for a learner whose contact is not an e-mail address. */
  | 'ERR_NO_EMAIL_ADDRESS'
  /** issuer: an intake asked for a standard the EVC provider does not offer. */
  | 'ERR_STANDARD_UNKNOWN'
  // verification (packages/core/src/verification, packages/verifier)
  | 'ERR_JWS_MALFORMED'
  | 'ERR_JWS_ALG_NOT_ALLOWED'
  | 'ERR_JWS_HEADER_FORBIDDEN'
  | 'ERR_JWS_CRIT_UNSUPPORTED'
  | 'ERR_JSON_DUPLICATE_KEY'
  | 'ERR_SIGNATURE_INVALID'
  // an ECDSA signature with a high S (the malleable twin of a valid one)
  | 'ERR_SIGNATURE_NOT_CANONICAL'
  // the header's alg is not the algorithm of the key that must verify it
  | 'ERR_JWS_ALG_KEY_MISMATCH'
  | 'ERR_DID_INVALID'
  | 'ERR_DID_METHOD_UNSUPPORTED'
  | 'ERR_DID_RESOLUTION_FAILED'
  | 'ERR_DID_DOCUMENT_INVALID'
  | 'ERR_KEY_NOT_FOUND'
  | 'ERR_CREDENTIAL_JWT_INVALID'
  | 'ERR_ISSUER_MISMATCH'
  | 'ERR_HOLDER_MISMATCH'
  | 'ERR_CREDENTIAL_EXPIRED'
  | 'ERR_CREDENTIAL_NOT_YET_VALID'
  | 'ERR_CREDENTIAL_REVOKED'
  | 'ERR_CREDENTIAL_SUSPENDED'
  | 'ERR_STATUS_TYPE_UNSUPPORTED'
  | 'ERR_STATUS_LIST_INVALID'
  | 'ERR_STATUS_LIST_TOO_LARGE'
  | 'ERR_STATUS_LIST_UNREACHABLE'
  | 'ERR_STATUS_LIST_ISSUER_MISMATCH'
  | 'ERR_STATUS_INDEX_OUT_OF_RANGE'
  | 'ERR_ISSUER_UNKNOWN'
  | 'ERR_ISSUER_NOT_ACCREDITED'
  // the credential's issuer is its own subject: self-declared, never proof
  | 'ERR_ISSUER_SELF_DECLARED'
  | 'ERR_PRESENTATION_INVALID'
  | 'ERR_NONCE_INVALID'
  | 'ERR_AUDIENCE_INVALID'
  | 'ERR_PRESENTATION_STALE'
  | 'ERR_TOO_MANY_CREDENTIALS'
  | 'ERR_FETCH_BLOCKED'
  | 'ERR_FETCH_FAILED'
  | 'ERR_FETCH_TIMEOUT'
  | 'ERR_FETCH_TOO_LARGE'
  | 'ERR_REQUEST_EXPIRED'
  | 'ERR_REQUEST_ALREADY_ANSWERED'
  | 'ERR_UNKNOWN_SKILL'
  | 'ERR_CONFIG_INVALID'
  // verifier: publications (a learner's credentials behind a link they can withdraw)
  | 'ERR_PUBLICATION_INVALID'
  | 'ERR_PUBLICATION_UNKNOWN'
  | 'ERR_PUBLICATION_WITHDRAWN'
  // verifier: published vacancies (an employer's skills query behind a public link)
  | 'ERR_VACANCY_UNKNOWN'
  | 'ERR_VACANCY_WITHDRAWN'
  // SD-JWT VC (packages/core/src/sd-jwt)
  | 'ERR_SD_JWT_MALFORMED'
  | 'ERR_SD_JWT_TYP'
  | 'ERR_SD_JWT_HASH_ALG'
  | 'ERR_DISCLOSURE_MALFORMED'
  | 'ERR_DISCLOSURE_UNREFERENCED'
  | 'ERR_DISCLOSURE_DUPLICATE'
  | 'ERR_DISCLOSURE_CLAIM_CLASH'
  | 'ERR_KB_JWT_MISSING'
  | 'ERR_KB_JWT_INVALID'
  | 'ERR_KB_JWT_SD_HASH'
  | 'ERR_CNF_MISSING'
  | 'ERR_VCT_UNKNOWN'
  | 'ERR_VCT_INTEGRITY'
  // wallet (packages/wallet-web): receiving, sharing, backup
  | 'ERR_OFFER_INVALID'
  | 'ERR_ISSUER_UNREACHABLE'
  | 'ERR_TOKEN_REFUSED'
  | 'ERR_ISSUANCE_REFUSED'
  | 'ERR_CREDENTIAL_DUPLICATE'
  | 'ERR_REQUEST_INVALID'
  | 'ERR_CLIENT_ID_MISMATCH'
  | 'ERR_VERIFIER_UNREACHABLE'
  | 'ERR_PRESENTATION_REJECTED'
  | 'ERR_NOTHING_SELECTED'
  | 'ERR_BACKUP_PASSPHRASE'
  | 'ERR_BACKUP_DAMAGED'
  | 'ERR_INSECURE_URL'
  // generic
  | 'ERR_NOT_FOUND'
  | 'ERR_INTERNAL';

/** A plain-language problem with one place in a document, addressed by JSON pointer (RFC 6901). */
export interface ValidationIssue {
  /** JSON pointer to the offending value; `''` is the document itself. */
  pointer: string;
  /** What kind of rule failed: a JSON Schema keyword (`required`, `format`, ...) or one of ours (`unknown_level`, ...). */
  rule: string;
  /** What is wrong and what was expected, in words a person can act on. */
  message: string;
}

/** The error every domain module throws for bad input or a refused operation. */
export class SkillsPassportError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly ValidationIssue[];

  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; issues?: ValidationIssue[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SkillsPassportError';
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

/** True when `value` is a {@link SkillsPassportError}, optionally with the given code. */
export function isSkillsPassportError(value: unknown, code?: ErrorCode): value is SkillsPassportError {
  return value instanceof SkillsPassportError && (code === undefined || value.code === code);
}
