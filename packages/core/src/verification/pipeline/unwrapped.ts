import type { CredentialTypeName, EnvelopeFormat } from '../../credential-types.js';
import type { ClaimPath } from '../../sd-jwt/layout.js';
import type { VerificationCheck } from '../checks.js';

/**
 * A credential taken out of its envelope, its signature checked against its issuer's DID
 * document: the document (VC Data Model 2.0), who issued it and to whom, and its validity period.
 * `checks` are those the envelope answered (format, issuer DID, signature, issuer consistency).
 */
export interface Unwrapped {
  format: EnvelopeFormat;
  issuer: string;
  document: Record<string, unknown>;
  subject?: string;
  /** Seconds since the epoch. */
  notBefore?: number;
  expires?: number;
  /** True when the document was bounded and screened as `validateCredential` does, while parsed. */
  screened?: boolean;
  checks: VerificationCheck[];
  /** An SD-JWT VC's type, what was disclosed and withheld, and its Token Status List entry. */
  sdJwt?: SdJwtDisclosure & { type: CredentialTypeName; status?: { idx: unknown; uri: unknown } };
}

/** What an SD-JWT VC presentation disclosed, and how many digests per place stayed hidden. */
export interface SdJwtDisclosure {
  disclosed: ClaimPath[];
  withheld: { path: ClaimPath; count: number }[];
}

/** An envelope opened, or the checks that refused it (and the issuer, once known). */
export type UnwrapResult =
  { ok: true; value: Unwrapped } | { ok: false; checks: VerificationCheck[]; issuer?: string };
