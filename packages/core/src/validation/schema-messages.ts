import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ValidationIssue } from '../errors.js';

type SchemaWithHint = { 'x-expected'?: unknown } | undefined;

function expectedHint(schema: unknown): string | undefined {
  const hint = (schema as SchemaWithHint)?.['x-expected'];
  return typeof hint === 'string' ? hint : undefined;
}

/** JSON Schema types in plain words (also used for 1EdTech's schema, ob-schema-issues.ts). */
export const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  null: 'null',
};

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return TYPE_WORDS[typeof value] ?? typeof value;
}

/** Allowed values as a person reads them: each as JSON, comma-separated. */
export function quoteList(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function childPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/** Turns one ajv error into a plain-language issue, or `undefined` for errors that only repeat another. */
function toIssue(error: ErrorObject): ValidationIssue | undefined {
  const hint = expectedHint(error.parentSchema);
  const at = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = String(params.missingProperty);
      return {
        pointer: childPointer(at, field),
        rule: 'required',
        message: `"${field}" is required here but missing.`,
      };
    }
    case 'unevaluatedProperties':
    case 'additionalProperties': {
      const field = String(params.unevaluatedProperty ?? params.additionalProperty);
      return {
        pointer: childPointer(at, field),
        rule: error.keyword,
        message: `"${field}" is not a known field here; check its spelling or remove it.`,
      };
    }
    case 'type':
      return {
        pointer: at,
        rule: 'type',
        message: `Expected ${TYPE_WORDS[String(params.type)] ?? String(params.type)}, got ${describeType(error.data)}.`,
      };
    case 'enum':
      return {
        pointer: at,
        rule: 'enum',
        message: `Expected ${hint ?? `one of ${quoteList(params.allowedValues as unknown[])}`}.`,
      };
    case 'const':
      return {
        pointer: at,
        rule: 'const',
        message: `Expected exactly ${JSON.stringify(params.allowedValue)}.`,
      };
    case 'format':
    case 'pattern':
    case 'not':
    case 'minProperties':
      return {
        pointer: at,
        rule: error.keyword,
        message: `Expected ${hint ?? (error.keyword === 'format' ? `a valid ${String(params.format)}` : 'a different form')}.`,
      };
    case 'minLength':
      return {
        pointer: at,
        rule: 'minLength',
        message: hint ? `Expected ${hint}.` : 'This text is too short.',
      };
    case 'maxLength':
      return {
        pointer: at,
        rule: 'maxLength',
        message: `This text is too long: at most ${String(params.limit)} characters.`,
      };
    case 'minItems':
      return {
        pointer: at,
        rule: 'minItems',
        message: `This list needs at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`,
      };
    case 'maxItems':
      return {
        pointer: at,
        rule: 'maxItems',
        message: `This list may hold at most ${String(params.limit)} items.`,
      };
    case 'uniqueItems':
      return {
        pointer: at,
        rule: 'uniqueItems',
        message: `Items ${String(params.j)} and ${String(params.i)} are the same; each may appear once.`,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words: Record<string, string> = {
        minimum: 'at least',
        maximum: 'at most',
        exclusiveMinimum: 'more than',
        exclusiveMaximum: 'less than',
      };
      return {
        pointer: at,
        rule: error.keyword,
        message: hint
          ? `Expected ${hint}.`
          : `Expected a number ${words[error.keyword]} ${String(params.limit)}.`,
      };
    }
    case 'contains': {
      const wanted = (error.parentSchema as { contains?: { const?: unknown } } | undefined)?.contains?.const;
      return {
        pointer: at,
        rule: 'contains',
        message:
          wanted === undefined
            ? 'A required entry is missing.'
            : `The list must include ${JSON.stringify(wanted)}.`,
      };
    }
    case 'if':
      // An `if` failure is always accompanied by the failure of its `then`, which says what is wrong.
      return undefined;
    default:
      return {
        pointer: at,
        rule: error.keyword,
        message: hint ? `Expected ${hint}.` : 'This value is not allowed here.',
      };
  }
}

/**
 * Converts ajv's errors into issues a person can act on: one per problem, addressed by JSON pointer,
 * without repeats. (Our schemas choose between forms with if/then/else, never oneOf, so every error
 * speaks of the form the value took.)
 */
export function schemaIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const issue = toIssue(error);
    if (issue === undefined) continue;
    const key = `${issue.pointer}\u0000${issue.rule}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
  }
  return issues;
}
