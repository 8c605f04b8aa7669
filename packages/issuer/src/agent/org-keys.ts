import { toVcdm11 } from '@skills-passport/core';
import { dataIntegritySigner, type DataIntegritySigner } from './data-integrity-signer.js';
import { fastCredentialSigner } from './jwt-credential-signer.js';
import type { IssuerAgent } from './veramo-agent.js';

/** An Ed25519 verification key of an organisation. */
export interface OrgKey {
  /** Veramo's key id (the public key in hex). */
  kid: string;
  publicKeyHex: string;
}

/** What the issuer needs of key management: create an organisation's DID, add keys, list them. */
export interface OrgKeys {
  /** Creates (or finds, when it exists) the did:web identifier `did` with one Ed25519 key. */
  ensureIdentifier(did: string): Promise<OrgKey[]>;
  /** Adds a new Ed25519 key to the identifier and returns it; older keys stay. */
  addKey(did: string): Promise<OrgKey>;
  /** Every key of the identifier, oldest first. */
  keys(did: string): Promise<OrgKey[]>;
}

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

/** The Veramo-backed implementations of {@link OrgKeys} and the signers of both envelopes. */
export function veramoPorts(agent: IssuerAgent): {
  orgKeys: OrgKeys;
  signer: CredentialSigner;
  dataIntegritySigner: DataIntegritySigner;
} {
  const keysOf = async (did: string): Promise<OrgKey[]> => {
    const identifier = await agent.didManagerGet({ did });
    return identifier.keys
      .filter((key) => key.type === 'Ed25519')
      .map((key) => ({ kid: key.kid, publicKeyHex: key.publicKeyHex }));
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
        return keysOf(did);
      },
      async addKey(did) {
        const key = await agent.keyManagerCreate({ kms: 'local', type: 'Ed25519' });
        await agent.didManagerAddKey({ did, key });
        return { kid: key.kid, publicKeyHex: key.publicKeyHex };
      },
      keys: keysOf,
    },
    signer: fastCredentialSigner(agent),
    dataIntegritySigner: dataIntegritySigner(agent),
  };
}
