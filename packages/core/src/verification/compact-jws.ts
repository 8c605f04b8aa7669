import type { ErrorCode } from '../errors.js';
import { DEFAULT_JSON_LIMITS, type JsonLimits } from '../validation/json-guard.js';
import { decodeBase64url, utf8Decode, utf8Encode } from './bytes.js';
import { isJwsAlgorithm, type JwsAlgorithm } from './jws-algorithms.js';
import { parseStrictJson } from './strict-json.js';

/** A compact JWS that passed {@link parseCompactJws}; its signature is not yet checked. */
export interface ParsedJws {
  header: JwsHeader;
  payload: Record<string, unknown>;
  /** The bytes the signature covers: ASCII of `base64url(header).base64url(payload)`. */
  signingInput: Uint8Array;
  signature: Uint8Array;
  /** The bounds the payload was held to while it was parsed. */
  payloadLimits: JsonLimits;
}

/** The protected header members we read; anything else is carried but ignored. */
export interface JwsHeader {
  alg: JwsAlgorithm;
  typ?: string;
  kid?: string;
  [member: string]: unknown;
}

/** The outcome of {@link parseCompactJws}. */
export type JwsParseResult = { ok: true; jws: ParsedJws } | { ok: false; code: ErrorCode; reason: string };

/**
 * Longest compact JWS accepted: a presentation of 50 credentials of about 10 kB each, base64url
 * encoded inside the presentation, with room to spare.
 */
export const MAX_JWS_LENGTH = 1024 * 1024;

/**
 * Bounds on a JWS's header and payload. A single string may be as long as the token allows: a
 * status list's `encodedList` with many revocations, or a presentation's embedded credentials, is
 * far longer than a field of a request body. Depth, node and pollution checks stay as for bodies.
 */
const JWS_JSON_LIMITS: JsonLimits = Object.freeze({
  ...DEFAULT_JSON_LIMITS,
  maxStringLength: MAX_JWS_LENGTH,
  maxTotalChars: MAX_JWS_LENGTH,
});

/**
 * Header members that carry a key or a key location. A signature must be checked with the key
 * published in the signer's DID document, never with one the token brings along.
 */
const FORBIDDEN_HEADER_MEMBERS = ['jwk', 'jku', 'x5u', 'x5c', 'x5t', 'x5t#S256'] as const;

function fail(code: ErrorCode, reason: string): JwsParseResult {
  return { ok: false, code, reason };
}

function decodeJsonPart(
  part: string,
  what: string,
  limits: JsonLimits,
): { value: unknown } | { code: ErrorCode; reason: string } {
  const bytes = decodeBase64url(part);
  if (bytes === undefined) return { code: 'ERR_JWS_MALFORMED', reason: `The ${what} is not base64url.` };
  const text = utf8Decode(bytes);
  if (text === undefined) return { code: 'ERR_JWS_MALFORMED', reason: `The ${what} is not UTF-8 text.` };
  // The scan enforces the JWS bounds as it goes: the parsed value needs no second walk.
  const parsed = parseStrictJson(text, { maxLength: MAX_JWS_LENGTH, limits });
  if (!parsed.ok) {
    return {
      code: parsed.code === 'ERR_MALFORMED_JSON' ? 'ERR_JWS_MALFORMED' : parsed.code,
      reason: `The ${what} is not acceptable JSON: ${parsed.reason}`,
    };
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { code: 'ERR_JWS_MALFORMED', reason: `The ${what} is not a JSON object.` };
  }
  return { value: parsed.value };
}

/** What a caller may let a JWS header carry besides the usual. */
export interface ParseJwsOptions {
  /**
   * Allow a public key in `jwk`: only where the signer proves possession of its own key (an
   * OpenID4VCI proof), never where the key must come from the signer's DID document.
   */
  allowJwkHeader?: boolean;
  /**
   * Bounds on the payload instead of the JWS bounds (which let one string be as long as the
   * token): a credential JWT is held to the document bounds, see {@link parseCredentialJwt}.
   */
  payloadLimits?: JsonLimits;
}

/**
 * Parses a compact JWS (RFC 7515) strictly, for EdDSA and ES256 signatures only. Refuses, each with
 * its own code: anything but three base64url parts (`ERR_JWS_MALFORMED`), an `alg` other than
 * `EdDSA` or `ES256` — `none`, HMAC, RSA and ES256K included (`ERR_JWS_ALG_NOT_ALLOWED`), header members that carry keys or key URLs
 * (`ERR_JWS_HEADER_FORBIDDEN`), any `crit` or `b64` extension (`ERR_JWS_CRIT_UNSUPPORTED`),
 * duplicate JSON members (`ERR_JSON_DUPLICATE_KEY`) and prototype-pollution keys
 * (`ERR_FORBIDDEN_KEY`). Never throws.
 */
export function parseCompactJws(token: unknown, options: ParseJwsOptions = {}): JwsParseResult {
  if (typeof token !== 'string') return fail('ERR_JWS_MALFORMED', 'A JWT must be a string.');
  if (token.length > MAX_JWS_LENGTH) return fail('ERR_INPUT_TOO_LARGE', 'The JWT is too long.');
  const parts = token.split('.');
  if (parts.length !== 3) return fail('ERR_JWS_MALFORMED', 'A JWT has three parts separated by dots.');
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];

  const header = decodeJsonPart(headerPart, 'header', JWS_JSON_LIMITS);
  if (!('value' in header)) return fail(header.code, header.reason);
  const h = header.value as Record<string, unknown>;
  if (!isJwsAlgorithm(h.alg)) {
    return fail(
      'ERR_JWS_ALG_NOT_ALLOWED',
      `The signature algorithm ${JSON.stringify(h.alg) ?? 'none'} is not accepted; only EdDSA and ES256 are.`,
    );
  }
  for (const member of FORBIDDEN_HEADER_MEMBERS) {
    if (member === 'jwk' && options.allowJwkHeader === true) continue;
    if (Object.hasOwn(h, member)) {
      return fail(
        'ERR_JWS_HEADER_FORBIDDEN',
        `The header carries "${member}"; keys are only taken from the signer's DID document.`,
      );
    }
  }
  if (Object.hasOwn(h, 'crit') || Object.hasOwn(h, 'b64')) {
    return fail(
      'ERR_JWS_CRIT_UNSUPPORTED',
      'The header names extensions ("crit") this verifier does not understand.',
    );
  }
  if (h.kid !== undefined && typeof h.kid !== 'string')
    return fail('ERR_JWS_MALFORMED', 'The header "kid" is not a string.');
  if (h.typ !== undefined && typeof h.typ !== 'string')
    return fail('ERR_JWS_MALFORMED', 'The header "typ" is not a string.');

  const payloadLimits = options.payloadLimits ?? JWS_JSON_LIMITS;
  const payload = decodeJsonPart(payloadPart, 'payload', payloadLimits);
  if (!('value' in payload)) return fail(payload.code, payload.reason);

  const signature = decodeBase64url(signaturePart);
  if (signature === undefined) return fail('ERR_JWS_MALFORMED', 'The signature is not base64url.');
  // Both an Ed25519 signature and an ES256 one (r || s, IEEE P1363) are 64 bytes.
  if (signature.length !== 64) return fail('ERR_JWS_MALFORMED', `An ${h.alg} signature is 64 bytes long.`);

  return {
    ok: true,
    jws: {
      header: h as JwsHeader,
      payload: payload.value as Record<string, unknown>,
      signingInput: utf8Encode(`${headerPart}.${payloadPart}`),
      payloadLimits,
      signature,
    },
  };
}

/**
 * Parses a credential JWT: {@link parseCompactJws} with the payload held to the bounds of a
 * credential document (`DEFAULT_JSON_LIMITS`, as `validateCredential` applies them), so the
 * document read out of it needs no second walk.
 */
export function parseCredentialJwt(token: unknown): JwsParseResult {
  return parseCompactJws(token, { payloadLimits: DEFAULT_JSON_LIMITS });
}
