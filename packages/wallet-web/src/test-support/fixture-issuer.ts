// A stand-in organisation for tests that run without the issuer service: a did:web DID document
// and a Bitstring Status List (revocation, telling suspensions apart, as the issuer publishes it)
// served on loopback, and credentials signed as `jwt_vc_json` carries them (VC Data Model 1.1
// §6.3.1, the whole credential in `vc`) or as `ldp_vc` (the VC 2.0 document with an
// eddsa-rdfc-2022 Data Integrity proof, `proof` an array of one, made with core's
// createDataIntegrityProof and node:crypto), or as `dc+sd-jwt` (an SD-JWT VC made with core's
// issueSdJwtVc, signed ES256 with the organisation's P-256 key, its status in an IETF Token Status
// List token). It offers credentials by OpenID4VCI too (fixture-openid4vci.ts), in any of the three
// envelopes. Real keys, real signatures.
import { generateKeyPairSync, sign as edSign, webcrypto, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import {
  createDataIntegrityProof,
  createStatusBitstring,
  integrityOf,
  isCredentialTypeName,
  issueSdJwtVc,
  typeMetadataText,
  vctFor,
  didKeyFromPublicKey,
  encodeBase64url,
  encodeEd25519Multibase,
  encodeStatusList,
  normalizeCredentialJwt,
  setStatusBit,
  toVcdm11,
  validateCredential,
  type CredentialDocument,
  type StatusBitstring,
} from '@skills-passport/core';
import { repoRoot } from '@skills-passport/service-kit/testing';
import { es256Jws, es256Sign, p256Key, tokenStatusList } from './fixture-es256.js';
import {
  openid4vciFixture,
  type FixtureFormat,
  type Openid4vciFixture,
  type ProvenHolder,
} from './fixture-openid4vci.js';

export type { FixtureFormat, ProvenHolder };

export interface FixtureIssuer {
  did: string;
  name: string;
  /** `http://localhost:<port>`: where its DID document, status lists and published documents are. */
  url: string;
  /** The verification method its DID document lists (`<did>#key-1`). */
  kid: string;
  /** Signs a credential document for `holderDid` with status index `index`. */
  issue(
    doc: Record<string, unknown>,
    holderDid: string,
    index: number,
    options?: { expires?: Date; foreignKey?: boolean },
  ): Promise<string>;
  /** The VC 2.0 document `issue` and `issueLdp` sign, for a test to change before securing it. */
  document(
    doc: Record<string, unknown>,
    holderDid: string,
    index: number,
    options?: { expires?: Date; validFrom?: Date },
  ): Record<string, unknown>;
  /** The document as `ldp_vc` carries it: with a Data Integrity proof of this issuer (key-2, a Multikey). */
  secure(
    document: Record<string, unknown>,
    options?: { foreignKey?: boolean },
  ): Promise<Record<string, unknown>>;
  /** Signs a credential document for `holderDid` as a Data Integrity credential (`ldp_vc`). */
  issueLdp(
    doc: Record<string, unknown>,
    holderDid: string,
    index: number,
    options?: { expires?: Date },
  ): Promise<Record<string, unknown>>;
  /** The JWT payload `issue` signs, for a test to change before signing it with `sign`. */
  payload(
    doc: Record<string, unknown>,
    holderDid: string,
    index: number,
    options?: { expires?: Date; validFrom?: Date },
  ): Record<string, unknown>;
  /**
   * Signs a payload as this issuer (`{alg: EdDSA, typ: JWT, kid}`, with `header` members added or
   * replaced), or with a key its DID does not publish (`foreignKey`).
   */
  sign(
    payload: Record<string, unknown>,
    options?: { header?: Record<string, unknown>; foreignKey?: boolean },
  ): string;
  /** Signs header and payload given as JSON text, byte for byte (duplicate members and all). */
  signText(header: string, payload: string): string;
  /**
   * Serves `body` at `path` (an offer, issuer metadata, anything a hostile issuer would publish),
   * with HTTP `status` (200 unless said).
   */
  publish(path: string, body: string, contentType?: string, status?: number): string;
  revoke(index: number): void;
  suspend(index: number): void;
  /** Its P-256 key's verification method (`<did>#key-p256`), which signs its SD-JWT VCs (ES256). */
  p256Kid: string;
  /** The base64url ES256 signature of a JWS signing input by its P-256 key (low-S). */
  es256(signingInput: string): string;
  /** Signs a document as an SD-JWT VC bound to `holderJwk`, its status at `index` of the token list. */
  issueSdJwt(
    doc: Record<string, unknown>,
    holder: { did: string; jwk: Record<string, unknown> },
    index: number,
    options?: { expires?: Date; validFrom?: Date },
  ): Promise<string>;
  /**
   * Offers `doc` by OpenID4VCI (pre-authorized code) in `formats` (all three unless said), status
   * index `index`; `replace` answers an envelope with something else, made from the genuine one.
   * Returns the `openid-credential-offer://` link.
   */
  offer(
    doc: Record<string, unknown>,
    index: number,
    options?: {
      formats?: FixtureFormat[];
      replace?: Partial<Record<FixtureFormat, (genuine: unknown, holder: ProvenHolder) => unknown>>;
    },
  ): string;
  /** The notifications wallets sent about its offers. */
  notifications: Openid4vciFixture['notifications'];
  /** While true, its Token Status List token cannot be fetched (HTTP 503). */
  statusTokenDown: boolean;
  close(): Promise<void>;
}

export interface FixtureIssuerOptions {
  /** Replaces the DID document it serves (as JSON text): a broken or hostile issuer. */
  didDocument?: (document: Record<string, unknown>) => string;
}

/** One of schemas/examples/<type>/<file>.json, as a fresh copy. */
export function example(type: string, file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(repoRoot, 'schemas/examples', type, file), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** A compact EdDSA JWS signed with node:crypto. */
export function compactJws(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  key: KeyObject,
): string {
  return compactJwsText(JSON.stringify(header), JSON.stringify(payload), key);
}

/** A compact EdDSA JWS over header and payload JSON text exactly as given. */
export function compactJwsText(header: string, payload: string, key: KeyObject): string {
  const input = `${Buffer.from(header).toString('base64url')}.${Buffer.from(payload).toString('base64url')}`;
  return `${input}.${edSign(null, Buffer.from(input), key).toString('base64url')}`;
}

export async function startFixtureIssuer(
  slug: string,
  name: string,
  options: FixtureIssuerOptions = {},
): Promise<FixtureIssuer> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const foreign = generateKeyPairSync('ed25519').privateKey;
  // `invalid`: revoked or suspended; `suspended`: which of those are suspensions.
  const lists: Record<'invalid' | 'suspended', StatusBitstring> = {
    invalid: createStatusBitstring(),
    suspended: createStatusBitstring(),
  };
  let base = '';
  let did = '';
  const kid = (): string => `${did}#key-1`;
  // The key again, as a Multikey: Data Integrity (eddsa-rdfc-2022) names keys that way.
  const multikey = (): string => `${did}#key-2`;
  const rawPublicKey = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  // The P-256 key beside the Ed25519 one: SD-JWT VCs and their Token Status List are ES256.
  const p256 = p256Key();
  const p256Kid = (): string => `${did}#key-p256`;
  const tokenStatus = { revoked: new Set<number>(), suspended: new Set<number>() };
  const state = { statusTokenDown: false };
  const vci = openid4vciFixture(() => base, slug, name);

  const sign = (payload: Record<string, unknown>, key: KeyObject): Promise<string> =>
    Promise.resolve(compactJws({ alg: 'EdDSA', typ: 'JWT', kid: kid() }, payload, key));
  const published = new Map<string, { body: string; type: string; status: number }>();

  const server = createServer((req, res) => {
    void (async () => {
      let body = '';
      for await (const chunk of req) body += (chunk as Buffer).toString();
      const path = req.url ?? '/';
      // What a test published wins over the OpenID4VCI routes (a test's own "offer" at /offers/…).
      const document = published.get(path);
      if (document !== undefined) {
        res.writeHead(document.status, { 'content-type': document.type, 'access-control-allow-origin': '*' });
        res.end(document.body);
        return;
      }
      if (await vci.handle(req, res, body)) return;
      if (path === `/orgs/${slug}/did.json`) {
        const jwk = publicKey.export({ format: 'jwk' });
        const didDocument = {
          '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
          id: did,
          verificationMethod: [
            {
              id: kid(),
              type: 'JsonWebKey2020',
              controller: did,
              publicKeyJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x },
            },
            {
              id: multikey(),
              type: 'Multikey',
              controller: did,
              publicKeyMultibase: encodeEd25519Multibase(new Uint8Array(rawPublicKey)),
            },
            { id: p256Kid(), type: 'JsonWebKey2020', controller: did, publicKeyJwk: p256.jwk },
          ],
          assertionMethod: [kid(), multikey(), p256Kid()],
          authentication: [kid()],
        };
        res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end(options.didDocument?.(didDocument) ?? JSON.stringify(didDocument));
        return;
      }
      if (path === `/status/${slug}/1/token`) {
        if (state.statusTokenDown) {
          res.writeHead(503, { 'access-control-allow-origin': '*' }).end();
          return;
        }
        const token = es256Jws(
          { typ: 'statuslist+jwt', kid: p256Kid() },
          {
            sub: `${base}${path}`,
            iss: did,
            iat: Math.floor(Date.now() / 1000),
            status_list: tokenStatusList(tokenStatus.revoked, tokenStatus.suspended),
          },
          p256.privateKey,
        );
        res.writeHead(200, {
          'content-type': 'application/statuslist+jwt',
          'access-control-allow-origin': '*',
        });
        res.end(token);
        return;
      }
      if (path === `/status/${slug}/1`) {
        const now = Math.floor(Date.now() / 1000);
        const list = {
          '@context': ['https://www.w3.org/ns/credentials/v2', `${base}/contexts/skills-passport/v1`],
          id: `${base}${path}`,
          type: ['VerifiableCredential', 'BitstringStatusListCredential'],
          issuer: did,
          validFrom: new Date(now * 1000).toISOString(),
          credentialSubject: {
            id: `${base}${path}#list`,
            type: 'BitstringStatusList',
            statusPurpose: 'revocation',
            encodedList: await encodeStatusList(lists.invalid),
            suspended: await encodeStatusList(lists.suspended),
          },
        };
        const jwt = await sign({ iss: did, nbf: now, jti: list.id, vc: toVcdm11(list) }, privateKey);
        res.writeHead(200, { 'content-type': 'application/vc+jwt', 'access-control-allow-origin': '*' });
        res.end(jwt);
        return;
      }
      res.writeHead(404).end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const port = (server.address() as AddressInfo).port;
  base = `http://localhost:${port}`;
  did = `did:web:localhost%3A${port}:orgs:${slug}`;

  const document: FixtureIssuer['document'] = (doc, holderDid, index, options = {}) => {
    const now = Math.floor(Date.now() / 1000);
    const listUrl = `${base}/status/${slug}/1`;
    const { validUntil: _until, ...rest } = doc as Record<string, unknown> & {
      credentialSubject: Record<string, unknown>;
      issuer: Record<string, unknown>;
    };
    const credential: Record<string, unknown> = {
      ...rest,
      '@context': (rest['@context'] as string[]).map((c) =>
        c.endsWith('/contexts/skills-passport/v1') ? `${base}/contexts/skills-passport/v1` : c,
      ),
      issuer: { ...rest.issuer, id: did, name },
      validFrom: (options.validFrom ?? new Date((now - 3600) * 1000)).toISOString(),
      ...(options.expires === undefined ? {} : { validUntil: options.expires.toISOString() }),
      credentialSubject: { ...rest.credentialSubject, id: holderDid },
      credentialStatus: {
        id: `${listUrl}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: listUrl,
      },
    };
    return credential;
  };

  const payload: FixtureIssuer['payload'] = (doc, holderDid, index, options = {}) => {
    const credential = document(doc, holderDid, index, options);
    const claims: Record<string, unknown> = {
      iss: did,
      sub: holderDid,
      jti: credential.id,
      nbf: Math.floor(Date.parse(credential.validFrom as string) / 1000),
      vc: toVcdm11(credential),
    };
    if (options.expires !== undefined) claims.exp = Math.floor(options.expires.getTime() / 1000);
    return claims;
  };

  const secure: FixtureIssuer['secure'] = async (unsecured, secureOptions = {}) => {
    const key = secureOptions.foreignKey === true ? foreign : privateKey;
    const secured = await createDataIntegrityProof(
      unsecured,
      {
        verificationMethod: multikey(),
        proofPurpose: 'assertionMethod',
        created: new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
      (data) => Promise.resolve(new Uint8Array(edSign(null, data, key))),
    );
    // 1EdTech's schema wants `proof` as a list; the signature stays valid.
    return { ...secured, proof: [secured.proof] };
  };

  const issueSdJwt: FixtureIssuer['issueSdJwt'] = async (doc, holder, index, options = {}) => {
    const credential = document(doc, holder.did, index, options);
    const type = (credential.type as string[]).find(isCredentialTypeName);
    if (type === undefined) throw new TypeError('not one of our credential types');
    return issueSdJwtVc(
      credential,
      {
        vct: vctFor(base, type),
        vctIntegrity: await integrityOf(typeMetadataText(base, type)),
        holderJwk: holder.jwk,
        status: { idx: index, uri: `${base}/status/${slug}/1/token` },
        issuedAt: Math.floor(Date.now() / 1000) - 60,
      },
      { alg: 'ES256', kid: p256Kid(), sign: (input) => Promise.resolve(es256Sign(input, p256.privateKey)) },
    );
  };

  const offer: FixtureIssuer['offer'] = (doc, index, options = {}) => {
    const type = (doc.type as string[]).find(isCredentialTypeName);
    if (type === undefined) throw new TypeError('not one of our credential types');
    // One credential, one date in every envelope, whenever each is asked for.
    const pinned = { validFrom: new Date((Math.floor(Date.now() / 1000) - 3600) * 1000) };
    return vci.offer({
      type,
      formats: options.formats ?? ['jwt_vc_json', 'ldp_vc', 'dc+sd-jwt'],
      async credential(format, holder) {
        const genuine =
          format === 'jwt_vc_json'
            ? await sign(payload(doc, holder.did, index, pinned), privateKey)
            : format === 'ldp_vc'
              ? await secure(document(doc, holder.did, index, pinned))
              : await issueSdJwt(doc, holder, index, pinned);
        const replace = options.replace?.[format];
        return replace === undefined ? genuine : replace(genuine, holder);
      },
    });
  };

  return {
    did,
    name,
    url: base,
    kid: kid(),
    p256Kid: p256Kid(),
    es256: (input) => es256Sign(input, p256.privateKey),
    issueSdJwt,
    offer,
    notifications: vci.notifications,
    get statusTokenDown() {
      return state.statusTokenDown;
    },
    set statusTokenDown(down: boolean) {
      state.statusTokenDown = down;
    },
    document,
    secure,
    issueLdp: (doc, holderDid, index, options = {}) => secure(document(doc, holderDid, index, options)),
    payload,
    issue(doc, holderDid, index, options = {}) {
      return sign(
        payload(doc, holderDid, index, options),
        options.foreignKey === true ? foreign : privateKey,
      );
    },
    sign: (claims, signOptions = {}) =>
      compactJws(
        { alg: 'EdDSA', typ: 'JWT', kid: kid(), ...signOptions.header },
        claims,
        signOptions.foreignKey === true ? foreign : privateKey,
      ),
    signText: (header, claims) => compactJwsText(header, claims, privateKey),
    publish(path, body, contentType = 'application/json', status = 200) {
      published.set(path, { body, type: contentType, status });
      return `${base}${path}`;
    },
    revoke: (index) => {
      setStatusBit(lists.invalid, index, true);
      tokenStatus.revoked.add(index);
    },
    suspend: (index) => {
      setStatusBit(lists.invalid, index, true);
      setStatusBit(lists.suspended, index, true);
      tokenStatus.suspended.add(index);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A holder key made in Node: its PKCS #8 bytes, public key and did:key. */
export function holderKey(): { did: string; pkcs8: Uint8Array; publicKey: Uint8Array } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  return {
    did: didKeyFromPublicKey(x),
    pkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }),
    publicKey: x,
  };
}

/**
 * The credential as a backup lists it: its envelopes (the JWT, and the Data Integrity credential
 * when given) and the document the wallet keeps (normalised and validated, as it does).
 */
export function storedCredential(jwt: string, ldp?: Record<string, unknown>): Record<string, unknown> {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  const normalized = normalizeCredentialJwt(payload);
  if (!normalized.ok) throw new Error(normalized.reason);
  const validation = validateCredential(normalized.value.credential);
  if (!validation.valid) throw new Error(JSON.stringify(validation.issues));
  const doc: CredentialDocument = validation.credential;
  return {
    id: doc.id,
    jwt,
    ...(ldp === undefined ? {} : { ldp }),
    document: doc,
    type: validation.type,
    issuerDid: normalized.value.issuer,
    receivedAt: new Date().toISOString(),
  };
}

/**
 * A wallet backup file built independently of the wallet's code, from the format the README
 * documents: PBKDF2-SHA-256 → 512 bits (AES-GCM key ‖ check), AES-GCM with the header as AAD.
 */
export async function backupFile(
  key: { did: string; pkcs8: Uint8Array; publicKey: Uint8Array },
  credentials: Record<string, unknown>[],
  passphrase: string,
  iterations = 600_000,
): Promise<string> {
  return sealBackup(
    {
      exportedAt: new Date().toISOString(),
      key: {
        did: key.did,
        publicKey: encodeBase64url(key.publicKey),
        privateKeyPkcs8: encodeBase64url(key.pkcs8),
        createdAt: new Date().toISOString(),
      },
      credentials,
      shares: [],
    },
    passphrase,
    iterations,
  );
}

/** Encrypts any `contents` (JSON) as a backup file under `passphrase`, as the format says. */
export async function sealBackup(
  contents: unknown,
  passphrase: string,
  iterations = 600_000,
): Promise<string> {
  const subtle = webcrypto.subtle;
  const salt = webcrypto.getRandomValues(new Uint8Array(16));
  const iv = webcrypto.getRandomValues(new Uint8Array(12));
  const base = await subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = new Uint8Array(
    await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, base, 512),
  );
  const aes = await subtle.importKey('raw', bits.slice(0, 32), 'AES-GCM', false, ['encrypt']);
  const header = {
    format: 'skills-passport-wallet-backup',
    version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: encodeBase64url(salt) },
    cipher: { name: 'AES-GCM', iv: encodeBase64url(iv) },
    check: encodeBase64url(new Uint8Array(await subtle.digest('SHA-256', bits.slice(32)))),
  };
  const ciphertext = await subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(JSON.stringify(header)) },
    aes,
    new TextEncoder().encode(JSON.stringify(contents)),
  );
  return JSON.stringify({ ...header, ciphertext: encodeBase64url(new Uint8Array(ciphertext)) });
}
