import { CREDENTIAL_TYPE_INFO, isCredentialTypeName, type CredentialTypeName } from '../credential-types.js';
import { encodeBase64url, utf8Encode } from '../verification/bytes.js';
import { sha256Sync } from './digest.js';
import { SD_JWT_CLAIM_LABELS } from './layout.js';

/** Where an issuer serves the SD-JWT VC Type Metadata of its credential types, below its origin. */
export const VCT_PATH = '/vct/';

/** The `vct` of a credential type issued at `origin`: the https URL its Type Metadata is served at. */
export function vctFor(origin: string, type: CredentialTypeName): string {
  return `${origin.replace(/\/$/, '')}${VCT_PATH}${type}`;
}

/**
 * The credential type a `vct` names, when it is one of ours served at `origin` (the issuer's own
 * origin, from its did:web); `undefined` for any other value.
 */
export function typeOfVct(vct: unknown, origin: string): CredentialTypeName | undefined {
  if (typeof vct !== 'string') return undefined;
  const prefix = `${origin.replace(/\/$/, '')}${VCT_PATH}`;
  if (!vct.startsWith(prefix)) return undefined;
  const name = vct.slice(prefix.length);
  return isCredentialTypeName(name) ? name : undefined;
}

/**
 * SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc, "Type Metadata") of one credential type:
 * its names in Dutch and English and, per claim, a label in both and whether it is selectively
 * disclosable (`sd: always`) or always visible (`sd: never`). Served as `JSON.stringify` of this.
 */
export function typeMetadataFor(origin: string, type: CredentialTypeName): Record<string, unknown> {
  const info = CREDENTIAL_TYPE_INFO[type];
  return {
    vct: vctFor(origin, type),
    name: info.label.en,
    description: `Skills Passport ${info.label.en}: an Open Badges 3.0 achievement with per-skill results, as SD-JWT VC.`,
    display: [
      { locale: 'nl', name: info.label.nl, description: `${info.label.nl} uit het Skills Passport` },
      { locale: 'en', name: info.label.en, description: `${info.label.en} from Skills Passport` },
    ],
    claims: SD_JWT_CLAIM_LABELS.filter(
      (claim) => claim.types === undefined || claim.types.includes(type),
    ).map((claim) => ({
      path: claim.path,
      display: [
        { locale: 'nl', label: claim.label.nl },
        { locale: 'en', label: claim.label.en },
      ],
      sd: claim.disclosable ? 'always' : 'never',
    })),
  };
}

/** The bytes an issuer serves as the Type Metadata of `type`: what `vct#integrity` covers. */
export function typeMetadataText(origin: string, type: CredentialTypeName): string {
  return JSON.stringify(typeMetadataFor(origin, type));
}

/** A W3C Subresource Integrity string (`sha256-<base64>`) of `text`, as `vct#integrity` carries it. */
export function integrityOf(text: string): Promise<string> {
  return Promise.resolve(integrityOfSync(text));
}

/** {@link integrityOf}, synchronously. */
export function integrityOfSync(text: string): string {
  const url = encodeBase64url(sha256Sync(utf8Encode(text)));
  // SRI uses standard base64 with padding.
  const base64 = url.replace(/-/g, '+').replace(/_/g, '/');
  return `sha256-${base64}${'='.repeat((4 - (base64.length % 4)) % 4)}`;
}
