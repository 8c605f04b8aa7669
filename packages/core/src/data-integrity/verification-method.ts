import type { ErrorCode } from '../errors.js';
import {
  selectVerificationKeys,
  type VerificationMethod,
  type VerificationRelationship,
} from '../verification/did-document.js';

// DID Core: method-specific-id = *( *idchar ":" ) 1*idchar; a fragment as in RFC 3986.
const IDCHAR = '(?:[A-Za-z0-9._-]|%[0-9A-Fa-f]{2})';
/** A DID URL naming a key: `did:<method>:<id>#<fragment>`, nothing relative, no path or query. */
const DID_URL = new RegExp(
  `^(did:[a-z0-9]+:(?:${IDCHAR}*:)*${IDCHAR}+)#((?:[A-Za-z0-9._~!$&'()*+,;=:@/?-]|%[0-9A-Fa-f]{2})+)$`,
);

/** The verification method types whose key eddsa-rdfc-2022 may use: a multibase Ed25519 key. */
const ED25519_METHOD_TYPES: ReadonlySet<string> = new Set(['Multikey', 'Ed25519VerificationKey2020']);

/** The DID of an absolute DID URL with a fragment (`did:web:example.org#key-1`); else `undefined`. */
export function didOfVerificationMethod(id: string): string | undefined {
  return DID_URL.exec(id)?.[1];
}

/** The outcome of {@link ed25519KeyForProof}. */
export type ProofKey = { ok: true; publicKey: Uint8Array } | { ok: false; code: ErrorCode; reason: string };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every verification method object in `document` whose id (absolute or `#…`) is `id`. */
function methodsWithId(document: Record<string, unknown>, did: string, id: string): VerificationMethod[] {
  const places = ['verificationMethod', 'assertionMethod', 'authentication'] as const;
  return places
    .flatMap((place) => (Array.isArray(document[place]) ? (document[place] as unknown[]) : []))
    .filter(isObject)
    .filter((method) => method.id === id || (typeof method.id === 'string' && `${did}${method.id}` === id))
    .map((method) => method as unknown as VerificationMethod);
}

/**
 * The Ed25519 public key that the DID document of `did` lists under `relationship` with the id
 * `verificationMethod` (see `selectVerificationKeys`: same DID, listed, Ed25519), bound to the
 * cryptosuite: every method published under that id is a `Multikey` or an
 * `Ed25519VerificationKey2020` carrying `publicKeyMultibase` (not a JWK, nor a key of another
 * type that happens to hold Ed25519 bytes). `ERR_KEY_NOT_FOUND` otherwise.
 */
export function ed25519KeyForProof(
  didDocument: unknown,
  did: string,
  verificationMethod: string,
  relationship: VerificationRelationship,
): ProofKey {
  const selected = selectVerificationKeys(didDocument, did, relationship, verificationMethod);
  if (!selected.ok) return selected;
  const methods = methodsWithId(didDocument as Record<string, unknown>, did, verificationMethod);
  const bound = methods.every(
    (method) =>
      ED25519_METHOD_TYPES.has(method.type) &&
      typeof method.publicKeyMultibase === 'string' &&
      method.publicKeyJwk === undefined &&
      method.publicKeyBase58 === undefined,
  );
  if (methods.length === 0 || !bound) {
    return {
      ok: false,
      code: 'ERR_KEY_NOT_FOUND',
      reason: `The key ${verificationMethod} is not a Multikey or Ed25519VerificationKey2020 with a multibase Ed25519 key, as eddsa-rdfc-2022 requires.`,
    };
  }
  return { ok: true, publicKey: selected.keys[0]!.publicKey };
}
