import type { JwsSigner } from '@skills-passport/core';
import type { OrgKeyType } from '../ports.js';
import type { KeySigner } from './veramo-agent.js';

/** The JWS `alg` each key type signs with. */
const ALG_OF: Readonly<Record<OrgKeyType, 'EdDSA' | 'ES256'>> = { Ed25519: 'EdDSA', 'P-256': 'ES256' };

/** One of an organisation's keys: the key manager's id and its type. */
export interface OrgSigningKey {
  kid: string;
  type: OrgKeyType;
}

/**
 * JWSs by an organisation's keys, in the key manager: `alg` follows from the key's type (EdDSA for
 * Ed25519, ES256 for P-256, always low-S) and is never taken from the caller.
 */
export interface OrgJwsSigner {
  /** A compact JWS (RFC 7515) of `payload`, with the caller's header members beside `alg`. */
  sign(
    header: Record<string, unknown>,
    payload: Record<string, unknown>,
    key: OrgSigningKey,
  ): Promise<string>;
  /** Core's {@link JwsSigner} for one key (SD-JWT VC issuance), `kid` its DID URL. */
  signerFor(key: OrgSigningKey, didUrl: string): JwsSigner;
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The Veramo key manager as {@link OrgJwsSigner}: the private key never leaves it. */
export function veramoJwsSigner(signBytes: KeySigner): OrgJwsSigner {
  const signInput = (key: OrgSigningKey, signingInput: string) =>
    signBytes(key.kid, signingInput, ALG_OF[key.type]);
  return {
    async sign(header, payload, key) {
      const { alg: _callersAlg, ...members } = header;
      const signingInput = `${b64({ alg: ALG_OF[key.type], ...members })}.${b64(payload)}`;
      return `${signingInput}.${await signInput(key, signingInput)}`;
    },
    signerFor(key, didUrl) {
      return { alg: ALG_OF[key.type], kid: didUrl, sign: (signingInput) => signInput(key, signingInput) };
    },
  };
}
