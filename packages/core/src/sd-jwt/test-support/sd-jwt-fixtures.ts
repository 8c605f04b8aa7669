// Real keys and real signatures for SD-JWT VC tests (node:crypto): an issuer with an Ed25519 and a
// P-256 key in its did:web document, a holder with an Ed25519 key, an EVC credential with six
// skill results, and helpers to re-sign a changed payload or add a Key Binding JWT by hand — so a
// test can build exactly the malformed token it is about.
import { generateKeyPairSync, sign as nodeSign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { repoRoot } from '../../test-support/test-data.js';
import { webCryptoEd25519Verify } from '../../verification/ed25519.js';
import type { CredentialVerificationDeps } from '../../verification/pipeline/deps.js';
import {
  verifyStatusListCredential,
  type StatusListLookup,
} from '../../verification/pipeline/status-lists.js';
import { sdDigest } from '../digest.js';
import { issueSdJwtVc } from '../issue.js';
import type { JwsSigner } from '../signer.js';
import { integrityOf, typeMetadataText, vctFor } from '../vct.js';

export const ORIGIN = 'https://issuer.example';
export const ISSUER = 'did:web:issuer.example:orgs:evc';
export const P256_KID = `${ISSUER}#key-1-p256`;
export const ED25519_KID = `${ISSUER}#key-1`;
export const STATUS_URI = `${ORIGIN}/status/evc/1/token`;
export const STATUS_INDEX = 7;
export const NONCE = 'nonce-123';
export const AUDIENCE = 'decentralized_identifier:did:web:verifier.example';

const ORDER = BigInt('0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551');
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An ES256 signature (r || s) with s in its low form, as our verifiers require. */
export function es256(input: string, key: KeyObject, form: 'low' | 'high' = 'low'): string {
  const raw = nodeSign('sha256', Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' });
  let s = BigInt(`0x${raw.subarray(32).toString('hex')}`);
  const high = s > ORDER / 2n;
  if (high !== (form === 'high')) s = ORDER - s;
  return Buffer.concat([raw.subarray(0, 32), Buffer.from(s.toString(16).padStart(64, '0'), 'hex')]).toString(
    'base64url',
  );
}

export const eddsa = (input: string, key: KeyObject): string =>
  nodeSign(null, Buffer.from(input), key).toString('base64url');

export interface SdJwtWorld {
  p256: { privateKey: KeyObject; jwk: Record<string, unknown> };
  ed25519: { privateKey: KeyObject; jwk: Record<string, unknown> };
  holder: { privateKey: KeyObject; jwk: Record<string, unknown>; signer: JwsSigner };
  didDocument: Record<string, unknown>;
  issuerSigner: JwsSigner;
}

function keyPair(kind: 'ec' | 'ed25519') {
  const pair =
    kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('ed25519');
  return {
    privateKey: pair.privateKey,
    jwk: pair.publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
  };
}

export function sdJwtWorld(): SdJwtWorld {
  const p256 = keyPair('ec');
  const ed25519 = keyPair('ed25519');
  const holderKeys = keyPair('ed25519');
  const method = (id: string, jwk: Record<string, unknown>) => ({
    id,
    type: 'JsonWebKey2020',
    controller: ISSUER,
    publicKeyJwk: jwk,
  });
  return {
    p256,
    ed25519,
    holder: {
      ...holderKeys,
      signer: { alg: 'EdDSA', sign: (input) => Promise.resolve(eddsa(input, holderKeys.privateKey)) },
    },
    didDocument: {
      id: ISSUER,
      verificationMethod: [method(ED25519_KID, ed25519.jwk), method(P256_KID, p256.jwk)],
      assertionMethod: [ED25519_KID, P256_KID],
    },
    issuerSigner: {
      alg: 'ES256',
      kid: P256_KID,
      sign: (input) => Promise.resolve(es256(input, p256.privateKey)),
    },
  };
}

/** The EVC example with six skill results (three more, aligned to made-up ESCO-like URIs). */
export function evcWithSixSkills(): Record<string, any> {
  const doc = JSON.parse(
    readFileSync(join(repoRoot, 'schemas/examples/evc-credential/zorghulp-ok.json'), 'utf8'),
  ) as Record<string, any>;
  doc['@context'] = doc['@context'].map((c: string) =>
    c.endsWith('/contexts/skills-passport/v1') ? `${ORIGIN}/contexts/skills-passport/v1` : c,
  );
  doc.issuer = { ...doc.issuer, id: ISSUER };
  doc.validFrom = '2026-11-01T10:00:00Z';
  delete doc.validUntil;
  delete doc.credentialStatus;
  const results = doc.credentialSubject.result as Record<string, any>[];
  for (let i = results.length; i < 6; i++) {
    const copy = structuredClone(results[i % results.length]!);
    copy.alignment[0].targetUrl = `http://data.europa.eu/esco/skill/00000000-0000-4000-8000-00000000000${i}`;
    copy.alignment[0].targetName = `Extra skill ${i}`;
    results.push(copy);
    doc.credentialSubject.achievement.alignment.push(structuredClone(copy.alignment[0]));
  }
  return doc;
}

/** The skill URIs of a document's results, in order. */
export const skillUris = (doc: Record<string, any>): string[] =>
  (doc.credentialSubject.result as Record<string, any>[]).map((r) => r.alignment[0].targetUrl as string);

export async function issueEvc(
  world: SdJwtWorld,
  doc = evcWithSixSkills(),
  signer = world.issuerSigner,
): Promise<string> {
  return issueSdJwtVc(
    doc,
    {
      vct: vctFor(ORIGIN, 'EVCCredential'),
      vctIntegrity: await integrityOf(typeMetadataText(ORIGIN, 'EVCCredential')),
      holderJwk: world.holder.jwk,
      status: { idx: STATUS_INDEX, uri: STATUS_URI },
      issuedAt: Math.floor(Date.parse('2026-11-01T10:00:00Z') / 1000),
    },
    signer,
  );
}

/** The SD-JWT's parts: issuer JWT header and payload (decoded) and the disclosure strings. */
export function partsOf(token: string): {
  header: Record<string, any>;
  payload: Record<string, any>;
  disclosures: string[];
} {
  const [jwt, ...rest] = token.split('~');
  const [h, p] = jwt!.split('.');
  return {
    header: JSON.parse(Buffer.from(h!, 'base64url').toString()),
    payload: JSON.parse(Buffer.from(p!, 'base64url').toString()),
    disclosures: rest.slice(0, -1),
  };
}

/** An issuer JWT over `payload` with `header`, signed by the P-256 key (or `sign`). */
export function issuerJwt(
  world: SdJwtWorld,
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: (input: string) => string = (input) => es256(input, world.p256.privateKey),
): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${sign(input)}`;
}

/** A disclosure string and its digest. */
export function disclosure(content: unknown[]): Promise<{ encoded: string; digest: string }> {
  const encoded = Buffer.from(JSON.stringify(content)).toString('base64url');
  return Promise.resolve({ encoded, digest: sdDigest(encoded) });
}

/** `presented` (issuer JWT and disclosures, each followed by `~`) closed by a Key Binding JWT. */
export function withKeyBinding(
  world: SdJwtWorld,
  presented: string,
  overrides: {
    nonce?: string;
    aud?: string;
    iat?: number;
    sd_hash?: string;
    key?: KeyObject;
    typ?: string;
  } = {},
): Promise<string> {
  const payload = {
    iat: overrides.iat ?? Math.floor(NOW / 1000),
    aud: overrides.aud ?? AUDIENCE,
    nonce: overrides.nonce ?? NONCE,
    sd_hash: overrides.sd_hash ?? sdDigest(presented),
  };
  const input = `${b64({ typ: overrides.typ ?? 'kb+jwt', alg: 'EdDSA' })}.${b64(payload)}`;
  return Promise.resolve(`${presented}${input}.${eddsa(input, overrides.key ?? world.holder.privateKey)}`);
}

/** The fixed clock of these tests. */
export const NOW = Date.parse('2026-12-01T12:00:00Z');

/** A Token Status List token (2 bits per entry) for STATUS_URI with the given statuses set. */
export function statusListToken(
  world: SdJwtWorld,
  statuses: Record<number, number> = {},
  overrides: { sub?: string; exp?: number; entries?: number } = {},
): string {
  const entries = overrides.entries ?? 1024;
  const bytes = new Uint8Array(entries / 4);
  for (const [index, value] of Object.entries(statuses)) {
    const bit = Number(index) * 2;
    bytes[bit >> 3]! |= value << (bit & 7);
  }
  return issuerJwt(
    world,
    { alg: 'ES256', typ: 'statuslist+jwt', kid: P256_KID },
    {
      sub: overrides.sub ?? STATUS_URI,
      iat: Math.floor(NOW / 1000) - 60,
      ...(overrides.exp === undefined ? {} : { exp: overrides.exp }),
      ttl: 300,
      status_list: { bits: 2, lst: deflateSync(bytes).toString('base64url') },
    },
  );
}

/** Pipeline ports over the world: its DID document, and the status list token given. */
export function depsFor(
  world: SdJwtWorld,
  token: () => string = () => statusListToken(world),
): CredentialVerificationDeps {
  const deps: CredentialVerificationDeps = {
    resolveDid: (did) =>
      Promise.resolve(
        did === ISSUER
          ? { ok: true, document: world.didDocument }
          : { ok: false, code: 'ERR_DID_RESOLUTION_FAILED', reason: `unknown ${did}` },
      ),
    verifySignature: webCryptoEd25519Verify,
    now: () => NOW,
    clockSkewSeconds: 60,
    statusLists: {
      async lookup(url): Promise<StatusListLookup> {
        const verified = await verifyStatusListCredential(url, token(), {
          resolveDid: deps.resolveDid,
          verifySignature: webCryptoEd25519Verify,
          now: () => NOW,
          clockSkewSeconds: 60,
        });
        if (!verified.ok) return verified;
        const { ok: _ok, ...list } = verified;
        return { ok: true, fromCache: false, list: { url, fetchedAt: NOW, ...list } };
      },
    },
  };
  return deps;
}
