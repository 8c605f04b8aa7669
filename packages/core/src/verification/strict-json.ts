import type { ErrorCode } from '../errors.js';

/** The outcome of {@link parseStrictJson}: the value, or why the text was refused. */
export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; code: ErrorCode; reason: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON text like `JSON.parse`, but refuses what `JSON.parse` silently accepts: an object
 * with the same member twice (`ERR_JSON_DUPLICATE_KEY` — two parsers could read different values),
 * prototype-pollution keys (`ERR_FORBIDDEN_KEY`), nesting deeper than `maxDepth`
 * (`ERR_INPUT_TOO_DEEP`) and text longer than `maxLength` (`ERR_INPUT_TOO_LARGE`). Other syntax
 * errors are `ERR_MALFORMED_JSON`. Never throws.
 */
export function parseStrictJson(
  text: string,
  options: { maxDepth?: number; maxLength?: number } = {},
): StrictJsonResult {
  const maxDepth = options.maxDepth ?? 24;
  if (text.length > (options.maxLength ?? 1_000_000)) {
    return { ok: false, code: 'ERR_INPUT_TOO_LARGE', reason: 'The JSON text is too long.' };
  }
  // The duplicate and key scan walks the text once; JSON.parse then builds the value, so the
  // grammar itself is the platform's, not ours.
  const scan = scanMembers(text, maxDepth);
  if (scan !== undefined) return { ok: false, ...scan };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, code: 'ERR_MALFORMED_JSON', reason: 'The text is not valid JSON.' };
  }
}

function scanMembers(text: string, maxDepth: number): { code: ErrorCode; reason: string } | undefined {
  // One frame per open object or array: objects remember their keys and whether a key comes next.
  const frames: { keys: Set<string> | undefined; expectKey: boolean }[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return { code: 'ERR_MALFORMED_JSON', reason: 'A string is not closed.' };
      const frame = frames[frames.length - 1];
      if (frame?.keys !== undefined && frame.expectKey) {
        let key: string;
        try {
          key = JSON.parse(text.slice(i, end + 1)) as string;
        } catch {
          return { code: 'ERR_MALFORMED_JSON', reason: 'A member name is not a valid JSON string.' };
        }
        if (FORBIDDEN_KEYS.has(key))
          return { code: 'ERR_FORBIDDEN_KEY', reason: `The member "${key}" is not allowed.` };
        if (frame.keys.has(key))
          return { code: 'ERR_JSON_DUPLICATE_KEY', reason: `The member "${key}" appears twice.` };
        frame.keys.add(key);
        frame.expectKey = false;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      if (frames.length >= maxDepth)
        return { code: 'ERR_INPUT_TOO_DEEP', reason: `Nested deeper than ${maxDepth} levels.` };
      frames.push({ keys: c === '{' ? new Set() : undefined, expectKey: c === '{' });
    } else if (c === '}' || c === ']') {
      frames.pop();
    } else if (c === ',') {
      const frame = frames[frames.length - 1];
      if (frame?.keys !== undefined) frame.expectKey = true;
    }
    i += 1;
  }
  return undefined;
}

/** Index of the quote that closes the string opening at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') i += 1;
    else if (c === '"') return i;
  }
  return -1;
}
