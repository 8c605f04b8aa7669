import type { JwsAlgorithm } from '../verification/jws-algorithms.js';

/**
 * Signs a JWS's signing input (`base64url(header).base64url(payload)`, as ASCII) and returns the
 * base64url signature: a key held by the issuer's KMS, or the wallet's holder key. `alg` is the
 * key's one algorithm; `kid` goes into the header when given.
 */
export interface JwsSigner {
  alg: JwsAlgorithm;
  kid?: string;
  sign(signingInput: string): Promise<string>;
}
