import { decodeBase64url, encodeBase64url, utf8Decode } from '@skills-passport/core';

// Core's strict codecs, typed for WebCrypto (which wants ArrayBuffer-backed views).

/** Encodes bytes as unpadded base64url. */
export function base64url(bytes: Uint8Array | ArrayBuffer): string {
  return encodeBase64url(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

/** Decodes canonical unpadded base64url; `undefined` for anything else. */
export function fromBase64url(text: string): Uint8Array<ArrayBuffer> | undefined {
  const bytes = decodeBase64url(text);
  return bytes === undefined ? undefined : Uint8Array.from(bytes);
}

export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** Decodes UTF-8; throws a TypeError for invalid UTF-8. */
export function fromUtf8(bytes: Uint8Array): string {
  const text = utf8Decode(bytes);
  if (text === undefined) throw new TypeError('Not UTF-8 text.');
  return text;
}
