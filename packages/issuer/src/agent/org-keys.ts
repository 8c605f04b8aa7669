import { toVcdm11 } from '@skills-passport/core';
import type { TKeyType } from '@veramo/core';
import type { OrgKeyType } from '../ports.js';
import { dataIntegritySigner, type DataIntegritySigner } from './data-integrity-signer.js';
import { fastCredentialSigner } from './jwt-credential-signer.js';
import { veramoJwsSigner, type OrgJwsSigner } from './jws-signer.js';
import type { IssuerAgent, VeramoRuntime } from './veramo-agent.js';

/** A verification key of an organisation: Ed25519 or P-256. */
export interface OrgKey {
  type: OrgKeyType;
  /** Veramo's key id (the public key in hex). */
  kid: string;
  /** Ed25519: the 32-byte key; P-256: the compressed point. */
  publicKeyHex: string;
}

/** What the issuer needs of key management: create an organisation's DID, add keys, list them. */
export interface OrgKeys {
  /**
   * Creates (or finds, when it exists) the did:web identifier `did` with one Ed25519 and one P-256
   * key; an identifier found without a P-256 key gets one. Returns its keys.
   */
  ensureIdentifier(did: string): Promise<OrgKey[]>;
  /** Adds a new key of `type` to the identifier and returns it; older keys stay. */
  addKey(did: string, type: OrgKeyType): Promise<OrgKey>;
  /** Removes a key made by {@link addKey} that was never published (another process won a race). */
  discardKey(did: string, kid: string): Promise<void>;
  /** Every key of the identifier, oldest first. */
  keys(did: string): Promise<OrgKey[]>;
}

/** Veramo's name of each key type. */
const VERAMO_TYPE = { Ed25519: 'Ed25519', 'P-256': 'Secp256r1' } as const satisfies Record<
  OrgKeyType,
  TKeyType
>;
const ORG_KEY_TYPE: Partial<Record<string, OrgKeyType>> = { Ed25519: 'Ed25519', Secp256r1: 'P-256' };

/** Signs a credential document as a VC-JWT (`jwt_vc_json`) with one of an organisation's keys. */
export interface CredentialSigner {
  sign(
    document: Record<string, unknown>,
    issuerDid: string,
    key: { kid: string; fragment: string },
  ): Promise<string>;
}

/**
 * Veramo's default signing path (`createVerifiableCredential` with the JWT provider, which writes
 * VC Data Model 1.1 only): looks up the identifier and key per credential, and moves `name` and
 * the issuer's profile out of `vc` (did-jwt-vc's layout, not §6.3.1's). It encodes the same
 * credential as our path; kept for comparison in tests and benchmarks.
 */
export function veramoDefaultSigner(agent: IssuerAgent): CredentialSigner {
  return {
    async sign(document, issuerDid, key) {
      const result = await agent.createVerifiableCredential({
        // Veramo's input type is wider than our documents; the shape was validated before.
        credential: toVcdm11(document) as never,
        proofFormat: 'jwt',
        keyRef: key.kid,
        header: { kid: `${issuerDid}#${key.fragment}` },
      });
      const jwt = (result.proof as { jwt?: unknown } | undefined)?.jwt;
      if (typeof jwt !== 'string') throw new Error('Veramo returned no JWT');
      return jwt;
    },
  };
}

/** The Veramo-backed implementations of {@link OrgKeys}, the signers of both envelopes and of plain JWSs. */
export function veramoPorts({ agent, signBytes }: Pick<VeramoRuntime, 'agent' | 'signBytes'>): {
  orgKeys: OrgKeys;
  signer: CredentialSigner;
  dataIntegritySigner: DataIntegritySigner;
  jwsSigner: OrgJwsSigner;
} {
  const keysOf = async (did: string): Promise<OrgKey[]> => {
    const identifier = await agent.didManagerGet({ did });
    return identifier.keys.flatMap((key) => {
      const type = ORG_KEY_TYPE[key.type];
      return type === undefined ? [] : [{ type, kid: key.kid, publicKeyHex: key.publicKeyHex }];
    });
  };
  const addKey = async (did: string, type: OrgKeyType): Promise<OrgKey> => {
    const key = await agent.keyManagerCreate({ kms: 'local', type: VERAMO_TYPE[type] });
    await agent.didManagerAddKey({ did, key });
    return { type, kid: key.kid, publicKeyHex: key.publicKeyHex };
  };
  return {
    orgKeys: {
      async ensureIdentifier(did) {
        const alias = did.slice('did:web:'.length);
        await agent.didManagerGetOrCreate({
          alias,
          provider: 'did:web',
          kms: 'local',
          options: { keyType: 'Ed25519' },
        });
        const keys = await keysOf(did);
        if (keys.some((key) => key.type === 'P-256')) return keys;
        return [...keys, await addKey(did, 'P-256')];
      },
      addKey,
      async discardKey(did, kid) {
        await agent.didManagerRemoveKey({ did, kid });
        await agent.keyManagerDelete({ kid });
      },
      keys: keysOf,
    },
    signer: fastCredentialSigner(signBytes),
    dataIntegritySigner: dataIntegritySigner(signBytes),
    jwsSigner: veramoJwsSigner(signBytes),
  };
}
