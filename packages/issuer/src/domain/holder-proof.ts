import { createPublicKey, type KeyObject } from 'node:crypto';
import { decodeDidKey, didKeyFromPublicKey } from '@skills-passport/core';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { OAuthError } from './oauth-error.js';

/** How far a proof's `iat` may lie in the past or future. */
const PROOF_WINDOW_SECONDS = 300;

/** The holder key a proof names: a did:key URL in `kid`, or an Ed25519 `jwk`; never both, nothing else. */
function proofKey(header: Record<string, unknown>): { key: KeyObject; holderDid: string } {
  for (const forbidden of ['x5c', 'x5u', 'jku', 'trust_chain', 'key_attestation']) {
    if (forbidden in header)
      throw new OAuthError('invalid_proof', `The proof header must not carry ${forbidden}.`);
  }
  if (header.alg !== 'EdDSA')
    throw new OAuthError('invalid_proof', 'Proofs must be signed with EdDSA (Ed25519).');
  if (header.typ !== 'openid4vci-proof+jwt')
    throw new OAuthError('invalid_proof', 'The proof typ must be openid4vci-proof+jwt.');
  if (header.crit !== undefined)
    throw new OAuthError('invalid_proof', 'The proof has critical header parameters we do not understand.');
  const { kid, jwk } = header;
  if ((kid === undefined) === (jwk === undefined))
    throw new OAuthError('invalid_proof', 'The proof header needs exactly one of kid (did:key) and jwk.');
  let raw: Uint8Array | undefined;
  if (typeof kid === 'string') {
    const [did, fragment] = kid.split('#');
    const decoded = did === undefined ? undefined : decodeDidKey(did);
    raw = decoded?.ok === true ? decoded.publicKey : undefined;
    if (raw === undefined || (fragment !== undefined && fragment !== did!.slice('did:key:'.length))) {
      throw new OAuthError('invalid_proof', 'kid must be an Ed25519 did:key verification method.');
    }
  } else {
    const j = jwk as Record<string, unknown> | null;
    if (
      typeof j !== 'object' ||
      j === null ||
      j.kty !== 'OKP' ||
      j.crv !== 'Ed25519' ||
      typeof j.x !== 'string' ||
      'd' in j
    ) {
      throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 key (OKP).');
    }
    raw = Buffer.from(j.x, 'base64url');
    if (raw.length !== 32) throw new OAuthError('invalid_proof', 'jwk must be a public Ed25519 key (OKP).');
  }
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') },
    format: 'jwk',
  });
  return { key, holderDid: didKeyFromPublicKey(raw) };
}

/**
 * Checks an OpenID4VCI `jwt` proof of possession: its header names one holder key, it is signed by
 * that key with EdDSA, `typ` is `openid4vci-proof+jwt`, `aud` is this credential issuer and `iat`
 * lies within five minutes. Returns the holder's DID and the nonce the proof carries (the caller
 * uses that nonce up). Codes (OAuth): `invalid_proof`, `invalid_nonce`.
 */
export async function verifyHolderProof(
  proof: string,
  audience: string,
  now: Date,
): Promise<{ holderDid: string; nonce: string }> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(proof);
  } catch {
    throw new OAuthError('invalid_proof', 'The proof is not a JWT.');
  }
  const { key, holderDid } = proofKey(header);
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(proof, key, {
      algorithms: ['EdDSA'],
      typ: 'openid4vci-proof+jwt',
      audience,
      requiredClaims: ['iat'],
      maxTokenAge: PROOF_WINDOW_SECONDS,
      clockTolerance: PROOF_WINDOW_SECONDS,
      currentDate: now,
    }));
  } catch (error) {
    const reason =
      error instanceof joseErrors.JWSSignatureVerificationFailed
        ? 'The proof signature does not match the key it names.'
        : error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'aud'
          ? 'The proof is for another credential issuer (aud).'
          : error instanceof joseErrors.JOSEError
            ? `The proof is not acceptable (${error.code}).`
            : 'The proof is not acceptable.';
    throw new OAuthError('invalid_proof', reason);
  }
  if (typeof payload.nonce !== 'string')
    throw new OAuthError('invalid_nonce', 'The proof has no nonce; get one from the nonce endpoint.');
  return { holderDid, nonce: payload.nonce };
}
