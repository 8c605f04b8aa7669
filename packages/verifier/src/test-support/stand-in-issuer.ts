// A stand-in for the issuer service (packages/issuer) in the verifier's own tests: a loopback
// HTTP server that publishes organisations' did:web documents (an Ed25519 and a P-256 key each),
// Bitstring Status Lists and Token Status List tokens, and signs credentials as OpenID4VCI's
// `jwt_vc_json` carries them (VC Data Model 1.1 §6.3.1: the whole credential inside `vc`) and as
// SD-JWT VCs (`dc+sd-jwt`). It uses node:crypto and node:zlib only, none of the code under
// test, so a shared bug cannot hide itself — except the SD-JWT VC layout and the type metadata
// hash, which are core's definitions (see sd-jwt-tokens.ts).
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { deflateSync, gzipSync } from 'node:zlib';
import {
  integrityOf,
  sdJwtVcClaims,
  typeMetadataText,
  vctFor,
  type DisclosureFrame,
} from '@skills-passport/core';
import { ed25519Multibase } from '@skills-passport/service-kit/testing';
import { secureCredential } from './data-integrity-signer.js';
import {
  newSigningKey,
  packClaims,
  signJws,
  type Alg,
  type HeldSdJwt,
  type SigningKey,
} from './sd-jwt-tokens.js';

const repoRoot = resolve(import.meta.dirname, '../../../..');

export type Purpose = 'revocation' | 'suspension';

const V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
const V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
const STATUS_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';
const CONTEXT_PATH = '/contexts/skills-passport/v1';
export type TypeName = 'EVCCredential' | 'ModuleCredential' | 'WorkplaceLearningCredential';

const EXAMPLES: Record<TypeName, string> = {
  EVCCredential: 'evc-credential/zorghulp-ok.json',
  ModuleCredential: 'module-credential/magazijn-microcredential-ok.json',
  WorkplaceLearningCredential: 'workplace-learning-credential/magazijnmedewerker-ok.json',
};

export function exampleCredential(type: TypeName): Record<string, any> {
  return JSON.parse(readFileSync(join(repoRoot, 'schemas/examples', EXAMPLES[type]), 'utf8'));
}

export const b64url = (value: string | Uint8Array): string => Buffer.from(value).toString('base64url');

export function signJwt(header: Record<string, unknown>, payload: unknown, key: KeyObject): string {
  return signJwtText(JSON.stringify(header), JSON.stringify(payload), key);
}

/** Signs header and payload exactly as written (JSON no serializer would write, such as duplicate members). */
export function signJwtText(header: string, payload: string, key: KeyObject): string {
  const input = `${b64url(header)}.${b64url(payload)}`;
  return `${input}.${b64url(sign(null, Buffer.from(input), key))}`;
}

export interface Org {
  slug: string;
  did: string;
  name: string;
  privateKey: KeyObject;
  x: string;
  kid: string;
  /** The organisation's P-256 key (ES256), listed beside the Ed25519 one under assertionMethod. */
  p256: SigningKey;
  p256Kid: string;
}

/** How an SD-JWT VC is issued: its holder key, status entry, and anything a test must spoil. */
export interface SdJwtIssueOptions {
  holderJwk?: Record<string, unknown>;
  /** Its entry in the organisation's Token Status List; none when `false`. */
  index?: number | false;
  alg?: Alg;
  /** Sign with this key (another organisation's, a P-256 key under alg EdDSA …). */
  key?: SigningKey;
  highS?: boolean;
  header?: Record<string, unknown>;
  /** Change the credential document before it is laid out as claims. */
  mutate?: (doc: Record<string, any>) => void;
  /** Change the claims (and the frame) before they are packed. */
  mutateClaims?: (claims: Record<string, any>, frame: DisclosureFrame) => void;
  /** Change the packed payload (digests and all) before it is signed. */
  mutatePayload?: (payload: Record<string, any>) => void;
  /** Random digests added to every `_sd`. */
  decoys?: number;
  /** `vct#integrity`: the true hash unless given; none when `false`. */
  vctIntegrity?: string | false;
}

/** A Token Status List as the stand-in serves it: a status per index, and ways to spoil it. */
interface TokenListState {
  statuses: Map<number, number>;
  /** Entries the list covers (2 bits each). */
  size: number;
  change?: (payload: Record<string, any>) => void;
}

export interface IssueOptions {
  holder: string;
  index?: number;
  /** Seconds since the epoch. */
  nbf?: number;
  exp?: number;
  /** Change the credential document before signing (schema-invalid content and the like). */
  mutate?: (doc: Record<string, any>) => void;
  /** Change the JWT payload before signing. */
  mutatePayload?: (payload: Record<string, any>) => void;
  header?: Record<string, unknown>;
  withStatus?: boolean;
}

interface ListState {
  /** Set: not valid now (revoked, or suspended). */
  bits: Uint8Array;
  /** Set: suspended (published as our context's `suspended`). */
  suspended: Uint8Array;
  /** Who signs the list (normally its own organisation). */
  signer?: Org;
  ttlMs: number;
  /** Published instead of the encoding of `bits` (a list that is not what it claims). */
  encodedList?: string;
}

/**
 * How an organisation's did.json is served when not as usual: a changed document, a raw body
 * (not JSON, duplicate members, far too large), or no answer at all.
 */
export type DidServing =
  { change: (doc: Record<string, any>) => void } | { body: (doc: Record<string, any>) => string } | 'hang';

export class StandInIssuer {
  readonly orgs = new Map<string, Org>();
  readonly #lists = new Map<string, ListState>();
  readonly #tokenLists = new Map<string, TokenListState>();
  readonly #didServing = new Map<string, DidServing>();
  readonly #hung: ServerResponse[] = [];
  #server: Server | undefined;
  #port = 0;
  /** While true every request is answered 503, as if the issuer were down. */
  down = false;
  /** While true only the status lists answer 503. */
  statusDown = false;
  requests = 0;
  /** Requests for a status list, any of them. */
  statusRequests = 0;
  /** TCP connections accepted, whether or not they became HTTP requests. */
  connections = 0;

  constructor(readonly now: () => number) {}

  get origin(): string {
    return `http://localhost:${this.#port}`;
  }

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      this.requests += 1;
      if (this.down) {
        res.writeHead(503).end();
        return;
      }
      const path = req.url ?? '';
      if (path.startsWith('/status/')) this.statusRequests += 1;
      if (this.statusDown && path.startsWith('/status/')) {
        res.writeHead(503).end();
        return;
      }
      const didMatch = /^\/orgs\/([a-z0-9-]+)\/did\.json$/.exec(path);
      // `/1`: the list our issuer publishes (revocation, telling suspensions apart); `/suspension-1`:
      // a list for suspension only, as issuers that keep two lists publish.
      const listMatch = /^\/status\/([a-z0-9-]+)\/(suspension-)?1$/.exec(path);
      const ldpListMatch = /^\/status\/([a-z0-9-]+)\/1\/ldp$/.exec(path);
      const tokenListMatch = /^\/status\/([a-z0-9-]+)\/token$/.exec(path);
      if (didMatch !== null && this.orgs.has(didMatch[1]!)) {
        const serving = this.#didServing.get(didMatch[1]!);
        if (serving === 'hang') {
          this.#hung.push(res);
          return;
        }
        const doc = this.didDocument(didMatch[1]!);
        if (serving !== undefined && 'change' in serving) serving.change(doc);
        res
          .writeHead(200, { 'content-type': 'application/did+json' })
          .end(serving !== undefined && 'body' in serving ? serving.body(doc) : JSON.stringify(doc));
      } else if (tokenListMatch !== null && this.orgs.has(tokenListMatch[1]!)) {
        res
          .writeHead(200, { 'content-type': 'application/statuslist+jwt' })
          .end(this.statusListToken(tokenListMatch[1]!));
      } else if (ldpListMatch !== null && this.orgs.has(ldpListMatch[1]!)) {
        void this.statusListLdp(ldpListMatch[1]!).then((list) =>
          res.writeHead(200, { 'content-type': 'application/ld+json' }).end(JSON.stringify(list)),
        );
      } else if (listMatch !== null && this.orgs.has(listMatch[1]!)) {
        const jwt = this.statusListJwt(
          listMatch[1]!,
          listMatch[2] === undefined ? 'revocation' : 'suspension',
        );
        res.writeHead(200, { 'content-type': 'application/vc+jwt', 'cache-control': 'max-age=300' }).end(jwt);
      } else {
        res.writeHead(404).end();
      }
    });
    this.#server.on('connection', () => (this.connections += 1));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.#port = (this.#server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.#hung.splice(0)) res.destroy();
    await new Promise<void>((resolve) =>
      this.#server === undefined ? resolve() : this.#server.close(() => resolve()),
    );
  }

  addOrg(slug: string, name: string): Org {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const did = `did:web:localhost%3A${this.#port}:orgs:${slug}`;
    const org = {
      slug,
      did,
      name,
      privateKey,
      x: publicKey.export({ format: 'jwk' }).x!,
      kid: `${did}#key-1`,
      p256: newSigningKey('ES256'),
      p256Kid: `${did}#key-p256`,
    };
    this.orgs.set(slug, org);
    this.#tokenLists.set(slug, { statuses: new Map(), size: 1024 });
    this.#lists.set(slug, {
      bits: new Uint8Array(16_384),
      suspended: new Uint8Array(16_384),
      ttlMs: 300_000,
    });
    return org;
  }

  didDocument(slug: string): Record<string, unknown> {
    const org = this.orgs.get(slug)!;
    return {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
      id: org.did,
      verificationMethod: [
        {
          id: org.kid,
          type: 'JsonWebKey2020',
          controller: org.did,
          publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: org.x },
        },
        {
          id: `${org.did}#key-1-multikey`,
          type: 'Multikey',
          controller: org.did,
          publicKeyMultibase: ed25519Multibase(Buffer.from(org.x, 'base64url')),
        },
        {
          id: org.p256Kid,
          type: 'JsonWebKey2020',
          controller: org.did,
          publicKeyJwk: org.p256.jwk,
        },
      ],
      assertionMethod: [org.kid, `${org.did}#key-1-multikey`, org.p256Kid],
      authentication: [org.kid, `${org.did}#key-1-multikey`],
    };
  }

  /** Serve this organisation's did.json differently from now on. */
  serveDid(slug: string, serving: DidServing): void {
    this.#didServing.set(slug, serving);
  }

  /** Publish this list with other bits (e.g. too few) or a raw `encodedList` (e.g. a gzip bomb). */
  publishList(slug: string, list: { bits: Uint8Array } | { encodedList: string }): void {
    Object.assign(this.#lists.get(slug)!, list);
  }

  /** The organisation's list (`revocation`), or the suspension-only list beside it. */
  listUrl(slug: string, purpose: Purpose = 'revocation'): string {
    return `${this.origin}/status/${slug}/${purpose === 'revocation' ? '' : 'suspension-'}1`;
  }

  /** Revokes or suspends (or lifts either): a suspension sets the list bit and the `suspended` bit. */
  setStatus(slug: string, purpose: Purpose, index: number, value: boolean): void {
    const state = this.#lists.get(slug)!;
    const mask = 1 << (7 - (index % 8));
    const set = (bits: Uint8Array) =>
      (bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask);
    set(state.bits);
    if (purpose === 'suspension') set(state.suspended);
  }

  /** Let another organisation sign this organisation's lists (a forged or foreign-signed list). */
  signListsWith(slug: string, signer: Org): void {
    this.#lists.get(slug)!.signer = signer;
  }

  statusListJwt(slug: string, purpose: Purpose): string {
    const state = this.#lists.get(slug)!;
    const signer = state.signer ?? this.orgs.get(slug)!;
    const url = this.listUrl(slug, purpose);
    const nbf = Math.floor(this.now() / 1000) - 60;
    const encode = (bits: Uint8Array) => `u${b64url(gzipSync(bits))}`;
    const payload = {
      iss: signer.did,
      nbf,
      jti: url,
      vc: {
        '@context': [V1_CONTEXT, STATUS_CONTEXT, `${this.origin}${CONTEXT_PATH}`],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: signer.did,
        issuanceDate: new Date(nbf * 1000).toISOString().replace('.000Z', 'Z'),
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: purpose,
          encodedList:
            purpose === 'suspension' ? encode(state.suspended) : (state.encodedList ?? encode(state.bits)),
          ...(purpose === 'revocation' ? { suspended: encode(state.suspended) } : {}),
          ttl: state.ttlMs,
        },
      },
    };
    return signJwt({ alg: 'EdDSA', typ: 'JWT', kid: signer.kid }, payload, signer.privateKey);
  }

  /** The status list with a Data Integrity proof, for credentials in the `ldp_vc` envelope. */
  async statusListLdp(slug: string): Promise<Record<string, unknown>> {
    const state = this.#lists.get(slug)!;
    const signer = state.signer ?? this.orgs.get(slug)!;
    const url = `${this.listUrl(slug)}/ldp`;
    const created = new Date(this.now() - 60_000);
    const encode = (bits: Uint8Array) => `u${b64url(gzipSync(bits))}`;
    return secureCredential(
      {
        '@context': [V2_CONTEXT, `${this.origin}${CONTEXT_PATH}`],
        id: url,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: signer.did,
        validFrom: created.toISOString(),
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: 'revocation',
          encodedList: state.encodedList ?? encode(state.bits),
          suspended: encode(state.suspended),
          ttl: state.ttlMs,
        },
      },
      {
        verificationMethod: `${signer.did}#key-1-multikey`,
        key: signer.privateKey,
        created,
        contextOrigin: this.origin,
      },
    );
  }

  /** The credential document `issue` signs, before it is put in an envelope. */
  document(slug: string, type: TypeName, options: IssueOptions): Record<string, any> {
    const org = this.orgs.get(slug)!;
    const doc = exampleCredential(type);
    const index = options.index ?? 7;
    doc.id = `urn:uuid:${randomUUID()}`;
    doc.issuer = { ...doc.issuer, id: org.did, name: org.name };
    doc.credentialSubject.id = options.holder;
    doc['@context'] = (doc['@context'] as string[]).map((c) =>
      c.endsWith(CONTEXT_PATH) ? `${this.origin}${CONTEXT_PATH}` : c,
    );
    if (options.withStatus !== false) {
      doc.credentialStatus = {
        id: `${this.listUrl(slug)}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(index),
        statusListCredential: this.listUrl(slug),
      };
    }
    delete doc.validUntil;
    const nbf = options.nbf ?? Math.floor(this.now() / 1000) - 3600;
    doc.validFrom = new Date(nbf * 1000).toISOString().replace('.000Z', 'Z');
    if (options.exp !== undefined)
      doc.validUntil = new Date(options.exp * 1000).toISOString().replace('.000Z', 'Z');
    return doc;
  }

  /**
   * Secures `doc` (from {@link document}, or any VC 2.0 document naming one of the organisation's
   * DIDs, such as another issuer's Open Badge) with a Data Integrity proof: the `ldp_vc`
   * envelope, its status entry naming the Data Integrity list.
   */
  async issueLdp(slug: string, doc: Record<string, any>): Promise<Record<string, unknown>> {
    const org = this.orgs.get(slug)!;
    const status = doc.credentialStatus as Record<string, string> | undefined;
    if (status !== undefined && status.statusListCredential === this.listUrl(slug)) {
      const ldp = `${this.listUrl(slug)}/ldp`;
      doc.credentialStatus = { ...status, id: `${ldp}#${status.statusListIndex}`, statusListCredential: ldp };
    }
    return secureCredential(doc, {
      verificationMethod: `${org.did}#key-1-multikey`,
      key: org.privateKey,
      created: new Date(this.now() - 60_000),
      contextOrigin: this.origin,
    });
  }

  /** Signs a credential of `type` (from the schema examples) for `holder`, as Veramo would. */
  issue(slug: string, type: TypeName, options: IssueOptions): string {
    const org = this.orgs.get(slug)!;
    const doc = this.document(slug, type, options);
    const nbf = options.nbf ?? Math.floor(this.now() / 1000) - 3600;
    options.mutate?.(doc);
    // VC Data Model 1.1 §6.3.1: registered claims beside the document, the whole document (its
    // 1.1 rendering: v1 contexts, issuanceDate / expirationDate) in `vc`.
    const { validFrom, validUntil, ...rest } = doc;
    const vc: Record<string, any> = {
      ...rest,
      '@context': (doc['@context'] as string[]).flatMap((c) =>
        c === V2_CONTEXT ? [V1_CONTEXT, STATUS_CONTEXT] : [c],
      ),
      ...(validFrom === undefined ? {} : { issuanceDate: validFrom }),
      ...(validUntil === undefined ? {} : { expirationDate: validUntil }),
    };
    const payload: Record<string, any> = {
      iss: org.did,
      sub: doc.credentialSubject.id,
      jti: doc.id,
      nbf,
      ...(options.exp === undefined ? {} : { exp: options.exp }),
      vc,
    };
    options.mutatePayload?.(payload);
    return signJwt(options.header ?? { alg: 'EdDSA', typ: 'JWT', kid: org.kid }, payload, org.privateKey);
  }

  /** Where the organisation's Token Status List token is served (SD-JWT VCs name it). */
  tokenListUrl(slug: string): string {
    return `${this.origin}/status/${slug}/token`;
  }

  /** Sets an entry of the Token Status List: 0 valid, 1 invalid (revoked), 2 suspended. */
  setTokenStatus(slug: string, index: number, status: 0 | 1 | 2): void {
    this.#tokenLists.get(slug)!.statuses.set(index, status);
  }

  /** Publish the token list covering `size` entries, or with its payload changed (wrong sub, expired …). */
  spoilTokenList(
    slug: string,
    spoil: { size?: number; change?: (payload: Record<string, any>) => void },
  ): void {
    Object.assign(this.#tokenLists.get(slug)!, spoil);
  }

  /**
   * The Token Status List token (draft-ietf-oauth-status-list): `typ: statuslist+jwt`, `sub` its
   * own URL, 2 bits per entry (least significant first), ZLIB-deflated, signed ES256 with the
   * organisation's P-256 key, as the SD-JWT VCs it covers.
   */
  statusListToken(slug: string): string {
    const org = this.orgs.get(slug)!;
    const state = this.#tokenLists.get(slug)!;
    const bytes = new Uint8Array(Math.ceil(state.size / 4));
    for (const [index, status] of state.statuses)
      if (index < state.size) bytes[index >> 2]! |= status << ((index % 4) * 2);
    const iat = Math.floor(this.now() / 1000) - 60;
    const payload: Record<string, any> = {
      iss: org.did,
      sub: this.tokenListUrl(slug),
      iat,
      exp: iat + 86_400,
      ttl: 300,
      status_list: { bits: 2, lst: b64url(deflateSync(bytes)) },
    };
    state.change?.(payload);
    return signJws(
      { alg: 'ES256', typ: 'statuslist+jwt', kid: org.p256Kid },
      payload,
      org.p256.privateKey,
      'ES256',
    );
  }

  /** The vct of a type at this issuer, and the `vct#integrity` of its type metadata. */
  async vctOf(type: TypeName): Promise<{ vct: string; integrity: string }> {
    return {
      vct: vctFor(this.origin, type),
      integrity: await integrityOf(typeMetadataText(this.origin, type)),
    };
  }

  /**
   * An SD-JWT VC (`typ: dc+sd-jwt`) of `type` for the holder key: core's layout (each skill
   * result, the learner's details and evidence disclosable one by one), packed and signed here —
   * ES256 with the organisation's P-256 key unless `alg` says EdDSA.
   */
  async issueSdJwt(slug: string, type: TypeName, options: SdJwtIssueOptions = {}): Promise<HeldSdJwt> {
    const org = this.orgs.get(slug)!;
    const doc = this.document(slug, type, { holder: 'did:example:unused', withStatus: false });
    delete doc.credentialSubject.id;
    options.mutate?.(doc);
    const { vct, integrity } = await this.vctOf(type);
    const index = options.index ?? 7;
    const { claims, frame } = sdJwtVcClaims(doc, {
      vct,
      ...(options.vctIntegrity === false ? {} : { vctIntegrity: options.vctIntegrity ?? integrity }),
      holderJwk: options.holderJwk ?? newSigningKey('EdDSA').jwk,
      ...(index === false ? {} : { status: { idx: index, uri: this.tokenListUrl(slug) } }),
      issuedAt: Math.floor(this.now() / 1000) - 3600,
    });
    options.mutateClaims?.(claims, frame);
    const { payload, disclosures } = packClaims(claims, frame, options.decoys ?? 0);
    options.mutatePayload?.(payload);
    const alg = options.alg ?? 'ES256';
    const key =
      options.key ??
      (alg === 'ES256'
        ? org.p256
        : {
            alg: 'EdDSA' as const,
            privateKey: org.privateKey,
            jwk: { kty: 'OKP', crv: 'Ed25519', x: org.x },
          });
    const header = options.header ?? {
      alg,
      typ: 'dc+sd-jwt',
      kid: alg === 'ES256' ? org.p256Kid : org.kid,
    };
    return { jwt: signJws(header, payload, key.privateKey, key.alg, options.highS), disclosures };
  }
}
