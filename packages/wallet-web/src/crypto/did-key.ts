import { decodeDidKey, didKeyFromPublicKey } from '@skills-passport/core';

export { didKeyFromPublicKey };

/** The verification method id of a did:key (`did:key:z…#z…`). */
export function didKeyVerificationMethod(did: string): string {
  return `${did}#${did.slice('did:key:'.length)}`;
}

/** The Ed25519 public key of a did:key, or `undefined` when it is not one. */
export function publicKeyFromDidKey(did: string): Uint8Array | undefined {
  const result = decodeDidKey(did);
  return result.ok ? result.publicKey : undefined;
}
