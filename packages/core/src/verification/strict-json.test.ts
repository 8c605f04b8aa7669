import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_JSON_LIMITS, guardJson } from '../validation/json-guard.js';
import { parseStrictJson } from './strict-json.js';

function hasForbiddenKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasForbiddenKey);
  return Object.entries(value).some(
    ([key, member]) => ['__proto__', 'constructor', 'prototype'].includes(key) || hasForbiddenKey(member),
  );
}

const limits = { ...DEFAULT_JSON_LIMITS, maxNodes: 10, maxStringLength: 8, maxTotalChars: 20 };

describe('parseStrictJson', () => {
  it.each([
    ['the same member twice', '{"a":1,"b":2,"a":3}', 'ERR_JSON_DUPLICATE_KEY'],
    ['the same member twice, once escaped', '{"a":1,"\\u0061":2}', 'ERR_JSON_DUPLICATE_KEY'],
    ['a prototype key', '{"x":{"__proto__":{}}}', 'ERR_FORBIDDEN_KEY'],
    ['nesting deeper than allowed', `${'['.repeat(30)}${']'.repeat(30)}`, 'ERR_INPUT_TOO_DEEP'],
    ['an unclosed string', '{"a":"b}', 'ERR_MALFORMED_JSON'],
    ['text that is not JSON', '{"a":tru}', 'ERR_MALFORMED_JSON'],
  ])('[request bodies] refuses %s', (_name, text, code) => {
    expect(parseStrictJson(text)).toMatchObject({ ok: false, code });
  });

  it.each([
    ['more values than allowed', '[1,2,3,4,5,6,7,8,9,10,11]'],
    ['more values than allowed, as decimals and exponents', '[1.5,2e3,-3,4,5,6,7,8,9,true,null]'],
    ['a string longer than allowed', '["123456789"]'],
    ['more text than allowed in all', '{"aaaaaa":"bbbbbbbb","cccccc":"dd"}'],
  ])('[request bodies] with limits, refuses %s as too large (as guardJson would)', (_name, text) => {
    expect(parseStrictJson(text, { limits })).toMatchObject({ ok: false, code: 'ERR_INPUT_TOO_LARGE' });
    expect(guardJson(JSON.parse(text), limits)).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE' });
  });

  it('counts a number with a fraction or an exponent as one value', () => {
    expect(parseStrictJson('[1.25,2e-3,-7.5E+2,true,false,null,"s",{},[]]', { limits })).toEqual({
      ok: true,
      value: [1.25, 0.002, -750, true, false, null, 's', {}, []],
    });
  });

  it('[property tests] agrees with JSON.parse on any JSON it accepts, and accepts all JSON without duplicates', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const parsed = parseStrictJson(text, { maxDepth: 1000, maxLength: Number.MAX_SAFE_INTEGER });
        // fast-check's objects never repeat a key, but may use a prototype key.
        const forbidden = hasForbiddenKey(JSON.parse(text));
        if (forbidden) expect(parsed).toMatchObject({ ok: false, code: 'ERR_FORBIDDEN_KEY' });
        else expect(parsed).toEqual({ ok: true, value: JSON.parse(text) });
      }),
      { numRuns: 500 },
    );
  });

  it('[property tests] refuses any object that names a member twice, however deep and however spelt', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ unit: 'binary' }), fc.jsonValue(), { minKeys: 1 }),
        fc.nat(),
        fc.boolean(),
        fc.jsonValue(),
        (object, pick, escaped, around) => {
          const keys = Object.keys(object);
          const twice = keys[pick % keys.length]!;
          // The second time written as \u escapes: the same member to JSON.parse.
          const spelt = escaped
            ? `"${Array.from({ length: twice.length }, (_, i) => `\\u${twice.charCodeAt(i).toString(16).padStart(4, '0')}`).join('')}"`
            : JSON.stringify(twice);
          const members = keys.map((key) => `${JSON.stringify(key)} : ${JSON.stringify(object[key])}`);
          const inner = `{${[...members, `${spelt}:1`].join(',')}}`;
          const text = `{"around":${JSON.stringify(around)},"inner":[${inner}]}`;
          const parsed = parseStrictJson(text, { maxDepth: 1000 });
          const forbidden = hasForbiddenKey(JSON.parse(text));
          expect(parsed).toMatchObject({
            ok: false,
            code: forbidden ? 'ERR_FORBIDDEN_KEY' : 'ERR_JSON_DUPLICATE_KEY',
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
