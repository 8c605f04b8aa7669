// A stand-in for the issuer service (packages/issuer) in the verifier's own tests: a loopback
// HTTP server that publishes organisations' did:web documents and Bitstring Status Lists, and
// signs credentials in the shape Veramo 7 writes (did-jwt-vc's JWT encoding). It uses node:crypto
// and node:zlib only, none of the code under test, so a shared bug cannot hide itself.
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const repoRoot = resolve(import.meta.dirname, '../../../..');

export type Purpose = 'revocation' | 'suspension';
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
  bits: Uint8Array;
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
      const listMatch = /^\/status\/([a-z0-9-]+)\/(revocation|suspension)-1$/.exec(path);
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
      } else if (listMatch !== null && this.orgs.has(listMatch[1]!)) {
        const jwt = this.statusListJwt(listMatch[1]!, listMatch[2] as Purpose);
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
    };
    this.orgs.set(slug, org);
    for (const purpose of ['revocation', 'suspension'] as const) {
      this.#lists.set(`${slug}/${purpose}`, { bits: new Uint8Array(16_384), ttlMs: 300_000 });
    }
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
      ],
      assertionMethod: [org.kid],
      authentication: [org.kid],
    };
  }

  /** Serve this organisation's did.json differently from now on. */
  serveDid(slug: string, serving: DidServing): void {
    this.#didServing.set(slug, serving);
  }

  /** Publish this list with other bits (e.g. too few) or a raw `encodedList` (e.g. a gzip bomb). */
  publishList(slug: string, purpose: Purpose, list: { bits: Uint8Array } | { encodedList: string }): void {
    Object.assign(this.#lists.get(`${slug}/${purpose}`)!, list);
  }

  listUrl(slug: string, purpose: Purpose): string {
    return `${this.origin}/status/${slug}/${purpose}-1`;
  }

  setStatus(slug: string, purpose: Purpose, index: number, value: boolean): void {
    const bits = this.#lists.get(`${slug}/${purpose}`)!.bits;
    const mask = 1 << (7 - (index % 8));
    bits[index >> 3] = value ? bits[index >> 3]! | mask : bits[index >> 3]! & ~mask;
  }

  /** Let another organisation sign this organisation's lists (a forged or foreign-signed list). */
  signListsWith(slug: string, signer: Org): void {
    for (const purpose of ['revocation', 'suspension'] as const)
      this.#lists.get(`${slug}/${purpose}`)!.signer = signer;
  }

  statusListJwt(slug: string, purpose: Purpose): string {
    const state = this.#lists.get(`${slug}/${purpose}`)!;
    const signer = state.signer ?? this.orgs.get(slug)!;
    const url = this.listUrl(slug, purpose);
    const nbf = Math.floor(this.now() / 1000) - 60;
    const payload = {
      iss: signer.did,
      nbf,
      jti: url,
      vc: {
        '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        credentialSubject: {
          id: `${url}#list`,
          type: 'BitstringStatusList',
          statusPurpose: purpose,
          encodedList: state.encodedList ?? `u${b64url(gzipSync(state.bits))}`,
          ttl: state.ttlMs,
        },
      },
      issuer: { name: signer.name },
    };
    return signJwt({ alg: 'EdDSA', typ: 'JWT', kid: signer.kid }, payload, signer.privateKey);
  }

  /** Signs a credential of `type` (from the schema examples) for `holder`, as Veramo would. */
  issue(slug: string, type: TypeName, options: IssueOptions): string {
    const org = this.orgs.get(slug)!;
    const doc = exampleCredential(type);
    const index = options.index ?? 7;
    doc.id = `urn:uuid:${randomUUID()}`;
    doc.issuer = { ...doc.issuer, id: org.did, name: org.name };
    doc.credentialSubject.id = options.holder;
    if (options.withStatus !== false) {
      doc.credentialStatus = (['revocation', 'suspension'] as const).map((purpose) => ({
        id: `${this.listUrl(slug, purpose)}#${index}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: purpose,
        statusListIndex: String(index),
        statusListCredential: this.listUrl(slug, purpose),
      }));
    }
    delete doc.expirationDate;
    options.mutate?.(doc);
    // did-jwt-vc's JWT encoding: registered claims out of the document, the rest at the top.
    const {
      id,
      issuer,
      issuanceDate: _i,
      expirationDate: _e,
      credentialSubject,
      '@context': context,
      type: types,
      credentialStatus,
      credentialSchema,
      evidence,
      ...rest
    } = doc;
    const { id: subjectId, ...subject } = credentialSubject;
    const { id: _issuerId, ...issuerRest } = issuer;
    const payload: Record<string, any> = {
      vc: {
        '@context': context,
        type: types,
        credentialSubject: subject,
        ...(credentialStatus === undefined ? {} : { credentialStatus }),
        ...(credentialSchema === undefined ? {} : { credentialSchema }),
        ...(evidence === undefined ? {} : { evidence }),
      },
      ...rest,
      issuer: issuerRest,
      sub: subjectId,
      jti: id,
      nbf: options.nbf ?? Math.floor(this.now() / 1000) - 3600,
      ...(options.exp === undefined ? {} : { exp: options.exp }),
      iss: org.did,
    };
    options.mutatePayload?.(payload);
    return signJwt(options.header ?? { alg: 'EdDSA', typ: 'JWT', kid: org.kid }, payload, org.privateKey);
  }
}
