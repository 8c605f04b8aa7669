import type { ErrorCode } from '../errors.js';
import { decodeBase58btc, decodeBase64url } from './bytes.js';
import { decodeEd25519Multibase } from './did-key.js';
import type { JwsAlgorithm } from './jws-algorithms.js';

/** A verification method as DID documents publish it; only the members we read are typed. */
export interface VerificationMethod {
  id: string;
  type: string;
  controller: string;
  publicKeyJwk?: Record<string, unknown>;
  publicKeyMultibase?: string;
  publicKeyBase58?: string;
}

/** The parts of a DID document (DID Core 1.0) that key selection reads. */
export interface DidDocument {
  id: string;
  verificationMethod?: VerificationMethod[];
  authentication?: (string | VerificationMethod)[];
  assertionMethod?: (string | VerificationMethod)[];
  [member: string]: unknown;
}

/** Which verification relationship a key must be listed under. */
export type VerificationRelationship = 'assertionMethod' | 'authentication';

/** A usable key from a DID document: Ed25519 (EdDSA) or P-256 (ES256). */
export interface DidKey {
  /** Absolute id of the verification method (`did:web:…#key-1`). */
  id: string;
  /** The one algorithm the key verifies; absent means EdDSA (an Ed25519 key). */
  alg?: JwsAlgorithm;
  /** Ed25519: the 32-byte key; P-256: the 65-byte uncompressed point. */
  publicKey: Uint8Array;
}

/** The outcome of {@link selectVerificationKeys}. */
export type KeySelection = { ok: true; keys: DidKey[] } | { ok: false; code: ErrorCode; reason: string };

function absoluteId(did: string, id: string): string {
  return id.startsWith('#') ? `${did}${id}` : id;
}

/**
 * Keys already read, per verification method object. Resolvers hand out the same cached DID
 * document for every credential of an issuer, and nothing changes a resolved document, so a key
 * is decoded once per document fetched, not once per credential.
 */
const keysRead = new WeakMap<VerificationMethod, Uint8Array | undefined>();

/** Decoded P-256 keys, per verification method object, as {@link keysRead}. */
const p256Read = new WeakMap<VerificationMethod, Uint8Array | undefined>();

/**
 * The P-256 public key of a verification method (a `publicKeyJwk` with `kty: EC`, `crv: P-256`)
 * as a 65-byte uncompressed point, or `undefined` when it holds none.
 */
export function p256KeyOf(method: VerificationMethod): Uint8Array | undefined {
  if (p256Read.has(method)) return p256Read.get(method)?.slice();
  const key = p256PointOfJwk(method.publicKeyJwk);
  p256Read.set(method, key);
  return key?.slice();
}

/** The uncompressed point (`04 || x || y`) of a public P-256 JWK; `undefined` for anything else. */
export function p256PointOfJwk(jwk: Record<string, unknown> | undefined): Uint8Array | undefined {
  if (jwk === undefined || jwk.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) return undefined;
  if (typeof jwk.x !== 'string' || typeof jwk.y !== 'string') return undefined;
  const x = decodeBase64url(jwk.x);
  const y = decodeBase64url(jwk.y);
  if (x?.length !== 32 || y?.length !== 32) return undefined;
  const point = new Uint8Array(65);
  point[0] = 0x04;
  point.set(x, 1);
  point.set(y, 33);
  return point;
}

/** A usable key of a verification method, whichever of the two types it holds. */
function keyOf(id: string, method: VerificationMethod): DidKey | undefined {
  const ed25519 = ed25519KeyOf(method);
  if (ed25519 !== undefined) return { id, alg: 'EdDSA', publicKey: ed25519 };
  const p256 = p256KeyOf(method);
  return p256 === undefined ? undefined : { id, alg: 'ES256', publicKey: p256 };
}

/** The 32-byte Ed25519 public key of a verification method, or `undefined` when it holds none. */
export function ed25519KeyOf(method: VerificationMethod): Uint8Array | undefined {
  // Copies out: what a caller does with its bytes must not reach the next caller.
  if (keysRead.has(method)) return keysRead.get(method)?.slice();
  const key = readEd25519Key(method);
  keysRead.set(method, key);
  return key?.slice();
}

function readEd25519Key(method: VerificationMethod): Uint8Array | undefined {
  const jwk = method.publicKeyJwk;
  if (jwk !== undefined) {
    // A private part in a published document is a configuration error; do not use such a key.
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string' || 'd' in jwk)
      return undefined;
    const x = decodeBase64url(jwk.x);
    return x?.length === 32 ? x : undefined;
  }
  if (typeof method.publicKeyMultibase === 'string') return decodeEd25519Multibase(method.publicKeyMultibase);
  if (typeof method.publicKeyBase58 === 'string') {
    const raw = decodeBase58btc(method.publicKeyBase58, 40);
    return raw?.length === 32 ? raw : undefined;
  }
  return undefined;
}

/**
 * Checks that `document` is the DID document of `did` (`id` equal to the DID,
 * `ERR_DID_DOCUMENT_INVALID` otherwise) and returns its Ed25519 and P-256 keys listed under `relationship`,
 * embedded or by reference. With `kid` (from a JWS header, relative or absolute) only that key is
 * returned, and it must be listed under the relationship (`ERR_KEY_NOT_FOUND` otherwise).
 */
export function selectVerificationKeys(
  document: unknown,
  did: string,
  relationship: VerificationRelationship,
  kid?: string,
): KeySelection {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, code: 'ERR_DID_DOCUMENT_INVALID', reason: 'The DID document is not a JSON object.' };
  }
  const doc = document as DidDocument;
  if (doc.id !== did) {
    return { ok: false, code: 'ERR_DID_DOCUMENT_INVALID', reason: `The DID document's id is not ${did}.` };
  }
  const methods = new Map<string, VerificationMethod>();
  for (const method of Array.isArray(doc.verificationMethod) ? doc.verificationMethod : []) {
    if (typeof method === 'object' && method !== null && typeof method.id === 'string') {
      methods.set(absoluteId(did, method.id), method);
    }
  }
  const listed = doc[relationship];
  const keys: DidKey[] = [];
  for (const entry of Array.isArray(listed) ? listed : []) {
    const method: unknown = typeof entry === 'string' ? methods.get(absoluteId(did, entry)) : entry;
    if (
      typeof method !== 'object' ||
      method === null ||
      typeof (method as VerificationMethod).id !== 'string'
    )
      continue;
    const vm = method as VerificationMethod;
    const id = absoluteId(did, vm.id);
    // A key controlled by another DID cannot speak for this one.
    if (!id.startsWith(`${did}#`) || (vm.controller !== undefined && vm.controller !== did)) continue;
    const key = keyOf(id, vm);
    if (key !== undefined) keys.push(key);
  }
  const wanted = kid === undefined ? keys : keys.filter((key) => key.id === absoluteId(did, kid));
  if (wanted.length === 0) {
    return {
      ok: false,
      code: 'ERR_KEY_NOT_FOUND',
      reason:
        kid === undefined
          ? `The DID document of ${did} lists no Ed25519 or P-256 key for ${relationship}.`
          : `The key ${kid} is not an Ed25519 or P-256 key listed for ${relationship} in the DID document of ${did}.`,
    };
  }
  return { ok: true, keys: wanted };
}
