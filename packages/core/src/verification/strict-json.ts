import type { ErrorCode } from '../errors.js';
import { inspectJson, type JsonLimits } from '../validation/json-guard.js';

/** The outcome of {@link parseStrictJson}: the value, or why the text was refused. */
export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; code: ErrorCode; reason: string };

/**
 * Parses JSON text like `JSON.parse`, but refuses what `JSON.parse` silently accepts: an object
 * with the same member twice (`ERR_JSON_DUPLICATE_KEY` — two parsers could read different values),
 * prototype-pollution keys (`ERR_FORBIDDEN_KEY`), nesting deeper than `maxDepth`
 * (`ERR_INPUT_TOO_DEEP`) and text longer than `maxLength` (`ERR_INPUT_TOO_LARGE`). With `limits`,
 * the bounds of `guardJson` hold too (values, string length, all text), so the parsed value needs
 * no second walk. Other syntax errors are `ERR_MALFORMED_JSON`. Never throws.
 *
 * How: the platform's `JSON.parse` reads the grammar (it keeps the last of two equal members);
 * one walk of the value applies the bounds and counts the members of all its objects; one pass
 * over the text counts the member names written. The counts differ exactly when some object
 * names a member twice (two spellings of one name, `"a"` and `"\u0061"`, parse to one member).
 * This runs over every JWT we verify: the pass finds strings with `indexOf`, and the value is
 * walked once, not scanned character by character and then parsed.
 */
export function parseStrictJson(
  text: string,
  options: { maxDepth?: number; maxLength?: number; limits?: JsonLimits } = {},
): StrictJsonResult {
  if (text.length > (options.maxLength ?? 1_000_000)) {
    return { ok: false, code: 'ERR_INPUT_TOO_LARGE', reason: 'The JSON text is too long.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, code: 'ERR_MALFORMED_JSON', reason: 'The text is not valid JSON.' };
  }
  const limits: JsonLimits = options.limits ?? {
    maxDepth: options.maxDepth ?? 24,
    maxNodes: Number.POSITIVE_INFINITY,
    maxStringLength: Number.POSITIVE_INFINITY,
    maxTotalChars: Number.POSITIVE_INFINITY,
  };
  const inspection = inspectJson(value, limits);
  if (inspection.failure !== undefined) {
    const { code, issue } = inspection.failure;
    return { ok: false, code, reason: issue.message };
  }
  if (inspection.members !== memberNamesIn(text)) {
    return { ok: false, code: 'ERR_JSON_DUPLICATE_KEY', reason: 'An object names the same member twice.' };
  }
  return { ok: true, value };
}

const BACKSLASH = 0x5c;
const COLON = 0x3a;

/** True for the JSON whitespace characters: space, tab, line feed, carriage return. */
function isJsonSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * How many member names valid JSON text writes: strings followed by a colon. Outside strings
 * valid JSON has no quote, so each quote found from the end of the last string opens the next.
 */
function memberNamesIn(text: string): number {
  let names = 0;
  let at = text.indexOf('"');
  while (at >= 0) {
    const end = stringEnd(text, at);
    let next = end + 1;
    while (next < text.length && isJsonSpace(text.charCodeAt(next))) next += 1;
    if (text.charCodeAt(next) === COLON) names += 1;
    at = text.indexOf('"', next);
  }
  return names;
}

/** Index of the quote that closes the string opening at `start` (the text is valid JSON). */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    // Escaped when preceded by an odd number of backslashes.
    let backslashes = 0;
    for (let j = at - 1; j > start && text.charCodeAt(j) === BACKSLASH; j -= 1) backslashes += 1;
    if (backslashes % 2 === 0) return at;
  }
}
