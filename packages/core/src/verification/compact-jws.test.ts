import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_JWS_LENGTH, parseCompactJws } from './compact-jws.js';
import { verifyJws } from './verify-jws.js';
import { webCryptoEd25519Verify } from './ed25519.js';
import { b64url, signCompact, signRaw, testKeyPair } from './test-support/jws-fixtures.js';

const keys = testKeyPair();
const payload = { iss: 'did:example:issuer', n: 1, nested: { a: [1, 2, 3] } };
const valid = signCompact(payload, keys.privateKey);
const [h, p, s] = valid.split('.') as [string, string, string];
const withHeader = (header: Record<string, unknown>): string => signCompact(payload, keys.privateKey, header);

describe('parseCompactJws', () => {
  it('parses a valid EdDSA JWS and its signature verifies', async () => {
    const parsed = parseCompactJws(valid);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.jws.payload).toEqual(payload);
    const verdict = await verifyJws(parsed.jws, [{ id: 'k', publicKey: keys.raw }], webCryptoEd25519Verify);
    expect(verdict).toEqual({ ok: true, keyId: 'k' });
  });

  it.each([
    ['not a string', 42, 'ERR_JWS_MALFORMED'],
    ['two parts', `${h}.${p}`, 'ERR_JWS_MALFORMED'],
    ['four parts', `${valid}.x`, 'ERR_JWS_MALFORMED'],
    ['empty', '', 'ERR_JWS_MALFORMED'],
    ['padding in the signature', `${valid}==`, 'ERR_JWS_MALFORMED'],
    ['standard base64 characters', `${h}.${p}.+${s.slice(1)}`, 'ERR_JWS_MALFORMED'],
    ['signature too short', `${h}.${p}.${s.slice(0, 40)}`, 'ERR_JWS_MALFORMED'],
    ['header not JSON', `${b64url('{alg')}.${p}.${s}`, 'ERR_JWS_MALFORMED'],
    ['header an array', `${b64url('["EdDSA"]')}.${p}.${s}`, 'ERR_JWS_MALFORMED'],
    ['payload an array', `${h}.${b64url('[1]')}.${s}`, 'ERR_JWS_MALFORMED'],
    ['payload not UTF-8', `${h}.${b64url(new Uint8Array([0xff, 0xfe]))}.${s}`, 'ERR_JWS_MALFORMED'],
    ['alg none', withHeader({ alg: 'none' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg none, no signature', `${b64url('{"alg":"none"}')}.${p}.`, 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg HS256', withHeader({ alg: 'HS256' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg ES384', withHeader({ alg: 'ES384' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg ES256K', withHeader({ alg: 'ES256K' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg RS256', withHeader({ alg: 'RS256' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg Ed25519 (not the JOSE name)', withHeader({ alg: 'Ed25519' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    ['alg missing', withHeader({ typ: 'JWT' }), 'ERR_JWS_ALG_NOT_ALLOWED'],
    [
      'jwk in the header',
      withHeader({ alg: 'EdDSA', jwk: { kty: 'OKP', crv: 'Ed25519', x: keys.x } }),
      'ERR_JWS_HEADER_FORBIDDEN',
    ],
    [
      'jku in the header',
      withHeader({ alg: 'EdDSA', jku: 'https://evil.example/jwks' }),
      'ERR_JWS_HEADER_FORBIDDEN',
    ],
    [
      'x5u in the header',
      withHeader({ alg: 'EdDSA', x5u: 'https://evil.example/cert' }),
      'ERR_JWS_HEADER_FORBIDDEN',
    ],
    ['x5c in the header', withHeader({ alg: 'EdDSA', x5c: ['MIIB'] }), 'ERR_JWS_HEADER_FORBIDDEN'],
    ['unknown crit', withHeader({ alg: 'EdDSA', crit: ['exp'], exp: 1 }), 'ERR_JWS_CRIT_UNSUPPORTED'],
    ['b64 false', withHeader({ alg: 'EdDSA', b64: false, crit: ['b64'] }), 'ERR_JWS_CRIT_UNSUPPORTED'],
    ['kid not a string', withHeader({ alg: 'EdDSA', kid: 7 }), 'ERR_JWS_MALFORMED'],
    [
      'duplicate alg in the header',
      signRaw('{"alg":"EdDSA","alg":"none"}', JSON.stringify(payload), keys.privateKey),
      'ERR_JSON_DUPLICATE_KEY',
    ],
    [
      'duplicate claim in the payload',
      signRaw('{"alg":"EdDSA"}', '{"iss":"a","sub":"b","iss":"c"}', keys.privateKey),
      'ERR_JSON_DUPLICATE_KEY',
    ],
    [
      'duplicate member deep inside',
      signRaw('{"alg":"EdDSA"}', '{"vc":{"x":{"a":1,"b":[{"k":1,"k":2}]}}}', keys.privateKey),
      'ERR_JSON_DUPLICATE_KEY',
    ],
    [
      '__proto__ in the payload',
      signRaw('{"alg":"EdDSA"}', '{"__proto__":{"admin":true}}', keys.privateKey),
      'ERR_FORBIDDEN_KEY',
    ],
    [
      'nesting too deep',
      signRaw('{"alg":"EdDSA"}', `${'{"a":'.repeat(40)}1${'}'.repeat(40)}`, keys.privateKey),
      'ERR_INPUT_TOO_DEEP',
    ],
    ['too long', `${h}.${'A'.repeat(MAX_JWS_LENGTH)}.${s}`, 'ERR_INPUT_TOO_LARGE'],
  ])('[JOSE attacks] refuses %s', (_name, token, code) => {
    const parsed = parseCompactJws(token);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.code).toBe(code);
  });

  it('accepts the same member name in different objects', () => {
    const token = signRaw(
      '{"alg":"EdDSA"}',
      '{"a":{"id":1},"b":{"id":2},"id":"x","s":"\\"id\\""}',
      keys.privateKey,
    );
    expect(parseCompactJws(token).ok).toBe(true);
  });

  it('[JOSE attacks] refuses a signature by another key', async () => {
    const other = testKeyPair();
    const parsed = parseCompactJws(signCompact(payload, other.privateKey));
    if (!parsed.ok) throw new Error('fixture');
    const verdict = await verifyJws(parsed.jws, [{ id: 'k', publicKey: keys.raw }], webCryptoEd25519Verify);
    expect(verdict).toMatchObject({ ok: false, code: 'ERR_SIGNATURE_INVALID' });
  });

  it('[property tests] any single-byte change to a signed token fails parsing or verification', async () => {
    const key = [{ id: 'k', publicKey: keys.raw }];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: valid.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        async (position, delta) => {
          const code = (valid.charCodeAt(position) + delta) % 256;
          const tampered = valid.slice(0, position) + String.fromCharCode(code) + valid.slice(position + 1);
          const parsed = parseCompactJws(tampered);
          if (!parsed.ok) return;
          const verdict = await verifyJws(parsed.jws, key, webCryptoEd25519Verify);
          expect(verdict.ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
