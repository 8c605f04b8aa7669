import type { ErrorCode } from '../errors.js';
import { DEFAULT_JSON_LIMITS } from '../validation/json-guard.js';
import { decodeBase64url, utf8Decode } from '../verification/bytes.js';
import { MAX_JWS_LENGTH, parseCompactJws, type ParsedJws } from '../verification/compact-jws.js';
import { parseStrictJson } from '../verification/strict-json.js';
import { sdDigest } from './digest.js';
import type { ClaimPath } from './layout.js';

type Json = Record<string, unknown>;

/** One disclosure as presented: its text, its digest and what it discloses. */
export interface Disclosure {
  encoded: string;
  digest: string;
  /** The claim name; absent for an array element. */
  name?: string;
  value: unknown;
}

/** An SD-JWT taken apart and its disclosures put back in place, every rule of RFC 9901 §7.1 held. */
export interface DecodedSdJwt {
  /** The Issuer-signed JWT, parsed; its signature is not yet checked. */
  jws: ParsedJws;
  disclosures: Disclosure[];
  /** The Key Binding JWT as presented, if any. */
  kbJwt?: string;
  /** What `sd_hash` covers: the issuer JWT and the disclosures, each followed by `~`. */
  presented: string;
  /** The payload with every presented disclosure in place and `_sd`, `_sd_alg`, `...` removed. */
  claims: Json;
  /** The path of every claim or element a disclosure put in place. */
  disclosed: ClaimPath[];
  /** Per object or array, how many digests had no disclosure (withheld claims, or decoys). */
  withheld: { path: ClaimPath; count: number }[];
}

export type DecodeResult = { ok: true; value: DecodedSdJwt } | { ok: false; code: ErrorCode; reason: string };

/** Most disclosures one SD-JWT may carry; ours carry a few dozen. */
export const MAX_DISCLOSURES = 500;

/** Names a disclosure may not give a claim: SD-JWT's own, and those that reach an object's prototype. */
const FORBIDDEN_NAMES = new Set(['_sd', '...', '_sd_alg', '__proto__', 'constructor', 'prototype']);

class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    reason: string,
  ) {
    super(reason);
  }
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readDisclosure(encoded: string): Disclosure {
  const bytes = decodeBase64url(encoded);
  const text = bytes === undefined ? undefined : utf8Decode(bytes);
  if (text === undefined)
    throw new Refusal('ERR_DISCLOSURE_MALFORMED', 'A disclosure is not base64url UTF-8.');
  const parsed = parseStrictJson(text, { maxLength: MAX_JWS_LENGTH, limits: DEFAULT_JSON_LIMITS });
  if (!parsed.ok) throw new Refusal(parsed.code, `A disclosure is not acceptable JSON: ${parsed.reason}`);
  const value = parsed.value;
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 3) || typeof value[0] !== 'string')
    throw new Refusal(
      'ERR_DISCLOSURE_MALFORMED',
      'A disclosure is not [salt, name, value] or [salt, value].',
    );
  const digest = sdDigest(encoded);
  if (value.length === 2) return { encoded, digest, value: value[1] };
  const name: unknown = value[1];
  if (typeof name !== 'string')
    throw new Refusal(
      'ERR_DISCLOSURE_MALFORMED',
      'A disclosure names its claim with something else than a string.',
    );
  if (FORBIDDEN_NAMES.has(name))
    throw new Refusal('ERR_FORBIDDEN_KEY', `A disclosure names a claim "${name}", which is not allowed.`);
  return { encoded, digest, name, value: value[2] };
}

/**
 * Where the unpacker is: a key under its parent. Most of a payload is walked without a disclosure
 * in sight, so the path (a ClaimPath) is written out only where one is found or withheld.
 */
interface Place {
  readonly parent: Place | undefined;
  readonly key: string | number;
}

function pathOf(place: Place | undefined): ClaimPath {
  const path: ClaimPath = [];
  for (let at = place; at !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** Puts the disclosures back into the payload, refusing every ambiguity the RFC forbids. */
class Unpacker {
  readonly disclosed: ClaimPath[] = [];
  readonly withheld: { path: ClaimPath; count: number }[] = [];
  readonly #byDigest = new Map<string, Disclosure>();
  readonly #seen = new Set<string>();
  readonly #used = new Set<string>();
  /** The object or array the last withheld digest was met in (each is walked once). */
  #lastWithheldIn: Place | undefined | null = null;

  constructor(disclosures: Disclosure[]) {
    for (const d of disclosures) {
      if (this.#byDigest.has(d.digest))
        throw new Refusal('ERR_DISCLOSURE_DUPLICATE', 'The same disclosure is presented twice.');
      this.#byDigest.set(d.digest, d);
    }
  }

  /** The disclosure for a digest met in the payload; each digest may appear once in all. */
  #take(digest: unknown, place: Place | undefined): Disclosure | undefined {
    if (typeof digest !== 'string') throw new Refusal('ERR_SD_JWT_MALFORMED', 'A digest is not a string.');
    if (this.#seen.has(digest))
      throw new Refusal('ERR_DISCLOSURE_DUPLICATE', 'A digest appears more than once in the SD-JWT.');
    this.#seen.add(digest);
    const found = this.#byDigest.get(digest);
    if (found === undefined) {
      if (this.#lastWithheldIn === place) this.withheld[this.withheld.length - 1]!.count++;
      else this.withheld.push({ path: pathOf(place), count: 1 });
      this.#lastWithheldIn = place;
      return undefined;
    }
    this.#used.add(digest);
    return found;
  }

  value(value: unknown, place: Place | undefined): unknown {
    if (Array.isArray(value)) return this.#array(value, place);
    if (isObject(value)) return this.#object(value, place);
    return value;
  }

  #array(items: unknown[], place: Place | undefined): unknown[] {
    const out: unknown[] = [];
    for (const item of items) {
      if (isObject(item) && Object.hasOwn(item, '...')) {
        if (Object.keys(item).length !== 1)
          throw new Refusal('ERR_SD_JWT_MALFORMED', 'An array element digest object has other members.');
        const found = this.#take(item['...'], place);
        if (found === undefined) continue;
        if (found.name !== undefined)
          throw new Refusal(
            'ERR_DISCLOSURE_MALFORMED',
            'A claim disclosure is referenced as an array element.',
          );
        const at: Place = { parent: place, key: out.length };
        this.disclosed.push(pathOf(at));
        out.push(this.value(found.value, at));
      } else {
        out.push(this.value(item, { parent: place, key: out.length }));
      }
    }
    return out;
  }

  #object(object: Json, place: Place | undefined): Json {
    const out: Json = {};
    for (const name of Object.keys(object)) {
      if (name === '_sd' || (name === '_sd_alg' && place === undefined)) continue;
      if (name === '...')
        throw new Refusal('ERR_SD_JWT_MALFORMED', 'An object carries "..." outside an array.');
      out[name] = this.value(object[name], { parent: place, key: name });
    }
    const digests = object._sd;
    if (digests === undefined) return out;
    if (!Array.isArray(digests))
      throw new Refusal('ERR_SD_JWT_MALFORMED', '"_sd" is not an array of digests.');
    for (const digest of digests) {
      const found = this.#take(digest, place);
      if (found === undefined) continue;
      if (found.name === undefined)
        throw new Refusal(
          'ERR_DISCLOSURE_MALFORMED',
          'An array element disclosure is referenced as a claim.',
        );
      if (Object.hasOwn(out, found.name))
        throw new Refusal(
          'ERR_DISCLOSURE_CLAIM_CLASH',
          `The claim "${found.name}" is disclosed and also present in clear.`,
        );
      const at: Place = { parent: place, key: found.name };
      this.disclosed.push(pathOf(at));
      // The name was screened (FORBIDDEN_NAMES): a plain assignment cannot reach the prototype.
      out[found.name] = this.value(found.value, at);
    }
    return out;
  }

  /** Every presented disclosure must have been referenced by a digest. */
  checkAllUsed(): void {
    for (const digest of this.#byDigest.keys())
      if (!this.#used.has(digest))
        throw new Refusal(
          'ERR_DISCLOSURE_UNREFERENCED',
          'A disclosure is presented whose digest the SD-JWT does not contain.',
        );
  }
}

/**
 * Takes an SD-JWT (`<issuer JWT>~<disclosure>~…~<KB-JWT or nothing>`) apart strictly: the issuer
 * JWT as a strict JWS (EdDSA or ES256), `_sd_alg` absent or `sha-256`, each disclosure strict JSON
 * naming no forbidden claim, each digest and disclosure at most once, each disclosure referenced,
 * no disclosed claim also in clear. Signatures are not checked here. Never throws.
 */
export function decodeSdJwt(token: unknown): DecodeResult {
  try {
    return { ok: true, value: decode(token) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, code: error.code, reason: error.message };
    throw error;
  }
}

function decode(token: unknown): DecodedSdJwt {
  if (typeof token !== 'string') throw new Refusal('ERR_SD_JWT_MALFORMED', 'An SD-JWT is a string.');
  if (token.length > MAX_JWS_LENGTH) throw new Refusal('ERR_INPUT_TOO_LARGE', 'The SD-JWT is too long.');
  const parts = token.split('~');
  if (parts.length < 2)
    throw new Refusal('ERR_SD_JWT_MALFORMED', 'An SD-JWT has its parts separated by "~" and ends in one.');
  if (parts.length - 2 > MAX_DISCLOSURES)
    throw new Refusal('ERR_INPUT_TOO_LARGE', `An SD-JWT may carry at most ${MAX_DISCLOSURES} disclosures.`);
  const [issuerJwt, ...rest] = parts as [string, ...string[]];
  const kbJwt = rest.pop()!;
  const encodedDisclosures = rest;
  if (encodedDisclosures.some((d) => d.includes('.')))
    throw new Refusal(
      'ERR_SD_JWT_MALFORMED',
      'A JWT stands among the disclosures: the Key Binding JWT comes last, after every disclosure.',
    );
  if (encodedDisclosures.some((d) => d.length === 0))
    throw new Refusal('ERR_SD_JWT_MALFORMED', 'An SD-JWT has an empty disclosure.');
  const parsed = parseCompactJws(issuerJwt, { payloadLimits: DEFAULT_JSON_LIMITS });
  if (!parsed.ok) throw new Refusal(parsed.code, `The issuer-signed JWT is not acceptable: ${parsed.reason}`);
  const payload = parsed.jws.payload;
  if (payload._sd_alg !== undefined && payload._sd_alg !== 'sha-256')
    throw new Refusal(
      'ERR_SD_JWT_HASH_ALG',
      `The digests use ${JSON.stringify(payload._sd_alg)}; only sha-256 is accepted.`,
    );
  const disclosures: Disclosure[] = [];
  for (const encoded of encodedDisclosures) disclosures.push(readDisclosure(encoded));
  const unpacker = new Unpacker(disclosures);
  const claims = unpacker.value(payload, undefined) as Json;
  unpacker.checkAllUsed();
  return {
    jws: parsed.jws,
    disclosures,
    ...(kbJwt === '' ? {} : { kbJwt }),
    presented: `${[issuerJwt, ...encodedDisclosures].join('~')}~`,
    claims,
    disclosed: unpacker.disclosed,
    withheld: unpacker.withheld,
  };
}
