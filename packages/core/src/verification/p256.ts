/**
 * Verifies an ES256 signature (IEEE P1363 `r || s`, 64 bytes, as JWS carries it) of `message` by a
 * P-256 public key (65-byte uncompressed point). Must resolve `false`, never reject, for malformed
 * keys or signatures. Injected like {@link Ed25519Verify}.
 */
export type P256Verify = (
  publicKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
) => Promise<boolean>;

/** Half the order of P-256, big-endian: an `s` above it is the high twin of a valid signature. */
const HALF_ORDER = Uint8Array.from([
  0x7f, 0xff, 0xff, 0xff, 0x80, 0x00, 0x00, 0x00, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xde, 0x73,
  0x7d, 0x56, 0xd3, 0x8b, 0xcf, 0x42, 0x79, 0xdc, 0xe5, 0x61, 0x7e, 0x31, 0x92, 0xa8,
]);

/**
 * True when the signature's `s` lies in the upper half of the group order. ECDSA is malleable:
 * `(r, n - s)` verifies wherever `(r, s)` does, so one credential could travel under two
 * signatures; like Bitcoin and the JOSE profiles that care, only the low form is accepted.
 */
export function isHighS(signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  for (let i = 0; i < 32; i++) {
    const byte = signature[32 + i]!;
    const half = HALF_ORDER[i]!;
    if (byte !== half) return byte > half;
  }
  return false;
}

interface EcSubtle {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'ECDSA'; namedCurve: 'P-256' },
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  verify(
    algorithm: { name: 'ECDSA'; hash: 'SHA-256' },
    key: unknown,
    signature: Uint8Array,
    data: Uint8Array,
  ): Promise<boolean>;
}

// Core is compiled without DOM or Node types: WebCrypto is reached through this narrow view.
function subtle(): EcSubtle | undefined {
  return (globalThis as unknown as { crypto?: { subtle?: EcSubtle } }).crypto?.subtle;
}

/** Imported keys per encoded point; a bounded map, so no input can grow it. */
const imported = new Map<string, Promise<unknown>>();
const MAX_IMPORTED = 256;

function importOnce(api: EcSubtle, publicKey: Uint8Array): Promise<unknown> {
  const id = String.fromCharCode(...publicKey);
  let key = imported.get(id);
  if (key === undefined) {
    key = api.importKey('raw', Uint8Array.from(publicKey), { name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'verify',
    ]);
    key.catch(() => imported.delete(id));
    if (imported.size >= MAX_IMPORTED) imported.delete(imported.keys().next().value!);
    imported.set(id, key);
  }
  return key;
}

/**
 * The default {@link P256Verify}: WebCrypto's ECDSA (Node 20, Chromium), which checks the point is
 * on the curve. High-S signatures are refused by the caller ({@link isHighS}) with their own code.
 */
export const webCryptoP256Verify: P256Verify = async (publicKey, message, signature) => {
  const api = subtle();
  if (api === undefined || publicKey.length !== 65 || publicKey[0] !== 0x04 || signature.length !== 64)
    return false;
  try {
    const key = await importOnce(api, publicKey);
    return await api.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      Uint8Array.from(signature),
      Uint8Array.from(message),
    );
  } catch {
    return false;
  }
};
