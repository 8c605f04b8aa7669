import {
  verifyCredential,
  webCryptoEd25519Verify,
  type CredentialDocument,
  type CredentialEnvelope,
  type CredentialTypeName,
  type CredentialVerification,
  type CredentialVerificationDeps,
} from '@skills-passport/core';
import { WalletError } from '../errors.js';
import { resolveDid } from './did-resolver.js';
import { refusalOf } from './refusal.js';
import { walletStatusLists } from './status-lists.js';

export const CLOCK_SKEW_SECONDS = 60;

/**
 * What core's verification pipeline reaches outside itself, from the wallet: DID documents and
 * status lists over the wallet's guarded fetch (cached briefly), WebCrypto's Ed25519, the clock.
 * No trust registry: the wallet holds what the learner was given and says who issued it; whether
 * an issuer is recognised is each verifier's call.
 */
export const walletDeps: CredentialVerificationDeps = {
  resolveDid,
  verifySignature: webCryptoEd25519Verify,
  statusLists: walletStatusLists,
  now: () => Date.now(),
  clockSkewSeconds: CLOCK_SKEW_SECONDS,
};

/** A received envelope the wallet takes: what core read from it. */
export interface AcceptedEnvelope {
  envelope: CredentialEnvelope;
  id: string;
  document: CredentialDocument;
  type: CredentialTypeName;
  issuerDid: string;
}

/**
 * Verifies a credential the wallet is handed, with core's pipeline: signature against the
 * issuer's did:web, issued to `holder`, one of our types following its schema, valid today, its
 * status known and neither revoked nor suspended. Throws the {@link WalletError} `refusalOf` names.
 */
export async function verifyReceived(
  envelope: CredentialEnvelope,
  holder: string,
): Promise<AcceptedEnvelope> {
  // An SD-JWT VC is bound to the key in its `cnf`: core reads that key as its did:key.
  const verification: CredentialVerification = await verifyCredential(envelope, walletDeps, { holder });
  const refusal = refusalOf(verification, envelope, { strictStatus: true });
  if (refusal !== undefined) throw refusal;
  const { credential, type, issuer } = verification;
  if (credential === undefined || type === undefined || issuer === undefined)
    throw new WalletError('ERR_UNKNOWN_CREDENTIAL_TYPE', undefined, {
      reason: 'ERR_UNKNOWN_CREDENTIAL_TYPE',
    });
  return { envelope, id: credential.id, document: credential, type, issuerDid: issuer };
}
