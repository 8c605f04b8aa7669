import type { CredentialTypeName } from '../../credential-types.js';

/** What kind of organisation an issuer is. */
export const ISSUER_KINDS = ['evc-provider', 'training-provider', 'employer', 'other'] as const;
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
}

/** Reads a trusted-issuer registry. */
export interface TrustedIssuerLookup {
  get(did: string): Promise<TrustedIssuer | undefined>;
}
