// Fixtures for the Data Integrity tests: real Ed25519 keys (node:crypto, independent of the code
// under test), DID documents for did:key and did:web, an offline resolver, and fresh copies of the
// schema examples and the Open Badges examples.
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { didKeyDocument, didKeyFromPublicKey, encodeEd25519Multibase } from '../../verification/did-key.js';
import { repoRoot, testDataDir } from '../../test-support/test-data.js';
import type { ResolveDidDocument } from '../types.js';

/** Frozen clock of the tests: after every example's dates. */
export const NOW = Date.parse('2026-12-01T12:00:00Z');
export const CREATED = '2026-11-30T09:15:00Z';

export interface TestKey {
  privateKey: KeyObject;
  /** Raw 32-byte public key. */
  publicKey: Uint8Array;
  /** `z6Mk…`: the multibase Ed25519 public key. */
  multibase: string;
  sign: (data: Uint8Array) => Promise<Uint8Array>;
}

export function testKey(): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
  return {
    privateKey,
    publicKey: raw,
    multibase: encodeEd25519Multibase(raw),
    sign: (data) => Promise.resolve(new Uint8Array(nodeSign(null, data, privateKey))),
  };
}

/** A did:key for `key`, its DID document (Ed25519VerificationKey2020, as core derives it) and key id. */
export function didKeyOf(key: TestKey): { did: string; keyId: string; document: Record<string, any> } {
  const did = didKeyFromPublicKey(key.publicKey);
  const derived = didKeyDocument(did);
  if (!derived.ok) throw new Error(derived.reason);
  return { did, keyId: `${did}#${key.multibase}`, document: derived.document };
}

/** A did:web DID document publishing `key` as a Multikey under assertionMethod and authentication. */
export function didWebDocument(did: string, key: TestKey, keyId = `${did}#key-1`): Record<string, any> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: keyId, type: 'Multikey', controller: did, publicKeyMultibase: key.multibase }],
    assertionMethod: [keyId],
    authentication: [keyId],
  };
}

/** An offline resolver over the given DID documents; any other DID fails as a resolver would. */
export function resolverOf(documents: Record<string, unknown>): ResolveDidDocument & { calls: string[] } {
  const calls: string[] = [];
  const resolve = (did: string) => {
    calls.push(did);
    const document = documents[did];
    return Promise.resolve(
      document === undefined
        ? {
            ok: false as const,
            code: 'ERR_DID_RESOLUTION_FAILED' as const,
            reason: `No document for ${did}.`,
          }
        : { ok: true as const, document: structuredClone(document) },
    );
  };
  return Object.assign(resolve, { calls });
}

const examplesDir = join(repoRoot, 'schemas/examples');

/** `<type>/<name>.json` of every schema example whose name ends with `suffix`. */
export function schemaExamples(suffix: '-ok.json' | '-fail.json'): string[] {
  return readdirSync(examplesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) =>
      readdirSync(join(examplesDir, d.name))
        .filter((f) => f.endsWith(suffix))
        .map((f) => `${d.name}/${f}`),
    )
    .sort();
}

/** A fresh copy of a schema example. */
export function readExample(file: string): Record<string, any> {
  return JSON.parse(readFileSync(join(examplesDir, file), 'utf8')) as Record<string, any>;
}

/** The Open Badges 3.0 examples of the specification (testdata/vectors/ob3-example-*.json). */
export const OB3_EXAMPLES = [
  'ob3-example-basic.json',
  'ob3-example-full.json',
  'ob3-example-skill-assertion-case.json',
];

/** A fresh copy of a file in testdata/vectors. */
export function readVector(file: string): Record<string, any> {
  return JSON.parse(readFileSync(join(testDataDir('vectors'), file), 'utf8')) as Record<string, any>;
}

/** The issuer id of a credential. */
export function issuerOf(credential: Record<string, any>): string {
  return typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
}

/** Sets the issuer id of a credential (string or profile object). */
export function setIssuer(credential: Record<string, any>, id: string): void {
  if (typeof credential.issuer === 'string') credential.issuer = id;
  else credential.issuer.id = id;
}
