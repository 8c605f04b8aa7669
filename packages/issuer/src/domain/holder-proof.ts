import { decodeBase64url, decodeDidKey, didKeyFromPublicKey, parseCompactJws } from '@skills-passport/core';
import { nodeEd25519Verify } from '@skills-passport/service-kit';
import { OAuthError } from './oauth-error.js';

/** How far a proof's `iat` may lie in the past or future. */
const PROOF_WINDOW_SECONDS = 300;
const PROOF_TYPE = 'openid4vci-proof+jwt';

/** The holder key a proof names: a did:key URL in `kid`, or an Ed25519 `jwk`; never both, nothing else. */
function proofKey(header: Record<string, unknown>): { publicKey: Uint8Array; holderDid: string } {
  for (const forbidden of ['x5c', 'x5u', 'jku', 'trust_chain', 'key_attestation']) {
    if (forbidden in header)
      throw new OAuthError('invalid_proof', `The proof header must not carry ${forbidden}.`);
  }
  if (header.typ !== PROOF_TYPE)
    throw new OAuthError('invalid_proof', `The proof typ must be ${PROOF_TYPE}.`);
  const { kid, jwk } = header;
  if ((kid === undefined) === (jwk === undefined))
    throw new OAuthError('invalid_proof', 'The proof header needs exactly one of kid (did:key) and jwk.');
  let publicKey: Uint8Array | undefined;
  if (typeof kid === 'string') {
    const [did, fragment] = kid.split('#');
    const decoded = did === undefined ? undefined : decodeDidKey(did);
    publicKey = decoded?.ok === true ? decoded.publicKey : undefined;
    if (publicKey === undefined || (fragment !== undefined && fragment !== did!.slice('did:key:'.length))) {
      throw new OAuthError('invalid_proof', 'kid must be an Ed25519 did:key verification method.');
    }
  } else {
    const j = jwk as Record<string, unknown> | null;
    const isPublicOkp =
      typeof j === 'object' && j !== null && j.kty === 'OKP' && j.crv === 'Ed25519' && !('d' in j);
    publicKey = isPublicOkp && typeof j.x === 'string' ? decodeBase64url(j.x) : undefined;
    if (publicKey?.length !== 32)
      throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 key (OKP).');
  }
  return { publicKey, holderDid: didKeyFromPublicKey(publicKey) };
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
 * Checks an OpenID4VCI `jwt` proof of possession: a strict compact JWS (EdDSA only, no duplicate
 * members), its header names one holder key and it is signed by that key, `typ` is
 * `openid4vci-proof+jwt`, `aud` is this credential issuer and `iat` lies within five minutes.
 * Returns the holder's DID and the nonce the proof carries (the caller uses that nonce up).
 * Codes (OAuth): `invalid_proof`, `invalid_nonce`.
 */
export async function verifyHolderProof(
  proof: string,
  audience: string,
  now: Date,
): Promise<{ holderDid: string; nonce: string }> {
  const parsed = parseCompactJws(proof, { allowJwkHeader: true });
  if (!parsed.ok) {
    throw new OAuthError(
      'invalid_proof',
      parsed.code === 'ERR_JWS_ALG_NOT_ALLOWED'
        ? 'Proofs must be signed with EdDSA (Ed25519).'
        : `The proof is not an acceptable JWT: ${parsed.reason}`,
    );
  }
  const { header, payload, signingInput, signature } = parsed.jws;
  const { publicKey, holderDid } = proofKey(header);
  if (!(await nodeEd25519Verify(publicKey, signingInput, signature)))
    throw new OAuthError('invalid_proof', 'The proof signature does not match the key it names.');
  return { holderDid, nonce: checkClaims(payload, audience, now) };
}
