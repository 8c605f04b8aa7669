// SD-JWTs built by hand for the verifier's tests (RFC 9901 on node:crypto): issuer-signed JWTs
// with disclosures, presentations with a Key Binding JWT, and every way of getting them wrong the
// rejection table needs (a digest twice, a claim also in clear, decoys, high-S ECDSA …). Only the
// layout of our claims comes from core (`sdJwtVcClaims`: which members are disclosable), so the
// hashing, packing and signing the verifier checks are not its own code.
import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import type { DisclosureFrame } from '@skills-passport/core';
import { b64url } from './stand-in-issuer.js';

export type Alg = 'EdDSA' | 'ES256';
type Json = Record<string, any>;
export type Path = (string | number)[];

/** The order n of P-256. */
const P256_N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const toHex32 = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(64, '0'), 'hex');

/**
 * Signs `input` as a JWS: Ed25519, or ECDSA P-256 in its IEEE P1363 form (r ‖ s) with s
 * normalised to the low half (`highS`: the other, malleated half, which verifiers must refuse).
 */
export function jwsSign(input: string, key: KeyObject, alg: Alg, options: { highS?: boolean } = {}): string {
  if (alg === 'EdDSA') return b64url(sign(null, Buffer.from(input), key));
  const sig = sign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  let s = BigInt(`0x${sig.subarray(32).toString('hex')}`);
  const high = s > P256_N / 2n;
  if (high !== (options.highS === true)) s = P256_N - s;
  return b64url(Buffer.concat([sig.subarray(0, 32), toHex32(s)]));
}

/** A compact JWS of `header` and `payload`. */
export function signJws(header: Json, payload: Json, key: KeyObject, alg: Alg, highS = false): string {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${jwsSign(input, key, alg, { highS })}`;
}

/** base64url(SHA-256(text)): a disclosure's digest and a KB-JWT's `sd_hash`. */
export const sdDigestOf = (text: string): string => b64url(createHash('sha256').update(text).digest());

/** One disclosure, with where its claim sits (the path a verifier's `disclosed` names). */
export interface HandDisclosure {
  encoded: string;
  digest: string;
  path: Path;
}

/** A key pair for signing, and its public JWK. */
export interface SigningKey {
  alg: Alg;
  privateKey: KeyObject;
  jwk: Json;
}

export function newSigningKey(alg: Alg): SigningKey {
  const { privateKey, publicKey } =
    alg === 'EdDSA' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { alg, privateKey, jwk: { kty, crv, x, ...(y === undefined ? {} : { y }) } };
}

function disclose(value: unknown[], path: Path): HandDisclosure {
  const encoded = b64url(JSON.stringify([b64url(randomBytes(16)), ...value]));
  return { encoded, digest: sdDigestOf(encoded), path };
}

/**
 * Packs `claims` as the frame says (`_sd`: the members or indexes to hide, nested frames for what
 * lies below): each hidden member becomes a disclosure and a digest in its object's `_sd`, each
 * hidden element `{"...": digest}`. `decoys` adds that many random digests to every `_sd`.
 */
export function packClaims(
  claims: Json,
  frame: DisclosureFrame,
  decoys = 0,
): { payload: Json; disclosures: HandDisclosure[] } {
  const disclosures: HandDisclosure[] = [];
  const pack = (value: unknown, node: DisclosureFrame | undefined, path: Path): unknown => {
    if (node === undefined || typeof value !== 'object' || value === null) return value;
    const hidden = new Set(node._sd ?? []);
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        const packed = pack(item, node[String(i)] as DisclosureFrame | undefined, [...path, i]);
        if (!hidden.has(i)) return packed;
        const d = disclose([packed], [...path, i]);
        disclosures.push(d);
        return { '...': d.digest };
      });
    }
    const out: Json = {};
    const digests: string[] = [];
    for (const [name, member] of Object.entries(value as Json)) {
      const packed = pack(member, node[name] as DisclosureFrame | undefined, [...path, name]);
      if (!hidden.has(name)) {
        out[name] = packed;
        continue;
      }
      const d = disclose([name, packed], [...path, name]);
      disclosures.push(d);
      digests.push(d.digest);
    }
    for (let i = 0; i < decoys; i += 1) digests.push(sdDigestOf(b64url(randomBytes(16))));
    if (digests.length > 0) out._sd = digests.sort();
    return out;
  };
  const payload = pack(claims, frame, []) as Json;
  payload._sd_alg = 'sha-256';
  return { payload, disclosures };
}

/** An issued SD-JWT: the issuer JWT and every disclosure, as the holder keeps it. */
export interface HeldSdJwt {
  jwt: string;
  disclosures: HandDisclosure[];
}

/** What a presentation's Key Binding JWT says, and how a test may spoil it. */
export interface KeyBindingOptions {
  nonce: string;
  aud: string;
  iat: number;
  /** Leave the KB-JWT out (`<jwt>~<disclosures>~`). */
  omit?: boolean;
  sdHash?: string;
  key?: SigningKey;
  typ?: string;
}

/** A presentation disclosing the disclosures `pick` selects, closed by a KB-JWT signed with `holderKey`. */
export function presentSdJwt(
  held: HeldSdJwt,
  pick: (d: HandDisclosure) => boolean,
  holderKey: SigningKey,
  kb: KeyBindingOptions,
  extra: string[] = [],
): string {
  const presented = `${[held.jwt, ...held.disclosures.filter(pick).map((d) => d.encoded), ...extra].join('~')}~`;
  if (kb.omit === true) return presented;
  const key = kb.key ?? holderKey;
  const kbJwt = signJws(
    { alg: key.alg, typ: kb.typ ?? 'kb+jwt' },
    { iat: kb.iat, aud: kb.aud, nonce: kb.nonce, sd_hash: kb.sdHash ?? sdDigestOf(presented) },
    key.privateKey,
    key.alg,
  );
  return `${presented}${kbJwt}`;
}

/** Whether a disclosure is one of the paths (a skill's result, the learner's name …). */
export const atPaths =
  (...paths: Path[]) =>
  (d: HandDisclosure): boolean =>
    paths.some((p) => p.length === d.path.length && p.every((segment, i) => segment === d.path[i]));

/** A disclosure as encoded: any `[salt, name, value]` or `[salt, value]`. */
export const encodeDisclosure = (value: unknown[]): HandDisclosure => disclose(value, []);
