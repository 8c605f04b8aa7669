import { describe, expect, it } from '@jest/globals';
import { didKeyFromP256 } from './did-key-p256.js';
import { compressedP256, p256JwkFromHex } from './p256.js';

// The did:key method's P-256 test vector (w3c-ccg did-method-key, "P-256").
const VECTOR_JWK = {
  kty: 'EC',
  crv: 'P-256',
  x: 'igrFmi0whuihKnj9R3Om1SoMph72wUGeFaBbzG2vzns',
  y: 'efsX5b10x8yjyrj4ny3pGfLcY7Xby1KzgqOdqnsrJIM',
};
const VECTOR_DID = 'did:key:zDnaerx9CtbPJ1q36T5Ln5wYt3MQYeGRG5ehnPAmxcf5mDZpv';

describe('P-256 keys', () => {
  it('encodes the did:key of a P-256 jwk as the did:key method’s test vector does', () => {
    expect(didKeyFromP256(compressedP256(VECTOR_JWK)!)).toBe(VECTOR_DID);
  });

  it('round-trips a compressed point to the same JWK', () => {
    const point = compressedP256(VECTOR_JWK)!;
    expect(p256JwkFromHex(Buffer.from(point).toString('hex'))).toEqual(VECTOR_JWK);
  });

  it.each([
    ['a private key (d)', { ...VECTOR_JWK, d: VECTOR_JWK.x }],
    ['another curve', { ...VECTOR_JWK, crv: 'secp256k1' }],
    ['an OKP key', { kty: 'OKP', crv: 'Ed25519', x: VECTOR_JWK.x }],
    ['a short coordinate', { ...VECTOR_JWK, x: VECTOR_JWK.x.slice(0, 40) }],
    ['a point off the curve', { ...VECTOR_JWK, y: VECTOR_JWK.x }],
    ['coordinates with padding', { ...VECTOR_JWK, x: `${VECTOR_JWK.x}=` }],
    ['no object', 'jwk'],
  ])('[SD-JWT VC] reads no P-256 key from %s', (_name, jwk) => {
    expect(compressedP256(jwk)).toBeUndefined();
  });
});
