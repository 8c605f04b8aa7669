// SD-JWT VC (`dc+sd-jwt`): our credentials laid out for selective disclosure, issued and presented
// with `@sd-jwt/core`, and read back strictly by our own decoder (RFC 9901 §7.1's checks, which
// the library's decoder does not make: see decode.ts). Browser-safe.
export { sdJwtVcClaims, documentOfSdJwtClaims } from './claims.js';
export type { SdJwtVcBinding, DisclosureFrame } from './claims.js';
export { decodeSdJwt, MAX_DISCLOSURES } from './decode.js';
export { sdDigest } from './digest.js';
export type { DecodedSdJwt, Disclosure, DecodeResult } from './decode.js';
export { issueSdJwtVc, sdHasher, sdSalt } from './issue.js';
export { readIssuerVct } from './issuer-vct.js';
export type { VctReading } from './issuer-vct.js';
export { holderKeyOf, verifyKeyBinding } from './key-binding.js';
export type { KeyBindingExpectation, KeyBindingResult } from './key-binding.js';
export {
  OVERALL_RESULTS_MEMBER,
  RESULTS_MEMBER,
  SD_JWT_CLAIM_LABELS,
  VISIBLE_SUBJECT_MEMBERS,
  skillResultPath,
} from './layout.js';
export type { ClaimLabel, ClaimPath } from './layout.js';
export { presentSdJwtVc, presentationFrame, sdJwtClaims } from './present.js';
export type { KeyBindingInput } from './present.js';
export type { JwsSigner } from './signer.js';
export { integrityOf, typeMetadataFor, typeMetadataText, typeOfVct, vctFor, VCT_PATH } from './vct.js';
