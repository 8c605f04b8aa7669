import { CREDENTIAL_TYPE_INFO, type CredentialTypeName } from '@skills-passport/core';
import type { IssuerDeps } from './deps.js';
import { ALLOWED_TYPES, orgIssuerUrl, type Organisation } from './organisations.js';

export const PRE_AUTHORIZED_GRANT = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';

/** The credential configuration id of each type in our metadata. */
export function configurationId(type: CredentialTypeName): string {
  return `${type}_jwt_vc_json`;
}

export function typeOfConfiguration(id: unknown): CredentialTypeName | undefined {
  return (Object.keys(CREDENTIAL_TYPE_INFO) as CredentialTypeName[]).find((t) => configurationId(t) === id);
}

/** Credential Issuer Metadata (OpenID4VCI 1.0 section 12.2) of one organisation. */
export function issuerMetadata(deps: IssuerDeps, org: Organisation): Record<string, unknown> {
  const base = orgIssuerUrl(deps.config.publicUrl, org.slug);
  const configurations: Record<string, unknown> = {};
  for (const type of ALLOWED_TYPES[org.kind]) {
    const info = CREDENTIAL_TYPE_INFO[type];
    configurations[configurationId(type)] = {
      format: 'jwt_vc_json',
      scope: type,
      cryptographic_binding_methods_supported: ['did:key', 'jwk'],
      credential_signing_alg_values_supported: ['EdDSA'],
      proof_types_supported: { jwt: { proof_signing_alg_values_supported: ['EdDSA'] } },
      credential_definition: { type: ['VerifiableCredential', 'OpenBadgeCredential', type] },
      credential_metadata: {
        display: [
          { name: info.label.nl, locale: 'nl' },
          { name: info.label.en, locale: 'en' },
        ],
      },
    };
  }
  return {
    credential_issuer: base,
    credential_endpoint: `${base}/credential`,
    nonce_endpoint: `${base}/nonce`,
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
