import {
  clientAuthenticationAnonymous,
  HashAlgorithm,
  type CallbackContext,
  type JwtSigner,
} from '@openid4vc/oauth2';
import { setGlobalConfig } from '@openid4vc/utils';
import { base64url } from '../crypto/encoding.js';
import { didKeyVerificationMethod } from '../crypto/did-key.js';
import { signCompactJws } from '../crypto/jws.js';
import type { KeyringRecord } from '../store/db.js';
import { guardedFetch } from '../verify/http.js';

let configured = false;

/**
 * Lets the OpenID4VC libraries use plain http, but only while the wallet itself runs on loopback
 * (local development); `guardedFetch` still refuses plain http to any non-loopback host.
 */
export function configureLibraries(): void {
  if (configured) return;
  configured = true;
  if (['localhost', '127.0.0.1'].includes(location.hostname)) setGlobalConfig({ allowInsecureUrls: true });
}

const HASHES: Record<HashAlgorithm, string> = {
  [HashAlgorithm.Sha256]: 'SHA-256',
  [HashAlgorithm.Sha384]: 'SHA-384',
  [HashAlgorithm.Sha512]: 'SHA-512',
};

/** The public JWK of the holder key. */
export function holderJwk(keyring: KeyringRecord): { kty: 'OKP'; crv: 'Ed25519'; x: string } {
  return { kty: 'OKP', crv: 'Ed25519', x: base64url(keyring.publicKey) };
}

/**
 * The callbacks the OpenID4VC libraries call for crypto: hashing and randomness from WebCrypto,
 * and signing only with the holder key, only as its own did:key verification method.
 */
export function holderCallbacks(
  keyring: KeyringRecord,
): Omit<CallbackContext, 'verifyJwt' | 'decryptJwe' | 'encryptJwe'> {
  const verificationMethod = didKeyVerificationMethod(keyring.did);
  return {
    fetch: guardedFetch,
    hash: async (data, alg) => new Uint8Array(await crypto.subtle.digest(HASHES[alg], Uint8Array.from(data))),
    generateRandom: (length) => crypto.getRandomValues(new Uint8Array(length)),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (signer: JwtSigner, jwt) => {
      if (signer.method !== 'did' || signer.didUrl !== verificationMethod || signer.alg !== 'EdDSA') {
        throw new TypeError('The wallet signs only with its own did:key and EdDSA.');
      }
      return {
        jwt: await signCompactJws(keyring.signingKey, jwt.header, jwt.payload),
        signerJwk: holderJwk(keyring),
      };
    },
  };
}
