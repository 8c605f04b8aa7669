// A stand-in verifier for tests of sharing: a did:web client on loopback (DID document at
// /.well-known/did.json), request objects published at paths of the test's choosing, and a
// response endpoint that records every answer it receives. Its request asks the way the Skills
// Passport verifier does (one DCQL credential query per envelope, the same types in each, one
// credential set over them; `legacyDcqlQuery` is the older shape, one jwt_vc_json query per type).
// Real keys, real signatures; what a hostile or broken verifier sends is up to the test.
// `sdJwtDcqlQuery` asks for an SD-JWT VC by `vct` with `claims` (skills by ESCO URI, the name when
// asked), and `verifySdJwtAnswer` checks what arrives with core's verifyCredential, as a verifier does.
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  didWebUrl,
  skillResultPath,
  verifyCredential,
  verifyStatusListCredential,
  webCryptoEd25519Verify,
  type CredentialVerification,
  type ResolveDidDocument,
} from '@skills-passport/core';
import { compactJws, compactJwsText } from './fixture-issuer.js';

/**
 * A DCQL query for one SD-JWT VC of type `vct` disclosing the results of `skills` and, when
 * `name`, the learner's name. Skills marked `required: false` and the name are optional: the
 * query's `claim_sets` are every claim, then the required ones only (a claim in every option is
 * required, OpenID4VP 1.0 §6.4.1).
 */
export function sdJwtDcqlQuery(options: {
  vct: string;
  skills: { uri: string; required?: boolean }[];
  name?: boolean;
  id?: string;
}): Record<string, unknown> {
  const claims = [
    ...options.skills.map((skill, i) => ({ id: `skill_${i}`, path: skillResultPath(skill.uri) })),
    ...(options.name === true ? [{ id: 'name', path: ['credentialSubject', 'identifier'] }] : []),
  ];
  const required = options.skills.flatMap((skill, i) => (skill.required === false ? [] : [`skill_${i}`]));
  const all = claims.map((c) => c.id);
  return {
    credentials: [
      {
        id: options.id ?? 'skills_dc_sd_jwt',
        format: 'dc+sd-jwt',
        meta: { vct_values: [options.vct] },
        claims,
        ...(required.length === all.length ? {} : { claim_sets: [all, required] }),
      },
    ],
  };
}

/** Resolves a did:web on loopback over http, as a verifier configured for local development does. */
const resolveLocalDid: ResolveDidDocument = async (did) => {
  const where = didWebUrl(did, { allowInsecureLocalhost: true });
  if (!where.ok) return where;
  const response = await fetch(where.url);
  if (!response.ok) return { ok: false, code: 'ERR_DID_RESOLUTION_FAILED', reason: where.url };
  return { ok: true, document: await response.json() };
};

/**
 * Verifies one SD-JWT VC presentation as a verifier would (core's pipeline): issuer signature,
 * disclosures, the Key Binding JWT for `nonce` and `audience`, status by the Token Status List.
 */
export function verifySdJwtAnswer(
  token: string,
  expected: { nonce: string; audience: string },
): Promise<CredentialVerification> {
  const deps = {
    resolveDid: resolveLocalDid,
    verifySignature: webCryptoEd25519Verify,
    now: () => Date.now(),
    clockSkewSeconds: 60,
    statusLists: {
      async lookup(url: string) {
        const body = await (await fetch(url)).text();
        const verified = await verifyStatusListCredential(url, body, deps);
        return verified.ok
          ? {
              ok: true as const,
              fromCache: false,
              list: { url, ...verified, fetchedAt: Date.now() },
            }
          : verified;
      },
    },
  };
  return verifyCredential({ format: 'dc+sd-jwt', token, keyBinding: expected }, deps);
}

const VC_IRI = 'https://www.w3.org/2018/credentials#VerifiableCredential';
const SP = 'https://w3id.org/skills-passport/vocab#';
const TYPES = ['EVCCredential', 'ModuleCredential', 'WorkplaceLearningCredential'] as const;

/** The type alternatives of a skills request: each of our types, short and expanded; Open Badges when asked. */
function typeValues(openBadges: boolean): string[][] {
  return [
    ...TYPES.flatMap((type) => [
      ['VerifiableCredential', type],
      [VC_IRI, `${SP}${type}`],
    ]),
    ...(openBadges ? [['VerifiableCredential', 'OpenBadgeCredential']] : []),
  ];
}

/**
 * A DCQL query as the verifier asks for skills: `skills_jwt_vc_json` and `skills_ldp_vc` (several
 * credentials each, the same types), and one credential set taking either or both; `formats`
 * leaves one out.
 */
export function skillsDcqlQuery(
  options: { formats?: ('jwt_vc_json' | 'ldp_vc')[]; required?: boolean; openBadges?: boolean } = {},
): Record<string, unknown> {
  const formats = options.formats ?? ['jwt_vc_json', 'ldp_vc'];
  const ids = formats.map((format) => `skills_${format}`);
  return {
    credentials: formats.map((format) => ({
      id: `skills_${format}`,
      format,
      multiple: true,
      meta: { type_values: typeValues(options.openBadges === true) },
    })),
    credential_sets: [
      {
        options: ids.length === 2 ? [ids, [ids[0]], [ids[1]]] : [ids],
        required: options.required ?? true,
      },
    ],
  };
}

/** The older shape: one `jwt_vc_json` query per type (both spellings), one set over their combinations. */
export function legacyDcqlQuery(): Record<string, unknown> {
  const ids = ['evc', 'module', 'workplace'];
  return {
    credentials: TYPES.map((type, i) => ({
      id: ids[i],
      format: 'jwt_vc_json',
      multiple: true,
      meta: {
        type_values: [
          [VC_IRI, `${SP}${type}`],
          ['VerifiableCredential', type],
        ],
      },
    })),
    credential_sets: [
      {
        options: [
          ids,
          ['evc', 'module'],
          ['evc', 'workplace'],
          ['module', 'workplace'],
          ['evc'],
          ['module'],
          ['workplace'],
        ],
        required: true,
      },
    ],
  };
}

export interface FixtureVerifier {
  did: string;
  /** `decentralized_identifier:<did>`. */
  clientId: string;
  /** `http://localhost:<port>`. */
  url: string;
  kid: string;
  /** A well-formed request object payload (a skills request, direct_post to this verifier), with `changes` applied. */
  requestPayload(changes?: Record<string, unknown>): Record<string, unknown>;
  /** Signs a request object (`{alg: EdDSA, typ: oauth-authz-req+jwt, kid}` plus `header`). */
  sign(
    payload: Record<string, unknown>,
    options?: { header?: Record<string, unknown>; foreignKey?: boolean },
  ): string;
  /** Signs header and payload given as JSON text, byte for byte. */
  signText(header: string, payload: string): string;
  /**
   * Serves `body` at a fresh path and returns the `openid4vp://` link that names it (by
   * `request_uri`); with `status`, as an error answer of that status (JSON, `application/problem+json`
   * when the body has a `code`).
   */
  publish(body: string, link?: { clientId?: string; status?: number }): string;
  /** Every POST any response URI of this verifier received. */
  responses: string[];
  close(): Promise<void>;
}

export async function startFixtureVerifier(
  options: { didDocument?: (document: Record<string, unknown>) => string } = {},
): Promise<FixtureVerifier> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const foreign = generateKeyPairSync('ed25519').privateKey;
  const published = new Map<string, { body: string; status: number }>();
  const responses: string[] = [];
  let did = '';
  let url = '';
  const kid = (): string => `${did}#key-1`;

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const cors = { 'access-control-allow-origin': '*' };
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        responses.push(`${path} ${body}`);
        res.writeHead(200, { ...cors, 'content-type': 'application/json' }).end('{}');
      });
      return;
    }
    if (path === '/.well-known/did.json') {
      const jwk = publicKey.export({ format: 'jwk' });
      const document = {
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: did,
        verificationMethod: [
          {
            id: kid(),
            type: 'JsonWebKey2020',
            controller: did,
            publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
          },
        ],
        authentication: [kid()],
      };
      res.writeHead(200, { ...cors, 'content-type': 'application/json' });
      res.end(options.didDocument?.(document) ?? JSON.stringify(document));
      return;
    }
    const document = published.get(path);
    if (document === undefined) {
      res.writeHead(404, cors).end();
      return;
    }
    const type =
      document.status === 200
        ? 'application/oauth-authz-req+jwt'
        : document.body.includes('"code"')
          ? 'application/problem+json'
          : 'application/json';
    res.writeHead(document.status, { ...cors, 'content-type': type }).end(document.body);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const port = (server.address() as AddressInfo).port;
  url = `http://localhost:${port}`;
  did = `did:web:localhost%3A${port}`;
  const clientId = `decentralized_identifier:${did}`;

  return {
    did,
    clientId,
    url,
    kid: kid(),
    requestPayload(changes = {}) {
      const now = Math.floor(Date.now() / 1000);
      return {
        client_id: clientId,
        response_type: 'vp_token',
        response_mode: 'direct_post',
        response_uri: `${url}/responses/${published.size}`,
        nonce: `nonce-${now}-${published.size}`,
        state: `state-${published.size}`,
        iat: now,
        exp: now + 300,
        client_metadata: { client_name: 'Fixture verifier' },
        dcql_query: skillsDcqlQuery(),
        ...changes,
      };
    },
    sign: (payload, signOptions = {}) =>
      compactJws(
        { alg: 'EdDSA', typ: 'oauth-authz-req+jwt', kid: kid(), ...signOptions.header },
        payload,
        signOptions.foreignKey === true ? foreign : privateKey,
      ),
    signText: (header, payload) => compactJwsText(header, payload, privateKey),
    publish(body, link = {}) {
      const path = `/requests/${published.size}`;
      published.set(path, { body, status: link.status ?? 200 });
      return `openid4vp://?${new URLSearchParams({
        client_id: link.clientId ?? clientId,
        request_uri: `${url}${path}`,
      }).toString()}`;
    },
    responses,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
