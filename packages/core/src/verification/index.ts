// Browser-safe verification building blocks shared by the verifier and the wallet: strict JWS
// parsing, DIDs and their keys, Ed25519 through an injected port, credential-JWT normalisation,
// validity windows, Bitstring Status Lists and the per-skill match report.
export {
  encodeBase64url,
  decodeBase64url,
  encodeBase58btc,
  decodeBase58btc,
  utf8Encode,
  utf8Decode,
  decodeHex,
  bytesEqual,
} from './bytes.js';
export { parseStrictJson } from './strict-json.js';
export type { StrictJsonResult } from './strict-json.js';
export { parseCompactJws, parseCredentialJwt, MAX_JWS_LENGTH } from './compact-jws.js';
export type { ParsedJws, JwsHeader, JwsParseResult, ParseJwsOptions } from './compact-jws.js';
export { webCryptoEd25519Verify } from './ed25519.js';
export type { Ed25519Verify } from './ed25519.js';
export { webCryptoP256Verify, isHighS } from './p256.js';
export type { P256Verify } from './p256.js';
export { JWS_ALGORITHMS, KEY_TYPE_OF, isJwsAlgorithm } from './jws-algorithms.js';
export type { JwsAlgorithm } from './jws-algorithms.js';
export {
  decodeDidKey,
  didKeyDocument,
  didKeyFromPublicKey,
  decodeEd25519Multibase,
  encodeEd25519Multibase,
} from './did-key.js';
export type { DidKeyResult } from './did-key.js';
export { selectVerificationKeys, ed25519KeyOf, p256KeyOf, p256PointOfJwk } from './did-document.js';
export type {
  DidDocument,
  VerificationMethod,
  VerificationRelationship,
  DidKey,
  KeySelection,
} from './did-document.js';
export { didWebUrl, didWebFor } from './did-web.js';
export type { DidWebUrlOptions, DidWebUrlResult } from './did-web.js';
export { normalizeCredentialJwt, secondsToDateTime } from './credential-jwt.js';
export type { NormalizedCredential, NormalizeResult } from './credential-jwt.js';
export { validityWindow, DEFAULT_CLOCK_SKEW_SECONDS } from './validity-window.js';
export type { ValidityVerdict, ValidityWindowInput } from './validity-window.js';
export {
  decodeStatusList,
  encodeStatusList,
  createStatusBitstring,
  statusBit,
  setStatusBit,
  parseStatusIndex,
  credentialStatusAt,
  MIN_STATUS_LIST_BITS,
  MAX_STATUS_LIST_BYTES,
} from './status-list.js';
export type { StatusBitstring, StatusListDecodeResult } from './status-list.js';
export { CHECK_IDS, pass, failed, warning } from './checks.js';
export type { CheckId, CheckStatus, VerificationCheck } from './checks.js';
export { matchSkills } from './skills-match.js';
export type {
  RequestedSkill,
  MatchableCredential,
  SkillProof,
  SkillMatchLine,
  SkillsMatchReport,
} from './skills-match.js';
export { verifyJws } from './verify-jws.js';
export type { VerifyJwsResult } from './verify-jws.js';
export { decodeTokenStatusList, STATUS_LIST_TOKEN_TYPE } from './token-status-list.js';
export type { TokenStatusListDecodeResult } from './token-status-list.js';
export * from './pipeline/index.js';
