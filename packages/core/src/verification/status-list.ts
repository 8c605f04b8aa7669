import type { ErrorCode } from '../errors.js';
import { decodeBase64url, encodeBase64url } from './bytes.js';

/** Bits a Bitstring Status List must hold at least (Bitstring Status List 1.0, §2.1: 16 KB). */
export const MIN_STATUS_LIST_BITS = 131_072;

/** Default bound on a decompressed list: 2 MiB, sixteen million entries. */
export const MAX_STATUS_LIST_BYTES = 2 * 1024 * 1024;

/** Bound on the encoded (compressed) list accepted before decompression. */
const MAX_ENCODED_LENGTH = 1024 * 1024;

/** A decoded status list: bit `i` is the most significant bit of byte `i >> 3` shifted by `i & 7`. */
export interface StatusBitstring {
  bytes: Uint8Array;
  /** Number of entries (bits). */
  length: number;
}

/** The outcome of {@link decodeStatusList}. */
export type StatusListDecodeResult =
  { ok: true; list: StatusBitstring } | { ok: false; code: ErrorCode; reason: string };

interface StreamPair {
  writable: { getWriter(): { write(chunk: Uint8Array): Promise<void>; close(): Promise<void> } };
  readable: {
    getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
  };
}
type StreamConstructor = new (format: 'gzip' | 'deflate') => StreamPair;

// Compression streams are globals in browsers and Node 20; core has no DOM or Node types, so they
// are reached through this narrow view.
function streamClass(name: 'CompressionStream' | 'DecompressionStream'): StreamConstructor | undefined {
  return (globalThis as unknown as Record<string, StreamConstructor | undefined>)[name];
}

const ignore = (): void => undefined;

/** Runs `input` through a (de)compression stream, stopping once the output passes `maxBytes`. */
export async function transform(
  name: 'CompressionStream' | 'DecompressionStream',
  input: Uint8Array,
  maxBytes: number,
  format: 'gzip' | 'deflate' = 'gzip',
): Promise<Uint8Array | 'too_large' | 'invalid'> {
  const Stream = streamClass(name);
  if (Stream === undefined) return 'invalid';
  const stream = new Stream(format);
  const writer = stream.writable.getWriter();
  // Rejections surface on the reader too; these are only observed so they never go unhandled.
  writer.write(Uint8Array.from(input)).catch(ignore);
  writer.close().catch(ignore);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value === undefined) continue;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(ignore);
        return 'too_large';
      }
      chunks.push(value);
    }
  } catch {
    return 'invalid';
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/**
 * Decodes a Bitstring Status List `encodedList` (multibase `u` + base64url of the GZIP-compressed
 * bitstring). Decompression stops as soon as the output passes `maxBytes`
 * (`ERR_STATUS_LIST_TOO_LARGE`), so a small "zip bomb" cannot exhaust memory. A value that is not
 * such an encoding, or a list shorter than {@link MIN_STATUS_LIST_BITS}, is
 * `ERR_STATUS_LIST_INVALID`. Never throws.
 */
export async function decodeStatusList(
  encodedList: unknown,
  options: { maxBytes?: number; minBits?: number } = {},
): Promise<StatusListDecodeResult> {
  const invalid = (reason: string): StatusListDecodeResult => ({
    ok: false,
    code: 'ERR_STATUS_LIST_INVALID',
    reason,
  });
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    return invalid('The encoded list is not a multibase base64url ("u…") string.');
  }
  if (encodedList.length > MAX_ENCODED_LENGTH) {
    return { ok: false, code: 'ERR_STATUS_LIST_TOO_LARGE', reason: 'The encoded list is too long.' };
  }
  const compressed = decodeBase64url(encodedList.slice(1));
  if (compressed === undefined) return invalid('The encoded list is not base64url.');
  const bytes = await transform('DecompressionStream', compressed, options.maxBytes ?? MAX_STATUS_LIST_BYTES);
  if (bytes === 'too_large') {
    return {
      ok: false,
      code: 'ERR_STATUS_LIST_TOO_LARGE',
      reason: 'The status list expands beyond the accepted size.',
    };
  }
  if (bytes === 'invalid') return invalid('The encoded list is not GZIP-compressed data.');
  if (bytes.length * 8 < (options.minBits ?? MIN_STATUS_LIST_BITS)) {
    return invalid(`The status list holds fewer than ${options.minBits ?? MIN_STATUS_LIST_BITS} entries.`);
  }
  return { ok: true, list: { bytes, length: bytes.length * 8 } };
}

/** Encodes a bitstring as an `encodedList` (`u` + base64url(gzip(bytes))). */
export async function encodeStatusList(list: StatusBitstring): Promise<string> {
  const compressed = await transform('CompressionStream', list.bytes, Number.MAX_SAFE_INTEGER);
  if (typeof compressed === 'string') throw new TypeError('GZIP compression is not available.');
  return `u${encodeBase64url(compressed)}`;
}

/** A list of `length` entries (a multiple of 8), all 0. */
export function createStatusBitstring(length = MIN_STATUS_LIST_BITS): StatusBitstring {
  if (!Number.isSafeInteger(length) || length <= 0 || length % 8 !== 0) {
    throw new TypeError('A status list length is a positive multiple of 8.');
  }
  return { bytes: new Uint8Array(length / 8), length };
}

/** The bit at `index`, or `undefined` when the index is outside the list. */
export function statusBit(list: StatusBitstring, index: number): 0 | 1 | undefined {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.length) return undefined;
  return ((list.bytes[index >> 3]! >> (7 - (index & 7))) & 1) as 0 | 1;
}

/** Sets or clears the bit at `index` (in place). */
export function setStatusBit(list: StatusBitstring, index: number, value: boolean): void {
  if (!Number.isSafeInteger(index) || index < 0 || index >= list.length)
    throw new RangeError('Status index out of range.');
  const mask = 1 << (7 - (index & 7));
  list.bytes[index >> 3] = value ? list.bytes[index >> 3]! | mask : list.bytes[index >> 3]! & ~mask;
}

/**
 * Parses a `statusListIndex` (a decimal string, per the spec; a number is tolerated); `undefined`
 * for anything else, so "1e3", "-1", "01" and "0x10" are refused.
 */
export function parseStatusIndex(value: unknown): number | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || !/^(0|[1-9][0-9]{0,14})$/.test(text)) return undefined;
  return Number(text);
}

/**
 * What a credential's one status entry says. Its bit is set while the credential is not valid:
 * revoked for good, or suspended until lifted; the list's `suspended` bitstring (when the issuer
 * publishes one) tells which of those are suspensions. `undefined` when the index lies outside.
 */
export function credentialStatusAt(
  list: StatusBitstring,
  suspended: StatusBitstring | undefined,
  index: number,
): 'valid' | 'revoked' | 'suspended' | undefined {
  const bit = statusBit(list, index);
  if (bit === undefined) return undefined;
  if (bit === 0) return 'valid';
  return suspended !== undefined && statusBit(suspended, index) === 1 ? 'suspended' : 'revoked';
}
