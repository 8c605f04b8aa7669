import type { ErrorCode } from '../errors.js';
import type { JsonLimits } from '../validation/json-guard.js';

/** The outcome of {@link parseStrictJson}: the value, or why the text was refused. */
export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; code: ErrorCode; reason: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON text like `JSON.parse`, but refuses what `JSON.parse` silently accepts: an object
 * with the same member twice (`ERR_JSON_DUPLICATE_KEY` — two parsers could read different values),
 * prototype-pollution keys (`ERR_FORBIDDEN_KEY`), nesting deeper than `maxDepth`
 * (`ERR_INPUT_TOO_DEEP`) and text longer than `maxLength` (`ERR_INPUT_TOO_LARGE`). With `limits`,
 * the bounds of `guardJson` hold too (values, string length, all text), so the parsed value needs
 * no second walk. Other syntax errors are `ERR_MALFORMED_JSON`. Never throws.
 */
export function parseStrictJson(
  text: string,
  options: { maxDepth?: number; maxLength?: number; limits?: JsonLimits } = {},
): StrictJsonResult {
  const maxDepth = options.limits?.maxDepth ?? options.maxDepth ?? 24;
  if (text.length > (options.maxLength ?? 1_000_000)) {
    return { ok: false, code: 'ERR_INPUT_TOO_LARGE', reason: 'The JSON text is too long.' };
  }
  // The duplicate and key scan walks the text once; JSON.parse then builds the value, so the
  // grammar itself is the platform's, not ours.
  const scan = scanMembers(text, maxDepth, options.limits);
  if (scan !== undefined) return { ok: false, ...scan };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, code: 'ERR_MALFORMED_JSON', reason: 'The text is not valid JSON.' };
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;

/** True for the first character of a number or a literal (`true`, `false`, `null`). */
function startsPrimitive(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x74 || c === 0x66 || c === 0x6e;
}

/** True inside a number or a literal: digits, letters, `.`, `+`, `-`. */
function inPrimitive(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    c === 0x2e ||
    c === 0x2b ||
    c === 0x2d
  );
}

/** One open object (its keys so far, and whether a key comes next) or array (`keys` undefined). */
interface Frame {
  keys: string[] | undefined;
  expectKey: boolean;
}

function scanMembers(
  text: string,
  maxDepth: number,
  limits: JsonLimits | undefined,
): { code: ErrorCode; reason: string } | undefined {
  // Char codes and indexOf, not one-character strings; a short array of keys per object, not a
  // Set (objects have few members): this runs over every JWT we verify.
  const frames: Frame[] = [];
  const maxNodes = limits?.maxNodes ?? Number.POSITIVE_INFINITY;
  const maxString = limits?.maxStringLength ?? Number.POSITIVE_INFINITY;
  const maxChars = limits?.maxTotalChars ?? Number.POSITIVE_INFINITY;
  const tooLarge = (reason: string) => ({ code: 'ERR_INPUT_TOO_LARGE' as ErrorCode, reason });
  let nodes = 0;
  let chars = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (end < 0) return { code: 'ERR_MALFORMED_JSON', reason: 'A string is not closed.' };
      const size = end - i - 1;
      if (size > maxString) return tooLarge(`A text is longer than ${maxString} characters.`);
      chars += size;
      if (chars > maxChars) return tooLarge(`The document holds more than ${maxChars} characters of text.`);
      const frame = frames[frames.length - 1];
      if (frame?.keys !== undefined && frame.expectKey) {
        const raw = text.slice(i + 1, end);
        let key = raw;
        // Only a key with an escape needs decoding (and two spellings of one key are one key).
        if (raw.includes('\\')) {
          try {
            key = JSON.parse(`"${raw}"`) as string;
          } catch {
            return { code: 'ERR_MALFORMED_JSON', reason: 'A member name is not a valid JSON string.' };
          }
        }
        if (FORBIDDEN_KEYS.has(key))
          return { code: 'ERR_FORBIDDEN_KEY', reason: `The member "${key}" is not allowed.` };
        if (frame.keys.includes(key))
          return { code: 'ERR_JSON_DUPLICATE_KEY', reason: `The member "${key}" appears twice.` };
        frame.keys.push(key);
        frame.expectKey = false;
      } else if (++nodes > maxNodes) {
        return tooLarge(`The document has more than ${maxNodes} values.`);
      }
      i = end + 1;
      continue;
    }
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (frames.length >= maxDepth)
        return { code: 'ERR_INPUT_TOO_DEEP', reason: `Nested deeper than ${maxDepth} levels.` };
      if (++nodes > maxNodes) return tooLarge(`The document has more than ${maxNodes} values.`);
      const object = c === OPEN_OBJECT;
      frames.push({ keys: object ? [] : undefined, expectKey: object });
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      frames.pop();
    } else if (c === COMMA) {
      const frame = frames[frames.length - 1];
      if (frame?.keys !== undefined) frame.expectKey = true;
    } else if (c !== COLON && startsPrimitive(c)) {
      if (++nodes > maxNodes) return tooLarge(`The document has more than ${maxNodes} values.`);
      // Skip the rest of the number or literal; JSON.parse judges its grammar.
      while (i + 1 < length && inPrimitive(text.charCodeAt(i + 1))) i += 1;
    }
    i += 1;
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return -1;
    // Escaped when preceded by an odd number of backslashes.
    let backslashes = 0;
    for (let j = at - 1; j > start && text.charCodeAt(j) === BACKSLASH; j -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}
