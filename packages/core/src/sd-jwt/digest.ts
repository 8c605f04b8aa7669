import { sha256 } from '@noble/hashes/sha2';
import { encodeBase64url, utf8Encode } from '../verification/bytes.js';

// SD-JWT hashes many small strings: a disclosure is a few hundred bytes, a credential has dozens,
// and `sd_hash` covers the whole presentation. WebCrypto's digest is asynchronous — in Node each
// call is a round trip to the thread pool, which made issuing an SD-JWT VC with 30 disclosures
// take about 5 ms, nearly all of it waiting (`node --cpu-prof` on `pnpm bench sdjwt`). Hashing is
// synchronous here: Node's native SHA-256 where the runtime has one (found at run time, so the
// browser bundle imports nothing of Node), else @noble/hashes (audited, pure JavaScript).

interface NodeHash {
  update(data: Uint8Array | string): NodeHash;
  digest(): Uint8Array;
  digest(encoding: 'base64url'): string;
}

interface NodeCrypto {
  createHash?: (alg: 'sha256') => NodeHash;
  /** One-shot hashing (Node 20.12+): no hash object per call. */
  hash?: (alg: 'sha256', data: string, encoding: 'base64url') => string;
}

const nodeCrypto = (
  globalThis as unknown as { process?: { getBuiltinModule?: (id: string) => NodeCrypto | undefined } }
).process?.getBuiltinModule?.('node:crypto');
const nodeCreateHash = nodeCrypto?.createHash;
const nodeHash = nodeCrypto?.hash;

/** SHA-256 of bytes, synchronously. */
export function sha256Sync(bytes: Uint8Array): Uint8Array {
  return nodeCreateHash === undefined ? sha256(bytes) : nodeCreateHash('sha256').update(bytes).digest();
}

/** base64url(SHA-256(ASCII(text))): the digest of a disclosure, and `sd_hash`. */
export function sdDigest(text: string): string {
  if (nodeHash !== undefined) return nodeHash('sha256', text, 'base64url');
  if (nodeCreateHash !== undefined) return nodeCreateHash('sha256').update(text).digest('base64url');
  return encodeBase64url(sha256(utf8Encode(text)));
}
