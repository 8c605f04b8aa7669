/**
 * Verifies an Ed25519 signature: resolves `true` only for a valid signature of `message` by
 * `publicKey` (32 bytes). Must resolve `false`, never reject, for malformed keys or signatures.
 * Injected so the wallet, the verifier and tests can plug in any implementation.
 */
export type Ed25519Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => Promise<boolean>;

interface SubtleLike {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'Ed25519' },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'Ed25519' },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

// WebCrypto is a global in browsers and in Node 20; core is compiled without DOM or Node types,
// so it is reached through this narrow local view.
function subtle(): SubtleLike | undefined {
  return (globalThis as unknown as { crypto?: { subtle?: SubtleLike } }).crypto?.subtle;
}

/**
 * The default {@link Ed25519Verify}: WebCrypto's `Ed25519` (Node 20, Chromium). It rejects
 * non-canonical `S` values and keys that are not points, as RFC 8032 asks; the Wycheproof
 * vectors in the tests hold it to that.
 */
export const webCryptoEd25519Verify: Ed25519Verify = async (publicKey, message, signature) => {
  const api = subtle();
  if (api === undefined || publicKey.length !== 32 || signature.length !== 64) return false;
  try {
    // Copies: some runtimes refuse views onto a larger or foreign-realm buffer.
    const key = await api.importKey('raw', Uint8Array.from(publicKey), { name: 'Ed25519' }, false, [
      'verify',
    ]);
    return await api.verify({ name: 'Ed25519' }, key, Uint8Array.from(signature), Uint8Array.from(message));
  } catch {
    return false;
  }
};
