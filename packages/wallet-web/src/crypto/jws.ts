import { base64url, utf8 } from './encoding.js';

/** Signs a compact JWS (EdDSA / Ed25519) with a WebCrypto key that never leaves WebCrypto. */
export async function signCompactJws(
  key: CryptoKey,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Promise<string> {
  const signingInput = `${base64url(utf8(JSON.stringify({ ...header, alg: 'EdDSA' })))}.${base64url(
    utf8(JSON.stringify(payload)),
  )}`;
  const signature = await crypto.subtle.sign({ name: 'Ed25519' }, key, utf8(signingInput));
  return `${signingInput}.${base64url(signature)}`;
}
