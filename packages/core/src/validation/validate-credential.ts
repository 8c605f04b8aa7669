import type { CredentialDocument } from '../credential-model.js';
import { CREDENTIAL_TYPES, isCredentialTypeName, type CredentialTypeName } from '../credential-types.js';
import { SkillsPassportError, type ErrorCode, type ValidationIssue } from '../errors.js';
import { consistencyIssues } from './consistency-checks.js';
import { DEFAULT_JSON_LIMITS, guardJson, type JsonLimits } from './json-guard.js';
import { schemaIssues } from './schema-messages.js';
import { credentialValidators } from './schema-registry.js';

/** The verdict on a credential document: never thrown, always returned. */
export type CredentialValidation =
  | { valid: true; type: CredentialTypeName; credential: CredentialDocument }
  | { valid: false; code: ErrorCode; issues: ValidationIssue[] };

export interface ValidateCredentialOptions {
  /** Refuse documents of any other type (`ERR_CREDENTIAL_TYPE_MISMATCH`). */
  expectedType?: CredentialTypeName;
  /** Size and depth bounds; defaults to {@link DEFAULT_JSON_LIMITS}. */
  limits?: JsonLimits;
  /**
   * The input was parsed from JSON text held to these `limits` and screened for
   * prototype-pollution keys (`parseStrictJson` with limits): the walk is not made again.
   */
  screened?: boolean;
  /**
   * The document holds only what a holder disclosed (an SD-JWT VC presentation): a missing member
   * or array element is not an issue; anything present is checked as usual, consistency included.
   */
  partial?: boolean;
}

/** Schema rules that only say something is missing: what a selective disclosure leaves out. */
const WITHHELD_RULES = new Set(['required', 'minItems']);

function failure(code: ErrorCode, issues: ValidationIssue[]): CredentialValidation {
  return { valid: false, code, issues };
}

function detectType(doc: Record<string, unknown>): CredentialTypeName | ValidationIssue {
  const types = doc.type;
  if (!Array.isArray(types)) {
    return {
      pointer: '/type',
      rule: 'credential_type',
      message: `"type" must be a list naming one of ${CREDENTIAL_TYPES.join(', ')}.`,
    };
  }
  const ours = types.filter(isCredentialTypeName);
  if (ours.length !== 1) {
    return {
      pointer: '/type',
      rule: 'credential_type',
      message:
        ours.length === 0
          ? `Unknown credential type; expected one of ${CREDENTIAL_TYPES.join(', ')}.`
          : 'A credential has exactly one Skills Passport type.',
    };
  }
  return ours[0]!;
}

/**
 * Validates an unsigned credential document (the `vc` inside a JWT, or what an issuer submits)
 * against the JSON Schema of its type and the cross-reference rules. Safe on any input: untrusted
 * JSON is bounded and screened for prototype-pollution keys first, and nothing is thrown.
 *
 * Codes: `ERR_NOT_AN_OBJECT`, `ERR_FORBIDDEN_KEY`, `ERR_INPUT_TOO_LARGE`, `ERR_INPUT_TOO_DEEP`,
 * `ERR_UNKNOWN_CREDENTIAL_TYPE`, `ERR_CREDENTIAL_TYPE_MISMATCH`, `ERR_SCHEMA_INVALID`.
 */
export function validateCredential(
  input: unknown,
  options: ValidateCredentialOptions = {},
): CredentialValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return failure('ERR_NOT_AN_OBJECT', [
      { pointer: '', rule: 'type', message: 'A credential must be a JSON object.' },
    ]);
  }
  if (options.screened !== true) {
    const guarded = guardJson(input, options.limits ?? DEFAULT_JSON_LIMITS);
    if (guarded !== undefined) return failure(guarded.code, [guarded.issue]);
  }

  const doc = input as Record<string, unknown>;
  const type = detectType(doc);
  if (typeof type !== 'string') return failure('ERR_UNKNOWN_CREDENTIAL_TYPE', [type]);
  if (options.expectedType !== undefined && type !== options.expectedType) {
    return failure('ERR_CREDENTIAL_TYPE_MISMATCH', [
      {
        pointer: '/type',
        rule: 'credential_type',
        message: `Expected a ${options.expectedType}, got a ${type}.`,
      },
    ]);
  }

  const validate = credentialValidators()[type];
  if (!validate(doc)) {
    // A partial document may miss members (or array elements) it was allowed to withhold;
    // everything it does carry is held to the schema as usual.
    // Filtered before the plain-language messages are written: those cost more than validating.
    const errors = (validate.errors ?? []).filter(
      (error) => options.partial !== true || !WITHHELD_RULES.has(error.keyword),
    );
    const issues = schemaIssues(errors);
    if (issues.length > 0) return failure('ERR_SCHEMA_INVALID', issues);
  }

  const credential = doc as unknown as CredentialDocument;
  const issues = consistencyIssues(credential);
  if (issues.length > 0) return failure('ERR_SCHEMA_INVALID', issues);
  return { valid: true, type, credential };
}

/** Like {@link validateCredential}, but throws a {@link SkillsPassportError} carrying the issues. */
export function assertValidCredential(
  input: unknown,
  options: ValidateCredentialOptions = {},
): CredentialDocument {
  const result = validateCredential(input, options);
  if (result.valid) return result.credential;
  throw new SkillsPassportError(result.code, 'The credential document is not valid.', {
    issues: result.issues,
  });
}
