// The trusted-issuer registry's types live in core, where verification judges trust.
export { ISSUER_KINDS } from '@skills-passport/core';
export type { IssuerKind, TrustedIssuer, TrustedIssuerLookup } from '@skills-passport/core';
