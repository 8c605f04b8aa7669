import { generateKeyPairSync, sign, verify } from 'node:crypto';
import { opsPerSecond } from './measure.js';

/**
 * The physical limit on this machine: raw Ed25519 through node:crypto (OpenSSL), signing and
 * verifying exactly the bytes our path signs or verifies.
 */
export async function rawEd25519(bytes: Buffer): Promise<{ signPerSecond: number; verifyPerSecond: number }> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signature = sign(null, bytes, privateKey);
  const signPerSecond = await opsPerSecond(() => sign(null, bytes, privateKey));
  const verifyPerSecond = await opsPerSecond(() => {
    if (!verify(null, bytes, publicKey, signature)) throw new Error('raw verify failed');
  });
  return { signPerSecond, verifyPerSecond };
}
