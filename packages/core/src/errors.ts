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
  // taxonomy
  | 'ERR_TAXONOMY_FORMAT'
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
