import { encodeBase64url, encodeBase64urlText, utf8Encode } from '../verification/bytes.js';
import { sdJwtVcClaims, type SdJwtVcBinding } from './claims.js';
import { sha256Sync } from './digest.js';
import { packClaims } from './pack.js';
import type { JwsSigner } from './signer.js';

/** `@sd-jwt/*`'s hasher: SHA-256, synchronous (see digest.ts), for the one algorithm we use. */
export function sdHasher(data: string | ArrayBuffer, alg: string): Uint8Array {
  if (alg.toLowerCase() !== 'sha-256') throw new TypeError(`Only sha-256 digests are made here, not ${alg}.`);
  return sha256Sync(typeof data === 'string' ? utf8Encode(data) : new Uint8Array(data));
}

/** 128-bit salts from the platform's CSPRNG, base64url, as RFC 9901 recommends. */
export function sdSalt(length = 16): string {
  const bytes = new Uint8Array(length);
  (
    globalThis as unknown as { crypto: { getRandomValues(b: Uint8Array): Uint8Array } }
  ).crypto.getRandomValues(bytes);
  return encodeBase64url(bytes);
}

const jsonPart = (value: unknown): string => encodeBase64urlText(JSON.stringify(value));

/**
 * Issues a credential document as an SD-JWT VC (`typ: dc+sd-jwt`, `_sd_alg: sha-256`), laid out and
 * framed by {@link sdJwtVcClaims}, packed by {@link packClaims}, signed by `signer` (its `kid` in
 * the header: a key the issuer's DID document lists under `assertionMethod`).
 * Returns `<issuer JWT>~<disclosure>~…~`.
 */
export async function issueSdJwtVc(
  document: Record<string, unknown>,
  binding: SdJwtVcBinding,
  signer: JwsSigner,
): Promise<string> {
  const { claims, frame } = sdJwtVcClaims(document, binding);
  const { payload, disclosures } = packClaims(claims, frame);
  const header = {
    typ: 'dc+sd-jwt',
    alg: signer.alg,
    ...(signer.kid === undefined ? {} : { kid: signer.kid }),
  };
  const signingInput = `${jsonPart(header)}.${jsonPart({ ...payload, _sd_alg: 'sha-256' })}`;
  const signature = await signer.sign(signingInput);
  return `${[`${signingInput}.${signature}`, ...disclosures].join('~')}~`;
}
