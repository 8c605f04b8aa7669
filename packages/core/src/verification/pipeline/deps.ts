import type { ResolveDidDocument } from '../../data-integrity/types.js';
import type { Ed25519Verify } from '../ed25519.js';
import type { P256Verify } from '../p256.js';
import type { StatusListService } from './status-lists.js';
import type { TrustedIssuerLookup } from './trust.js';

/** Everything verification reaches outside itself, passed in one object. */
export interface CredentialVerificationDeps {
  resolveDid: ResolveDidDocument;
  verifySignature: Ed25519Verify;
  /** ES256 (P-256) verification; WebCrypto's when absent. A server passes its native one. */
  verifyP256?: P256Verify;
  statusLists: StatusListService;
  /** The verifier's registry; without one (the wallet) no trust or accreditation is judged. */
  trustedIssuers?: TrustedIssuerLookup;
  /** Milliseconds since the epoch. */
  now: () => number;
  clockSkewSeconds: number;
}
