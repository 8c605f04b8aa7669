import type { CredentialTypeName } from '../../credential-types.js';

/** What kind of organisation an issuer is. */
export const ISSUER_KINDS = [
  'evc-provider',
  'training-provider',
  'employer',
  'learn-work-desk',
  'other',
] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/** An organisation a verifier trusts, and for which of our credential types. */
export interface TrustedIssuer {
  did: string;
  name: string;
  kind: IssuerKind;
  /**
   * Our credential types the issuer is recognised for (only EVC providers for EVCCredential, …).
   * Open Badges from any trusted issuer count: they carry their own achievement, not a type of ours.
   */
  accreditedTypes: CredentialTypeName[];
  /**
   * A training provider's module catalogue: the absolute URL of its `GET /api/catalogues/:slug`,
   * which wallets read to suggest modules from recognised providers only.
   */
  catalogue?: string;
  /** An EVC provider's intake: the absolute URL of its `GET /api/intake/:slug`. */
  intake?: string;
}

/** Reads a trusted-issuer registry. */
export interface TrustedIssuerLookup {
  get(did: string): Promise<TrustedIssuer | undefined>;
}

/**
 * Whether a credential is self-declared: its issuer is its own subject, so nobody but the holder
 * vouches for it. Such a credential is shown as self-declared and never counts as proof, whatever
 * any trust list says about the holder's DID.
 */
export function isSelfDeclared(issuer: string | undefined, subject: string | undefined): boolean {
  return issuer !== undefined && issuer !== '' && issuer === subject;
}
