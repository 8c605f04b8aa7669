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

/** Where the walk is: the keys and indexes from the root to the value being looked at. */
type Path = (string | number)[];

function pointerOf(path: Path): string {
  return path.map((token) => `/${typeof token === 'number' ? token : escapePointerToken(token)}`).join('');
}

/**
 * Walks untrusted JSON once and reports the first value that is not plain JSON, a
 * prototype-pollution key, or a size or depth beyond `limits`. Returns `undefined` when the value
 * is safe to hand to a schema validator. The walk recurses, but never deeper than
 * `limits.maxDepth` (checked before each step down), and builds a JSON pointer only for the
 * value it reports: it runs before every validation.
 */
export function guardJson(
  value: unknown,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): JsonGuardFailure | undefined {
  return inspectJson(value, limits).failure;
}

/** What {@link inspectJson} found: the first problem, and how many object members it walked. */
export interface JsonInspection {
  failure?: JsonGuardFailure;
  /** Members (key and value) of all objects, counted up to the first problem. */
  members: number;
}

/** {@link guardJson}, also counting the members of all objects (parseStrictJson's duplicate check). */
export function inspectJson(value: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS): JsonInspection {
  const state: WalkState = { nodes: 0, chars: 0, members: 0 };
  const failure = visit(value, 0, [], limits, state);
  return failure === undefined ? { members: state.members } : { failure, members: state.members };
}

interface WalkState {
  nodes: number;
  chars: number;
  members: number;
}

function visit(
  current: unknown,
  depth: number,
  path: Path,
  limits: JsonLimits,
  state: WalkState,
): JsonGuardFailure | undefined {
  state.nodes += 1;
  if (state.nodes > limits.maxNodes) {
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
    state.chars += current.length;
    if (current.length > limits.maxStringLength) {
      return {
        code: 'ERR_INPUT_TOO_LARGE',
        issue: {
          pointer: pointerOf(path),
          rule: 'max_string_length',
          message: `This text is longer than ${limits.maxStringLength} characters.`,
        },
      };
    }
    return totalChars(state, limits);
  }
  if (current === null || typeof current === 'boolean') return undefined;
  if (typeof current === 'number') {
    return Number.isFinite(current)
      ? undefined
      : {
          code: 'ERR_NOT_AN_OBJECT',
          issue: { pointer: pointerOf(path), rule: 'not_json', message: 'Not a JSON number.' },
        };
  }
  if (typeof current !== 'object') {
    return {
      code: 'ERR_NOT_AN_OBJECT',
      issue: {
        pointer: pointerOf(path),
        rule: 'not_json',
        message: `A ${typeof current} is not a JSON value.`,
      },
    };
  }
  if (depth >= limits.maxDepth) {
    return {
      code: 'ERR_INPUT_TOO_DEEP',
      issue: {
        pointer: pointerOf(path),
        rule: 'max_depth',
        message: `Nested deeper than ${limits.maxDepth} levels.`,
      },
    };
  }
  if (Array.isArray(current)) {
    for (let i = 0; i < current.length; i += 1) {
      path.push(i);
      const found = visit(current[i], depth + 1, path, limits, state);
      path.pop();
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isPlainObject(current)) {
    return {
      code: 'ERR_NOT_AN_OBJECT',
      issue: {
        pointer: pointerOf(path),
        rule: 'not_json',
        message: 'Only plain JSON objects, arrays and values are accepted.',
      },
    };
  }
  for (const key of Object.keys(current)) {
    state.members += 1;
    state.chars += key.length;
    if (FORBIDDEN_KEYS.has(key)) {
      return {
        code: 'ERR_FORBIDDEN_KEY',
        issue: {
          pointer: `${pointerOf(path)}/${escapePointerToken(key)}`,
          rule: 'forbidden_key',
          message: `The key "${key}" is not allowed anywhere in a document.`,
        },
      };
    }
    if (key.length > limits.maxStringLength) {
      return {
        code: 'ERR_INPUT_TOO_LARGE',
        issue: { pointer: pointerOf(path), rule: 'max_string_length', message: 'A key is too long.' },
      };
    }
    const tooMuch = totalChars(state, limits);
    if (tooMuch !== undefined) return tooMuch;
    path.push(key);
    const found = visit((current as Record<string, unknown>)[key], depth + 1, path, limits, state);
    path.pop();
    if (found !== undefined) return found;
  }
  return undefined;
}

function totalChars(state: { chars: number }, limits: JsonLimits): JsonGuardFailure | undefined {
  return state.chars > limits.maxTotalChars
    ? {
        code: 'ERR_INPUT_TOO_LARGE',
        issue: {
          pointer: '',
          rule: 'max_total_chars',
          message: `The document holds more than ${limits.maxTotalChars} characters of text.`,
        },
      }
    : undefined;
}
