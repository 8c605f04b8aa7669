import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { didWebFor, encodeBase64url, utf8Encode } from '@skills-passport/core';

/** Who this verifier is to wallets: its did:web, the OpenID4VP client id, and its signing key. */
export interface VerifierIdentity {
  did: string;
  /** `decentralized_identifier:<did>` (OpenID4VP 1.0 §5.9.3). */
  clientId: string;
  kid: string;
  /** Path (on this service) where the DID document is served. */
  didDocumentPath: string;
  didDocument(): Record<string, unknown>;
  /** Signs a JWT with EdDSA under this verifier's key. */
  signJwt(header: Record<string, unknown>, payload: Record<string, unknown>): string;
}

/** A fresh Ed25519 private key as PKCS#8 PEM, for the first start. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * The verifier's identity for `publicUrl`: `did:web:<host>%3A<port>[:path…]`, its document served
 * at `/.well-known/did.json` (or `<path>/did.json`), one Ed25519 key `#key-1`.
 */
export function verifierIdentity(publicUrl: URL, privateKeyPem: string): VerifierIdentity {
  const privateKey: KeyObject = createPrivateKey(privateKeyPem);
  const x = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  const segments = publicUrl.pathname.split('/').filter((s) => s !== '');
  const did = didWebFor(
    publicUrl.hostname,
    publicUrl.port === '' ? undefined : Number(publicUrl.port),
    segments,
  );
  const kid = `${did}#key-1`;
  return {
    did,
    clientId: `decentralized_identifier:${did}`,
    kid,
    didDocumentPath: segments.length === 0 ? '/.well-known/did.json' : '/did.json',
    didDocument: () => ({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: did,
      verificationMethod: [
        { id: kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x } },
      ],
      authentication: [kid],
      assertionMethod: [kid],
    }),
    signJwt(header, payload) {
      const input = `${encodeBase64url(utf8Encode(JSON.stringify(header)))}.${encodeBase64url(utf8Encode(JSON.stringify(payload)))}`;
      return `${input}.${encodeBase64url(sign(null, Buffer.from(input), privateKey))}`;
    },
  };
}
