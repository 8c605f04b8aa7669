import { isCredentialTypeName, SkillsPassportError, typeMetadataText } from '@skills-passport/core';
import type { IssuerDeps } from './deps.js';
import { orgIssuerUrl, publicJwks, type Organisation } from './organisations.js';

/**
 * JWT VC Issuer Metadata (draft-ietf-oauth-sd-jwt-vc, "JWT VC Issuer Metadata") of one
 * organisation: its credential issuer URL and every public key it signs with, as a JWK Set.
 */
export async function jwtVcIssuerMetadata(
  deps: IssuerDeps,
  org: Organisation,
): Promise<Record<string, unknown>> {
  return {
    issuer: orgIssuerUrl(deps.config.publicUrl, org.slug),
    jwks: { keys: await publicJwks(deps, org) },
  };
}

/**
 * The SD-JWT VC Type Metadata of one of our credential types, as the exact text served at its
 * `vct` (`vct#integrity` is computed over these bytes, by core). Code: `ERR_NOT_FOUND`.
 */
export function typeMetadataDocument(deps: IssuerDeps, type: string): string {
  if (!isCredentialTypeName(type)) throw new SkillsPassportError('ERR_NOT_FOUND', 'No such credential type.');
  return typeMetadataText(deps.config.publicUrl.origin, type);
}
