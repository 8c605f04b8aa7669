interface DigestApi {
  digest(algorithm: 'SHA-256', data: Uint8Array): Promise<ArrayBuffer>;
}

/**
 * SHA-256 through WebCrypto (`globalThis.crypto.subtle`, in browsers and Node 20); core is compiled
 * without DOM or Node types, so it is reached through this narrow view. Throws when the runtime
 * has no WebCrypto (a browser page served over plain http from another host than localhost).
 */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  const subtle = (globalThis as unknown as { crypto?: { subtle?: DigestApi } }).crypto?.subtle;
  if (subtle === undefined) throw new Error('WebCrypto (crypto.subtle) is not available here.');
  return new Uint8Array(await subtle.digest('SHA-256', data));
}
