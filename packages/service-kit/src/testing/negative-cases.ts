/**
 * The classes of the negative-case suite (issue 8). A test that proves an attack or a fault is
 * refused carries its class as a tag at the start of its title, `[replay] refuses a reused nonce`;
 * `scripts/run-jest.mjs` counts the passed tests per tag after every run. Tag only tests that feed
 * bad input or a fault and assert it is refused or survived — never the happy path.
 */
export const NEGATIVE_CLASSES = [
  'JOSE attacks',
  'issuer spoofing and holder binding',
  'replay',
  'dates',
  'status lists',
  'DID resolution',
  'request bodies',
  'access control',
  'credential content',
  'property tests',
  'faults',
  'logs and headers',
  'JSON-LD and Data Integrity',
  'SD-JWT VC',
] as const;

export type NegativeClass = (typeof NEGATIVE_CLASSES)[number];

/** The class an error code (ours, or an OAuth `error`) belongs to. */
const CLASS_OF_CODE: Record<string, NegativeClass> = {
  ERR_JWS_MALFORMED: 'JOSE attacks',
  ERR_JWS_ALG_NOT_ALLOWED: 'JOSE attacks',
  ERR_JWS_HEADER_FORBIDDEN: 'JOSE attacks',
  ERR_JWS_CRIT_UNSUPPORTED: 'JOSE attacks',
  ERR_JSON_DUPLICATE_KEY: 'JOSE attacks',
  ERR_SIGNATURE_INVALID: 'JOSE attacks',
  ERR_CREDENTIAL_JWT_INVALID: 'JOSE attacks',
  invalid_proof: 'issuer spoofing and holder binding',
  ERR_ISSUER_MISMATCH: 'issuer spoofing and holder binding',
  ERR_HOLDER_MISMATCH: 'issuer spoofing and holder binding',
  ERR_ISSUER_UNKNOWN: 'issuer spoofing and holder binding',
  ERR_ISSUER_NOT_ACCREDITED: 'issuer spoofing and holder binding',
  ERR_ISSUER_SELF_DECLARED: 'issuer spoofing and holder binding',
  ERR_KEY_NOT_FOUND: 'issuer spoofing and holder binding',
  ERR_CLIENT_ID_MISMATCH: 'issuer spoofing and holder binding',
  ERR_NONCE_INVALID: 'replay',
  invalid_nonce: 'replay',
  ERR_AUDIENCE_INVALID: 'replay',
  ERR_PRESENTATION_STALE: 'replay',
  ERR_REQUEST_EXPIRED: 'replay',
  ERR_REQUEST_ALREADY_ANSWERED: 'replay',
  ERR_OFFER_REDEEMED: 'replay',
  ERR_OFFER_WITHDRAWN: 'replay',
  ERR_OFFER_EXPIRED: 'replay',
  ERR_PUBLICATION_WITHDRAWN: 'replay',
  ERR_VACANCY_WITHDRAWN: 'replay',
  ERR_IDEMPOTENCY_KEY_REUSED: 'replay',
  ERR_CREDENTIAL_DUPLICATE: 'replay',
  ERR_CREDENTIAL_EXPIRED: 'dates',
  ERR_CREDENTIAL_NOT_YET_VALID: 'dates',
  ERR_CREDENTIAL_REVOKED: 'status lists',
  ERR_CREDENTIAL_SUSPENDED: 'status lists',
  ERR_STATUS_TYPE_UNSUPPORTED: 'status lists',
  ERR_STATUS_LIST_INVALID: 'status lists',
  ERR_STATUS_LIST_TOO_LARGE: 'status lists',
  ERR_STATUS_LIST_UNREACHABLE: 'status lists',
  ERR_STATUS_LIST_ISSUER_MISMATCH: 'status lists',
  ERR_STATUS_INDEX_OUT_OF_RANGE: 'status lists',
  ERR_DID_INVALID: 'DID resolution',
  ERR_DID_METHOD_UNSUPPORTED: 'DID resolution',
  ERR_DID_RESOLUTION_FAILED: 'DID resolution',
  ERR_DID_DOCUMENT_INVALID: 'DID resolution',
  ERR_FETCH_BLOCKED: 'DID resolution',
  ERR_FETCH_FAILED: 'DID resolution',
  ERR_FETCH_TIMEOUT: 'DID resolution',
  ERR_FETCH_TOO_LARGE: 'DID resolution',
  ERR_TOO_MANY_CREDENTIALS: 'DID resolution',
  ERR_INSECURE_URL: 'DID resolution',
  ERR_NOT_AN_OBJECT: 'request bodies',
  ERR_FORBIDDEN_KEY: 'request bodies',
  ERR_INPUT_TOO_LARGE: 'request bodies',
  ERR_INPUT_TOO_DEEP: 'request bodies',
  ERR_MALFORMED_JSON: 'request bodies',
  ERR_UNSUPPORTED_MEDIA_TYPE: 'request bodies',
  ERR_PAYLOAD_TOO_LARGE: 'request bodies',
  ERR_VALIDATION: 'request bodies',
  ERR_CSV_INVALID: 'request bodies',
  ERR_UNKNOWN_SKILL: 'request bodies',
  ERR_OFFER_INVALID: 'request bodies',
  ERR_REQUEST_INVALID: 'request bodies',
  ERR_PRESENTATION_INVALID: 'request bodies',
  ERR_BACKUP_DAMAGED: 'request bodies',
  invalid_request: 'request bodies',
  invalid_notification_request: 'request bodies',
  invalid_notification_id: 'request bodies',
  credential_request_denied: 'replay',
  ERR_SCHEMA_INVALID: 'credential content',
  ERR_UNKNOWN_CREDENTIAL_TYPE: 'credential content',
  ERR_CREDENTIAL_TYPE_MISMATCH: 'credential content',
  ERR_UNAUTHENTICATED: 'access control',
  ERR_FORBIDDEN: 'access control',
  ERR_CREDENTIAL_TYPE_NOT_ALLOWED: 'access control',
  ERR_NOT_FOUND: 'access control',
  ERR_PUBLICATION_UNKNOWN: 'access control',
  ERR_VACANCY_UNKNOWN: 'access control',
  ERR_RATE_LIMITED: 'access control',
  ERR_BACKUP_PASSPHRASE: 'access control',
  invalid_grant: 'access control',
  invalid_token: 'access control',
  ERR_STORAGE_UNAVAILABLE: 'faults',
  ERR_JSONLD_CONTEXT_UNKNOWN: 'JSON-LD and Data Integrity',
  ERR_JSONLD_INVALID: 'JSON-LD and Data Integrity',
  ERR_JSONLD_TOO_COMPLEX: 'JSON-LD and Data Integrity',
  ERR_PROOF_MISSING: 'JSON-LD and Data Integrity',
  ERR_PROOF_INVALID: 'JSON-LD and Data Integrity',
  ERR_PROOF_MULTIPLE: 'JSON-LD and Data Integrity',
  ERR_PROOF_TYPE_UNSUPPORTED: 'JSON-LD and Data Integrity',
  ERR_PROOF_PURPOSE_MISMATCH: 'JSON-LD and Data Integrity',
  ERR_PROOF_CREATED_IN_FUTURE: 'JSON-LD and Data Integrity',
  ERR_PROOF_CHALLENGE_MISMATCH: 'replay',
  ERR_PROOF_DOMAIN_MISMATCH: 'replay',
  ERR_SIGNATURE_NOT_CANONICAL: 'JOSE attacks',
  ERR_JWS_ALG_KEY_MISMATCH: 'JOSE attacks',
  ERR_SD_JWT_MALFORMED: 'SD-JWT VC',
  ERR_SD_JWT_TYP: 'SD-JWT VC',
  ERR_SD_JWT_HASH_ALG: 'SD-JWT VC',
  ERR_DISCLOSURE_MALFORMED: 'SD-JWT VC',
  ERR_DISCLOSURE_UNREFERENCED: 'SD-JWT VC',
  ERR_DISCLOSURE_DUPLICATE: 'SD-JWT VC',
  ERR_DISCLOSURE_CLAIM_CLASH: 'SD-JWT VC',
  ERR_KB_JWT_MISSING: 'SD-JWT VC',
  ERR_KB_JWT_INVALID: 'SD-JWT VC',
  ERR_KB_JWT_SD_HASH: 'SD-JWT VC',
  ERR_CNF_MISSING: 'SD-JWT VC',
  ERR_VCT_UNKNOWN: 'SD-JWT VC',
  ERR_VCT_INTEGRITY: 'SD-JWT VC',
};

/** The class of a refusal by its code; an unmapped code is a mistake in the test, so it throws. */
export function classOfCode(code: string): NegativeClass {
  const found = CLASS_OF_CODE[code];
  if (found === undefined) throw new Error(`no negative-case class for ${code}; add it to negative-cases.ts`);
  return found;
}

/** `[class] title`: the tag the test runner counts. */
export function tagged(negativeClass: NegativeClass, title: string): string {
  return `[${negativeClass}] ${title}`;
}

/** Table rows with the class of each row's code put in front, for a `[%s] ...` title. */
export function classified<Row extends readonly unknown[]>(
  rows: readonly Row[],
  codeAt: number,
): [NegativeClass, ...Row][] {
  return rows.map((row) => [classOfCode(String(row[codeAt])), ...row]);
}

/** Object rows with `class` set from each row's `code`, for a `[$class] ...` title. */
export function withClass<Row extends { code: string }>(
  rows: readonly Row[],
): (Row & { class: NegativeClass })[] {
  return rows.map((row) => ({ ...row, class: classOfCode(row.code) }));
}
