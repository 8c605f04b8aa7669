// A test holder: its own did:key and JOSE code on node:crypto, independent of the code under test.
import type { KeyObject } from 'node:crypto';
import { newHolderKey } from '@skills-passport/service-kit/testing';
import { securePresentation } from './data-integrity-signer.js';
import { signJwt, signJwtText } from './stand-in-issuer.js';

export class TestHolder {
  readonly did: string;
  readonly kid: string;
  readonly #key: KeyObject;

  constructor() {
    const key = newHolderKey();
    this.#key = key.privateKey;
    this.did = key.did;
    this.kid = key.kid;
  }

  /** Signs any JWT with the holder's key (e.g. an OpenID4VCI proof). */
  sign(header: Record<string, unknown>, payload: Record<string, unknown>): string {
    return signJwt({ alg: 'EdDSA', kid: this.kid, ...header }, payload, this.#key);
  }

  /** Signs header and payload text exactly as given (duplicate members and the like). */
  signText(header: string, payload: string): string {
    return signJwtText(header, payload, this.#key);
  }

  /** A VP JWT for `jwt_vc_json`, as OpenID4VP 1.0 wallets send them. */
  present(
    credentials: string[],
    options: {
      nonce: string;
      audience: string;
      iat: number;
      mutate?: (payload: Record<string, any>) => void;
      key?: KeyObject;
    },
  ): string {
    const payload: Record<string, any> = {
      iss: this.did,
      aud: options.audience,
      nonce: options.nonce,
      iat: options.iat,
      jti: `urn:uuid:${crypto.randomUUID()}`,
      vp: {
        '@context': ['https://www.w3.org/2018/credentials/v1'],
        type: ['VerifiablePresentation'],
        verifiableCredential: credentials,
      },
    };
    options.mutate?.(payload);
    return signJwt({ alg: 'EdDSA', typ: 'JWT', kid: this.kid }, payload, options.key ?? this.#key);
  }

  /**
   * An `ldp_vp` for `ldp_vc` (OpenID4VP 1.0, B.1.3.2): a VC 2.0 presentation with the holder's
   * Data Integrity proof, `challenge` the request's nonce and `domain` the verifier's client id.
   */
  presentLdp(
    credentials: Record<string, unknown>[],
    options: {
      nonce: string;
      audience: string;
      created: Date;
      contextOrigin: string;
      mutate?: (presentation: Record<string, any>) => void;
      key?: KeyObject;
    },
  ): Promise<Record<string, unknown>> {
    const presentation: Record<string, any> = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: this.did,
      verifiableCredential: credentials,
    };
    options.mutate?.(presentation);
    return securePresentation(presentation, {
      verificationMethod: this.kid,
      key: options.key ?? this.#key,
      created: options.created,
      challenge: options.nonce,
      domain: options.audience,
      contextOrigin: options.contextOrigin,
    });
  }
}
