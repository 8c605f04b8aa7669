import {
  CREDENTIAL_FORMATS,
  CREDENTIAL_TYPE_INFO,
  credentialContexts,
  SD_JWT_CLAIM_LABELS,
  vctFor,
  type CredentialFormat,
  type CredentialTypeName,
} from '@skills-passport/core';
import type { IssuerDeps } from './deps.js';
import { ALLOWED_TYPES, orgIssuerUrl, type Organisation } from './organisations.js';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** The credential configuration id of a type in one envelope (`EVCCredential_ldp_vc`). */
export function configurationId(type: CredentialTypeName, format: CredentialFormat): string {
  return `${type}_${format}`;
}

/** Every configuration id of a type, one per envelope. */
export function configurationIds(type: CredentialTypeName): string[] {
  return CREDENTIAL_FORMATS.map((format) => configurationId(type, format));
}

/** The type and envelope a configuration id names, if it is one of ours. */
export function parseConfigurationId(
  id: unknown,
): { type: CredentialTypeName; format: CredentialFormat } | undefined {
  for (const type of Object.keys(CREDENTIAL_TYPE_INFO) as CredentialTypeName[])
    for (const format of CREDENTIAL_FORMATS)
      if (configurationId(type, format) === id) return { type, format };
  return undefined;
}

/** How each envelope is named to people choosing between them. */
const ENVELOPE_NAMES: Readonly<Record<CredentialFormat, string>> = {
  jwt_vc_json: 'VC-JWT',
  ldp_vc: 'Data Integrity',
  'dc+sd-jwt': 'SD-JWT VC',
};

/**
 * The algorithms a holder's proof may be signed with, per envelope. A VC-JWT or Data Integrity
 * credential names its holder by an Ed25519 did:key; an SD-JWT VC binds any key in `cnf.jwk`, so
 * HAIP holders with P-256 keys (ES256) take that one.
 */
export const PROOF_ALGORITHMS: Readonly<Record<CredentialFormat, readonly string[]>> = {
  jwt_vc_json: ['EdDSA'],
  ldp_vc: ['EdDSA'],
  'dc+sd-jwt': ['EdDSA', 'ES256'],
};

/** The claims of an SD-JWT VC type as OpenID4VCI 1.0 describes them (Appendix A.3.2, §12.2.4). */
function sdJwtClaims(type: CredentialTypeName): Record<string, unknown>[] {
  return SD_JWT_CLAIM_LABELS.filter((claim) => claim.types === undefined || claim.types.includes(type)).map(
    (claim) => ({
      path: claim.path,
      display: [
        { name: claim.label.nl, locale: 'nl' },
        { name: claim.label.en, locale: 'en' },
      ],
    }),
  );
}

/** One credential configuration (OpenID4VCI 1.0 §12.2.4 and Appendix A.1.1, A.1.2, A.3). */
function configuration(
  deps: IssuerDeps,
  type: CredentialTypeName,
  format: CredentialFormat,
): Record<string, unknown> {
  const info = CREDENTIAL_TYPE_INFO[type];
  const types = ['VerifiableCredential', 'OpenBadgeCredential', type];
  const origin = deps.config.publicUrl.origin;
  const display = [
    { name: info.label.nl, locale: 'nl', description: `${info.label.nl} (${ENVELOPE_NAMES[format]})` },
    { name: info.label.en, locale: 'en', description: `${info.label.en} (${ENVELOPE_NAMES[format]})` },
  ];
  const common = {
    format,
    scope: configurationId(type, format),
    proof_types_supported: { jwt: { proof_signing_alg_values_supported: PROOF_ALGORITHMS[format] } },
  };
  if (format === 'dc+sd-jwt')
    return {
      ...common,
      vct: vctFor(origin, type),
      cryptographic_binding_methods_supported: ['jwk'],
      // HAIP: ES256 by the organisation's P-256 key.
      credential_signing_alg_values_supported: ['ES256'],
      credential_metadata: { display, claims: sdJwtClaims(type) },
    };
  return {
    ...common,
    // A Data Integrity credential names its holder by DID; a JWT proof's jwk becomes a did:key.
    cryptographic_binding_methods_supported: format === 'ldp_vc' ? ['did:key'] : ['did:key', 'jwk'],
    credential_signing_alg_values_supported: format === 'ldp_vc' ? ['eddsa-rdfc-2022'] : ['EdDSA'],
    credential_definition:
      format === 'ldp_vc' ? { '@context': credentialContexts(origin), type: types } : { type: types },
    credential_metadata: { display },
  };
}

/** Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2) of one organisation: each type in both envelopes. */
export function issuerMetadata(deps: IssuerDeps, org: Organisation): Record<string, unknown> {
  const base = orgIssuerUrl(deps.config.publicUrl, org.slug);
  const configurations: Record<string, unknown> = {};
  for (const type of ALLOWED_TYPES[org.kind])
    for (const format of CREDENTIAL_FORMATS)
      configurations[configurationId(type, format)] = configuration(deps, type, format);
  return {
    credential_issuer: base,
    credential_endpoint: `${base}/credential`,
    nonce_endpoint: `${base}/nonce`,
    notification_endpoint: `${base}/notification`,
    display: [
      { name: org.name, locale: 'nl' },
      { name: org.name, locale: 'en' },
    ],
    credential_configurations_supported: configurations,
  };
}

/** OAuth 2.0 Authorization Server Metadata (RFC 8414): the organisation's issuer is its own authorization server. */
export function authorizationServerMetadata(deps: IssuerDeps, org: Organisation): Record<string, unknown> {
  const base = orgIssuerUrl(deps.config.publicUrl, org.slug);
  return {
    issuer: base,
    token_endpoint: `${base}/token`,
    grant_types_supported: [PRE_AUTHORIZED_GRANT],
    'pre-authorized_grant_anonymous_access_supported': true,
    response_types_supported: [],
  };
}
