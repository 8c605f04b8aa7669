// Byte encodings used by JOSE, multibase and DIDs, written out so the browser bundle needs no
// Buffer and no third-party codec. Decoders are strict: they return `undefined` for anything that
// is not the one canonical encoding, so two different strings never decode to the same bytes.

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Value of each ASCII code in the base64url alphabet, -1 outside it. */
const B64URL_TABLE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64URL.length; i += 1) B64URL_TABLE[B64URL.charCodeAt(i)] = i;

/** Node's Buffer, when there is one: its native base64url codec is far faster than ours. */
const nodeBuffer = (
  globalThis as unknown as {
    Buffer?: {
      from(
        text: string,
        encoding: 'base64url' | 'utf8',
      ): Uint8Array & { toString(encoding: 'base64url'): string };
      from(
        buffer: ArrayBufferLike,
        byteOffset: number,
        length: number,
      ): { toString(encoding: 'base64url'): string };
    };
  }
).Buffer;

/** Encodes bytes as unpadded base64url (RFC 4648 §5). */
export function encodeBase64url(bytes: Uint8Array): string {
  // Node's encoder is native and writes the same canonical text; the browser takes ours.
  if (nodeBuffer !== undefined)
    return nodeBuffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64url');
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let j = 0; j < chars; j += 1) out += B64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

/** base64url of a string's UTF-8 bytes: one native step in Node. */
export function encodeBase64urlText(text: string): string {
  return nodeBuffer === undefined
    ? encodeBase64url(utf8Encode(text))
    : nodeBuffer.from(text, 'utf8').toString('base64url');
}

const BASE64URL_TEXT = /^[A-Za-z0-9_-]*$/;

/**
 * Decodes unpadded base64url; `undefined` for padding, characters outside the alphabet, an
 * impossible length, or non-zero trailing bits (a non-canonical encoding).
 */
export function decodeBase64url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  if (nodeBuffer !== undefined) {
    // Node's decoder skips what it does not know; encoding back must give the very same text,
    // which holds only for the one canonical encoding. Both passes are native: far faster than a
    // regular expression over a long presentation.
    const bytes = nodeBuffer.from(text, 'base64url');
    return bytes.toString('base64url') === text
      ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)
      : undefined;
  }
  if (!BASE64URL_TEXT.test(text)) return undefined;
  // The last character's unused bits must be zero: one canonical encoding per byte string.
  const last = text.length === 0 ? 0 : B64URL_TABLE[text.charCodeAt(text.length - 1)]!;
  const unused = text.length % 4 === 2 ? 0x0f : text.length % 4 === 3 ? 0x03 : 0;
  if ((last & unused) !== 0) return undefined;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let o = 0;
  // charCodeAt and a table, not a Map per character: this decodes every JWT part we verify.
  for (let i = 0; i < text.length; i += 1) {
    buffer = ((buffer << 6) | B64URL_TABLE[text.charCodeAt(i)]!) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}

const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const B58_INDEX = new Map([...B58].map((c, i) => [c, i]));

/** Decodes base58btc (the multibase `z` alphabet); `undefined` for characters outside it. */
export function decodeBase58btc(text: string, maxBytes = 256): Uint8Array | undefined {
  if (text.length === 0 || text.length > Math.ceil(maxBytes * 1.37) + 1) return undefined;
  const bytes: number[] = [];
  for (const char of text) {
    let carry = B58_INDEX.get(char);
    if (carry === undefined) return undefined;
    for (let i = 0; i < bytes.length; i += 1) {
      carry += bytes[i]! * 58;
      bytes[i] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (const char of text) {
    if (char !== '1') break;
    bytes.push(0);
  }
  return Uint8Array.from(bytes.reverse());
}

/** Encodes bytes as base58btc. */
export function encodeBase58btc(bytes: Uint8Array): string {
  const digits: number[] = [];
  for (const byte of bytes) {
    let carry = byte;
    for (let i = 0; i < digits.length; i += 1) {
      carry += digits[i]! << 8;
      digits[i] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '';
  for (const byte of bytes) {
    if (byte !== 0) break;
    out += '1';
  }
  for (let i = digits.length - 1; i >= 0; i -= 1) out += B58[digits[i]!];
  return out;
}

interface TextCodecs {
  TextEncoder: new () => { encode(text: string): Uint8Array };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string };
}

// The browser and Node both provide these globals; the core package is compiled without DOM or
// Node types, so they are reached through a narrow local type instead of an ambient declaration.
const codecs = globalThis as unknown as TextCodecs;
// One of each: both are stateless between calls (no streaming), so they are safe to share.
const encoder = new codecs.TextEncoder();
const decoder = new codecs.TextDecoder('utf-8', { fatal: true });

/** UTF-8 bytes of a string. */
export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** The string for UTF-8 bytes; `undefined` when the bytes are not valid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Bytes of a hexadecimal string (test vectors); `undefined` when it is not hex. */
export function decodeHex(hex: string): Uint8Array | undefined {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) return undefined;
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i += 1) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** True when both byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i += 1) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
