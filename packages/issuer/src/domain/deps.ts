import type { Logger } from '@skills-passport/service-kit';
import type { DataIntegritySigner } from '../agent/data-integrity-signer.js';
import type { OrgJwsSigner } from '../agent/jws-signer.js';
import type { CredentialSigner, OrgKeys } from '../agent/org-keys.js';
import type { IssuerConfig } from '../config.js';
import type { IssuerStorage, OfferMailer } from '../ports.js';

/** Everything domain code may use, handed in once: no module reaches for globals. */
export interface IssuerDeps {
  config: IssuerConfig;
  store: IssuerStorage;
  orgKeys: OrgKeys;
  /** `jwt_vc_json`: VC-JWTs. */
  signer: CredentialSigner;
  /** `ldp_vc`: Data Integrity proofs. */
  dataIntegritySigner: DataIntegritySigner;
  /** Plain JWSs by an organisation's key, EdDSA or ES256: status list tokens, SD-JWT VCs. */
  jwsSigner: OrgJwsSigner;
  /** Offer e-mails: an SMTP server, or the outbox under the data directory. */
  mailer: OfferMailer;
  logger: Logger;
  /** The current time; tests pass a fixed clock. */
  now: () => Date;
}

/** Who performs an action, for access checks and the audit log. */
export interface Actor {
  kind: 'admin' | 'staff' | 'holder' | 'system';
  id: string;
  orgSlug?: string;
  ip?: string;
}
