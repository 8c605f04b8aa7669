// did:key for Ed25519 holder keys: "did:key:z" + base58btc(0xed 0x01 || 32-byte public key).

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ED25519_PREFIX = [0xed, 0x01];

function base58Decode(text: string): Uint8Array | undefined {
  let value = 0n;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return undefined;
    value = value * 58n + BigInt(digit);
  }
  const bytes: number[] = [];
  while (value > 0n) {
    bytes.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  for (const char of text) {
    if (char !== '1') break;
    bytes.unshift(0);
  }
  return Uint8Array.from(bytes);
}

function base58Encode(bytes: Uint8Array): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % 58n)]! + out;
    value /= 58n;
  }
  for (const byte of bytes) {
    if (byte !== 0) break;
    out = `1${out}`;
  }
  return out;
}

/** The raw 32-byte Ed25519 public key of a `did:key`, or `undefined` for anything else. */
export function ed25519KeyOfDidKey(did: string): Uint8Array | undefined {
  const match = /^did:key:z([1-9A-HJ-NP-Za-km-z]{40,60})$/.exec(did);
  if (match === null) return undefined;
  const bytes = base58Decode(match[1]!);
  if (
    bytes === undefined ||
    bytes.length !== 34 ||
    bytes[0] !== ED25519_PREFIX[0] ||
    bytes[1] !== ED25519_PREFIX[1]
  )
    return undefined;
  return bytes.slice(2);
}

/** The `did:key` of a raw 32-byte Ed25519 public key. */
export function didKeyOfEd25519(publicKey: Uint8Array): string {
  return `did:key:z${base58Encode(Uint8Array.from([...ED25519_PREFIX, ...publicKey]))}`;
}
