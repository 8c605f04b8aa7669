import type { CredentialTypeName } from '@skills-passport/core';

/** What kind of organisation an issuer is. */
export const ISSUER_KINDS = ['evc-provider', 'training-provider', 'employer', 'other'] as const;
export type IssuerKind = (typeof ISSUER_KINDS)[number];

/** An organisation this verifier trusts, and for which credential types. */
export interface TrustedIssuer {
  did: string;
  name: string;
  kind: IssuerKind;
  /** Credential types the issuer is recognised for (e.g. only EVC providers for EVCCredential). */
  accreditedTypes: CredentialTypeName[];
}

/** Reads the trusted-issuer registry. */
export interface TrustedIssuerLookup {
  get(did: string): Promise<TrustedIssuer | undefined>;
}
