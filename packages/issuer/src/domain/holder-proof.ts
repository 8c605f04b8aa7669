import { decodeBase64url, decodeDidKey, didKeyFromPublicKey, parseCompactJws } from '@skills-passport/core';
import { nodeEd25519Verify } from '@skills-passport/service-kit';
import { didKeyFromP256 } from '../crypto/did-key-p256.js';
import { compressedP256, verifyEs256, type P256PublicJwk } from '../crypto/p256.js';
import { OAuthError } from './oauth-error.js';

/** How far a proof's `iat` may lie in the past or future. */
const PROOF_WINDOW_SECONDS = 300;
const PROOF_TYPE = 'openid4vci-proof+jwt';

/** A public holder key as JWK: Ed25519 (OKP) or P-256 (EC); never with `d`. */
export type HolderJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string } | P256PublicJwk;

/** The holder key a proof names, and how to check a signature by it with the proof's `alg`. */
interface ProofKey {
  alg: 'EdDSA' | 'ES256';
  holderDid: string;
  holderJwk: HolderJwk;
  verify(signingInput: Uint8Array, signature: Uint8Array): Promise<boolean>;
}

function ed25519Key(publicKey: Uint8Array): ProofKey {
  return {
    alg: 'EdDSA',
    holderDid: didKeyFromPublicKey(publicKey),
    holderJwk: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    verify: (signingInput, signature) => nodeEd25519Verify(publicKey, signingInput, signature),
  };
}

function p256Key(jwk: P256PublicJwk, compressedPoint: Uint8Array): ProofKey {
  const holderJwk: P256PublicJwk = { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
  return {
    alg: 'ES256',
    holderDid: didKeyFromP256(compressedPoint),
    holderJwk,
    // High-S signatures are refused (ECDSA malleability), like every verifier of ours does.
    verify: (signingInput, signature) => Promise.resolve(verifyEs256(holderJwk, signingInput, signature)),
  };
}

/**
 * The holder key a proof names: an Ed25519 did:key URL in `kid`, or a public Ed25519 (OKP) or P-256
 * (EC) `jwk`; never both, nothing else.
 */
function proofKey(header: Record<string, unknown>): ProofKey {
  for (const forbidden of ['x5c', 'x5u', 'jku', 'trust_chain', 'key_attestation']) {
    if (forbidden in header)
      throw new OAuthError('invalid_proof', `The proof header must not carry ${forbidden}.`);
  }
  if (header.typ !== PROOF_TYPE)
    throw new OAuthError('invalid_proof', `The proof typ must be ${PROOF_TYPE}.`);
  const { kid, jwk } = header;
  if ((kid === undefined) === (jwk === undefined))
    throw new OAuthError('invalid_proof', 'The proof header needs exactly one of kid (did:key) and jwk.');
  if (typeof kid === 'string') {
    const [did, fragment] = kid.split('#');
    const decoded = did === undefined ? undefined : decodeDidKey(did);
    if (decoded?.ok !== true || (fragment !== undefined && fragment !== did!.slice('did:key:'.length))) {
      throw new OAuthError('invalid_proof', 'kid must be an Ed25519 did:key verification method.');
    }
    return ed25519Key(decoded.publicKey);
  }
  const j = jwk as Record<string, unknown> | null;
  if (typeof j === 'object' && j !== null && j.kty === 'OKP') {
    const publicKey =
      j.crv === 'Ed25519' && !('d' in j) && typeof j.x === 'string' ? decodeBase64url(j.x) : undefined;
    if (publicKey?.length !== 32)
      throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 key (OKP).');
    return ed25519Key(publicKey);
  }
  const point = compressedP256(j);
  if (point === undefined)
    throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 (OKP) or P-256 (EC) key.');
  return p256Key(j as unknown as P256PublicJwk, point);
}

/** The proof's claims: for this credential issuer, issued within five minutes of now, with a nonce. */
function checkClaims(payload: Record<string, unknown>, audience: string, now: Date): string {
  const aud = payload.aud;
  if (aud !== audience && !(Array.isArray(aud) && aud.includes(audience)))
    throw new OAuthError('invalid_proof', 'The proof is for another credential issuer (aud).');
  const seconds = Math.floor(now.getTime() / 1000);
  const { iat, exp, nbf } = payload;
  if (typeof iat !== 'number' || !Number.isFinite(iat))
    throw new OAuthError('invalid_proof', 'The proof has no issuance time (iat).');
  // The window of jose's maxTokenAge with clockTolerance, as before: issued at most five minutes
  // ahead, and not longer than ten minutes ago.
  if (iat > seconds + PROOF_WINDOW_SECONDS || seconds - iat > 2 * PROOF_WINDOW_SECONDS)
    throw new OAuthError('invalid_proof', 'The proof is too old or from the future (iat).');
  if (typeof exp === 'number' && exp <= seconds - PROOF_WINDOW_SECONDS)
    throw new OAuthError('invalid_proof', 'The proof has expired (exp).');
  if (typeof nbf === 'number' && nbf > seconds + PROOF_WINDOW_SECONDS)
    throw new OAuthError('invalid_proof', 'The proof is not valid yet (nbf).');
  if (typeof payload.nonce !== 'string')
    throw new OAuthError('invalid_nonce', 'The proof has no nonce; get one from the nonce endpoint.');
  return payload.nonce;
}

/**
 * Checks an OpenID4VCI `jwt` proof of possession: a strict compact JWS (EdDSA or ES256 only, no
 * duplicate members), its header names one holder key and it is signed by that key with the
 * algorithm of the key's type (EdDSA for Ed25519, ES256 for P-256, low-S only), `typ` is
 * `openid4vci-proof+jwt`, `aud` is this credential issuer and `iat` lies within five minutes.
 * Returns the holder's DID (a did:key), its public JWK (what an SD-JWT VC binds in `cnf.jwk`) and
 * the nonce the proof carries (the caller uses that nonce up).
 * Codes (OAuth): `invalid_proof`, `invalid_nonce`.
 */
export async function verifyHolderProof(
  proof: string,
  audience: string,
  now: Date,
): Promise<{ holderDid: string; holderJwk: HolderJwk; nonce: string }> {
  const parsed = parseCompactJws(proof, { allowJwkHeader: true });
  if (!parsed.ok) {
    throw new OAuthError(
      'invalid_proof',
      parsed.code === 'ERR_JWS_ALG_NOT_ALLOWED'
        ? 'Proofs must be signed with EdDSA (Ed25519) or ES256 (P-256).'
        : `The proof is not an acceptable JWT: ${parsed.reason}`,
    );
  }
  const { header, payload, signingInput, signature } = parsed.jws;
  const key = proofKey(header);
  if (header.alg !== key.alg)
    throw new OAuthError(
      'invalid_proof',
      `A ${key.alg === 'EdDSA' ? 'Ed25519' : 'P-256'} key signs with ${key.alg} only.`,
    );
  if (!(await key.verify(signingInput, signature)))
    throw new OAuthError('invalid_proof', 'The proof signature does not match the key it names.');
  return { holderDid: key.holderDid, holderJwk: key.holderJwk, nonce: checkClaims(payload, audience, now) };
}
