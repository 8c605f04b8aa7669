import { escoFromGzip, readEscoLean, type Esco } from '@skills-passport/core';

/**
 * Reads the ESCO asset's bytes as they arrive. The file is gzip, but a server may send it with
 * `Content-Encoding: gzip` (vite preview does, for any `.gz`), and then the browser has already
 * unzipped it: gzip's magic bytes tell the two apart.
 */
export function escoFromAssetBytes(bytes: Uint8Array): Promise<Esco> {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return escoFromGzip(bytes);
  return Promise.resolve().then(() => readEscoLean(JSON.parse(new TextDecoder().decode(bytes))));
}
