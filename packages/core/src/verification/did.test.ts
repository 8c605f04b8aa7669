import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeBase58btc, encodeBase58btc } from './bytes.js';
import { selectVerificationKeys } from './did-document.js';
import { decodeDidKey, didKeyDocument, didKeyFromPublicKey } from './did-key.js';
import { didWebUrl } from './did-web.js';
import { testKeyPair } from './test-support/jws-fixtures.js';

describe('did:key', () => {
  it('decodes the did:key specification example to its JWK x', () => {
    // did:key spec (w3c-ccg/did-method-key) example and the publicKeyJwk it lists for that key.
    const decoded = decodeDidKey('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK');
    if (!decoded.ok) throw new Error(decoded.reason);
    expect(Buffer.from(decoded.publicKey).toString('base64url')).toBe(
      'Lm_M42cB3HkUiODQsXRcweM6TByfzEHGO9ND274JcOY',
    );
  });

  it('round-trips any 32-byte key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (key) => {
        const decoded = decodeDidKey(didKeyFromPublicKey(key));
        expect(decoded.ok && Buffer.from(decoded.publicKey).equals(Buffer.from(key))).toBe(true);
      }),
    );
  });

  it.each([
    'did:key:',
    'did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', // secp256k1, not Ed25519
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2do', // one character short
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#frag',
    'did:key:u7QE',
    'did:web:example.org',
    'did:key:z0OIl',
  ])('[DID resolution] refuses %s', (did) => {
    expect(decodeDidKey(did)).toMatchObject({ ok: false, code: 'ERR_DID_INVALID' });
  });

  it('builds a DID document whose key is usable for authentication', () => {
    const keys = testKeyPair();
    const did = didKeyFromPublicKey(keys.raw);
    const doc = didKeyDocument(did);
    if (!doc.ok) throw new Error(doc.reason);
    const selected = selectVerificationKeys(doc.document, did, 'authentication');
    expect(selected.ok && Buffer.from(selected.keys[0]!.publicKey).equals(Buffer.from(keys.raw))).toBe(true);
  });
});

describe('base58btc', () => {
  it('round-trips, leading zeros included', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        if (bytes.length === 0) return;
        expect(Buffer.from(decodeBase58btc(encodeBase58btc(bytes))!).equals(Buffer.from(bytes))).toBe(true);
      }),
    );
  });
});

describe('didWebUrl', () => {
  it.each([
    ['did:web:example.org', {}, 'https://example.org/.well-known/did.json'],
    ['did:web:issuer.example.nl:orgs:evc-zorg-nl', {}, 'https://issuer.example.nl/orgs/evc-zorg-nl/did.json'],
    ['did:web:localhost%3A3001:orgs:acme', {}, 'https://localhost:3001/orgs/acme/did.json'],
    [
      'did:web:localhost%3A3001:orgs:acme',
      { allowInsecureLocalhost: true },
      'http://localhost:3001/orgs/acme/did.json',
    ],
    [
      'did:web:127.0.0.1%3A3001',
      { allowInsecureLocalhost: true },
      'http://127.0.0.1:3001/.well-known/did.json',
    ],
    ['did:web:example.org', { allowInsecureLocalhost: true }, 'https://example.org/.well-known/did.json'],
  ])('%s → %s', (did, options, url) => {
    expect(didWebUrl(did, options)).toMatchObject({ ok: true, url });
  });

  it.each([
    'did:web:',
    'did:web:Example.org',
    'did:web:example.org%2Fevil',
    'did:web:example.org:..:admin',
    'did:web:example.org:a%2F..%2Fb',
    'did:web:example.org:',
    'did:web:example.org#key-1',
    'did:web:example.org?x=1',
    'did:web:user@example.org',
    'did:web:10.0.0.1',
    'did:web:169.254.169.254',
    'did:web:example.org%3A99999',
    'did:web:-bad.example',
    'did:key:z6Mk',
  ])('[DID resolution] refuses %s', (did) => {
    expect(didWebUrl(did, { allowInsecureLocalhost: true })).toMatchObject({
      ok: false,
      code: 'ERR_DID_INVALID',
    });
  });

  it.each(['0x', '0x7f000001', '017700000001', '2130706433', 'a.0'])(
    '[DID resolution] refuses a numeric host the URL parser turns into an IP address: %s',
    (host) => {
      expect(didWebUrl(`did:web:${host}`)).toMatchObject({ ok: false, code: 'ERR_DID_INVALID' });
    },
  );

  it('[property tests] the did:web URL builder yields either a refusal or an https URL on the DID host', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (rest) => {
        const result = didWebUrl(`did:web:${rest}`);
        if (!result.ok) return;
        const url = new URL(result.url);
        expect(url.protocol).toBe('https:');
        expect(url.hostname).toBe(result.host);
        expect(rest.split(':')[0]!.toLowerCase().startsWith(url.hostname)).toBe(true);
        expect(url.pathname.endsWith('/did.json')).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('selectVerificationKeys', () => {
  const did = 'did:web:localhost%3A3001:orgs:acme';
  const k1 = testKeyPair();
  const k2 = testKeyPair();
  const doc = {
    id: did,
    verificationMethod: [
      {
        id: `${did}#key-1`,
        type: 'JsonWebKey2020',
        controller: did,
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: k1.x },
      },
      {
        id: '#key-2',
        type: 'Ed25519VerificationKey2018',
        controller: did,
        publicKeyBase58: encodeBase58btc(k2.raw),
      },
      {
        id: `${did}#key-3`,
        type: 'JsonWebKey2020',
        controller: did,
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: k1.x, d: 'secret' },
      },
      {
        id: 'did:web:evil.example#key-1',
        type: 'JsonWebKey2020',
        controller: 'did:web:evil.example',
        publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: k2.x },
      },
    ],
    assertionMethod: [`${did}#key-1`, '#key-2', `${did}#key-3`, 'did:web:evil.example#key-1'],
    authentication: [`${did}#key-1`],
  };

  it('lists the Ed25519 assertion keys, jwk and base58, relative ids resolved', () => {
    const selected = selectVerificationKeys(doc, did, 'assertionMethod');
    expect(selected.ok && selected.keys.map((k) => k.id)).toEqual([`${did}#key-1`, `${did}#key-2`]);
  });

  it('narrows to the kid, relative or absolute', () => {
    expect(selectVerificationKeys(doc, did, 'assertionMethod', '#key-2')).toMatchObject({
      ok: true,
      keys: [{ id: `${did}#key-2` }],
    });
    expect(selectVerificationKeys(doc, did, 'assertionMethod', `${did}#key-1`)).toMatchObject({
      ok: true,
      keys: [{ id: `${did}#key-1` }],
    });
  });

  it.each([
    [
      'a document for another DID',
      { ...doc, id: 'did:web:evil.example' },
      undefined,
      'ERR_DID_DOCUMENT_INVALID',
    ],
    ['not an object', 'nope', undefined, 'ERR_DID_DOCUMENT_INVALID'],
    ['a kid the document does not list', doc, '#key-9', 'ERR_KEY_NOT_FOUND'],
    ['a kid carrying a private part', doc, '#key-3', 'ERR_KEY_NOT_FOUND'],
    ['a key of another controller', doc, 'did:web:evil.example#key-1', 'ERR_KEY_NOT_FOUND'],
    ['no assertion keys', { ...doc, assertionMethod: [] }, undefined, 'ERR_KEY_NOT_FOUND'],
  ])('refuses %s', (_name, document, kid, code) => {
    expect(selectVerificationKeys(document, did, 'assertionMethod', kid)).toMatchObject({ ok: false, code });
  });
});
