import type { ErrorCode, ValidationIssue } from '../errors.js';

/** Bounds on untrusted JSON before any schema or code looks at it. */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays. */
  maxDepth: number;
  /** Most values (objects, arrays, primitives) in the whole document. */
  maxNodes: number;
  /** Longest single string or key, in characters. */
  maxStringLength: number;
  /** Most characters over all strings and keys together. */
  maxTotalChars: number;
}

/** Limits that fit any credential we issue (up to 200 skills) with room to spare. */
export const DEFAULT_JSON_LIMITS: JsonLimits = Object.freeze({
  maxDepth: 24,
  maxNodes: 20_000,
  maxStringLength: 20_000,
  maxTotalChars: 1_000_000,
});

/** Keys that can pollute prototypes when untrusted JSON is merged into objects. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The first problem found, if any. */
export interface JsonGuardFailure {
  code: ErrorCode;
  issue: ValidationIssue;
}

function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A plain object of any realm (vm contexts and workers have their own Object.prototype). */
function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A value still to visit, and where it is: its parent's entry and its key or index there. */
interface Pending {
  value: unknown;
  depth: number;
  parent: Pending | undefined;
  token: string | number;
}

/** The JSON pointer of a visited value, built only when a problem is reported. */
function pointerOf(entry: Pending | undefined): string {
  const tokens: string[] = [];
  for (let at = entry; at?.parent !== undefined; at = at.parent)
    tokens.push(typeof at.token === 'number' ? String(at.token) : escapePointerToken(at.token));
  return tokens
    .reverse()
    .map((token) => `/${token}`)
    .join('');
}

/**
 * Walks untrusted JSON once, iteratively (deep input cannot overflow the stack), and reports the
 * first value that is not plain JSON, a prototype-pollution key, or a size or depth beyond `limits`.
 * Returns `undefined` when the value is safe to hand to a schema validator.
 */
export function guardJson(
  value: unknown,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): JsonGuardFailure | undefined {
  const stack: Pending[] = [{ value, depth: 0, parent: undefined, token: '' }];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const entry = stack.pop()!;
    const { value: current, depth } = entry;
    nodes += 1;
    if (nodes > limits.maxNodes) {
      return {
        code: 'ERR_INPUT_TOO_LARGE',
        issue: {
          pointer: '',
          rule: 'max_nodes',
          message: `The document has more than ${limits.maxNodes} values.`,
        },
      };
    }
    if (typeof current === 'string') {
      chars += current.length;
      if (current.length > limits.maxStringLength) {
        return {
          code: 'ERR_INPUT_TOO_LARGE',
          issue: {
            pointer: pointerOf(entry),
            rule: 'max_string_length',
            message: `This text is longer than ${limits.maxStringLength} characters.`,
          },
        };
      }
    } else if (current === null || typeof current === 'number' || typeof current === 'boolean') {
      if (typeof current === 'number' && !Number.isFinite(current)) {
        return {
          code: 'ERR_NOT_AN_OBJECT',
          issue: { pointer: pointerOf(entry), rule: 'not_json', message: 'Not a JSON number.' },
        };
      }
    } else if (typeof current === 'object') {
      if (depth >= limits.maxDepth) {
        return {
          code: 'ERR_INPUT_TOO_DEEP',
          issue: {
            pointer: pointerOf(entry),
            rule: 'max_depth',
            message: `Nested deeper than ${limits.maxDepth} levels.`,
          },
        };
      }
      if (Array.isArray(current)) {
        for (let i = current.length - 1; i >= 0; i -= 1) {
          stack.push({ value: current[i], depth: depth + 1, parent: entry, token: i });
        }
      } else if (isPlainObject(current)) {
        for (const key of Object.keys(current)) {
          chars += key.length;
          if (FORBIDDEN_KEYS.has(key)) {
            return {
              code: 'ERR_FORBIDDEN_KEY',
              issue: {
                pointer: `${pointerOf(entry)}/${escapePointerToken(key)}`,
                rule: 'forbidden_key',
                message: `The key "${key}" is not allowed anywhere in a document.`,
              },
            };
          }
          if (key.length > limits.maxStringLength) {
            return {
              code: 'ERR_INPUT_TOO_LARGE',
              issue: { pointer: pointerOf(entry), rule: 'max_string_length', message: 'A key is too long.' },
            };
          }
          stack.push({
            value: (current as Record<string, unknown>)[key],
            depth: depth + 1,
            parent: entry,
            token: key,
          });
        }
      } else {
        return {
          code: 'ERR_NOT_AN_OBJECT',
          issue: {
            pointer: pointerOf(entry),
            rule: 'not_json',
            message: 'Only plain JSON objects, arrays and values are accepted.',
          },
        };
      }
    } else {
      return {
        code: 'ERR_NOT_AN_OBJECT',
        issue: {
          pointer: pointerOf(entry),
          rule: 'not_json',
          message: `A ${typeof current} is not a JSON value.`,
        },
      };
    }
    if (chars > limits.maxTotalChars) {
      return {
        code: 'ERR_INPUT_TOO_LARGE',
        issue: {
          pointer: '',
          rule: 'max_total_chars',
          message: `The document holds more than ${limits.maxTotalChars} characters of text.`,
        },
      };
    }
  }
  return undefined;
}
