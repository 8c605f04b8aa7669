/**
 * The JWS algorithms accepted anywhere in Skills Passport, and nothing else: EdDSA (Ed25519) and
 * ES256 (ECDSA on P-256 with SHA-256, which the EU wallet ecosystem's high-assurance profile
 * requires). `none`, HMAC, RSA and ES256K are refused wherever a JWS is read.
 */
export const JWS_ALGORITHMS = ['EdDSA', 'ES256'] as const;

/** One of {@link JWS_ALGORITHMS}. */
export type JwsAlgorithm = (typeof JWS_ALGORITHMS)[number];

/** True when `value` is an accepted JWS `alg`. */
export function isJwsAlgorithm(value: unknown): value is JwsAlgorithm {
  return value === 'EdDSA' || value === 'ES256';
}

/** The key type each algorithm is bound to: an `alg` over a key of another type never verifies. */
export const KEY_TYPE_OF: Readonly<Record<JwsAlgorithm, 'Ed25519' | 'P-256'>> = {
  EdDSA: 'Ed25519',
  ES256: 'P-256',
};
