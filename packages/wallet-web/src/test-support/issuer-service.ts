// The real issuer service (packages/issuer, built by `pnpm typecheck` = `tsc -b`) started as its own
// process on a free loopback port over a SQLite file in a temp dir, and driven over HTTP.
import { builtServer, freePort, spawnService } from '@skills-passport/service-kit/testing';
import { generateKeyPairSync, randomBytes, sign as edSign } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { didKeyFromPublicKey } from '@skills-passport/core';
import { example } from './fixture-issuer.js';

/** A service started as a child process on a temp data dir; `stop` ends exactly that process. */
export interface RunningService {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** Starts a built service (`dist/server.js`) and removes its data dir when it stops. */
async function startService(
  service: 'issuer' | 'verifier',
  env: Record<string, string>,
  url: string,
  dataDir: string,
  port: number,
): Promise<RunningService> {
  const spawned = await spawnService(builtServer(service), env, url);
  return {
    url,
    port,
    async stop() {
      await spawned.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface IssuerService extends RunningService {
  adminToken: string;
}

/** Starts the issuer service; `env` adds to or overrides its test configuration. */
export async function startIssuerService(env: Record<string, string> = {}): Promise<IssuerService> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wallet-test-issuer-'));
  const adminToken = randomBytes(24).toString('base64url');
  const url = `http://localhost:${port}`;
  const service = await startService(
    'issuer',
    {
      ISSUER_PORT: String(port),
      ISSUER_HOST: '127.0.0.1',
      ISSUER_PUBLIC_URL: url,
      ISSUER_DATA_DIR: dataDir,
      ISSUER_KMS_SECRET: randomBytes(32).toString('hex'),
      ISSUER_ADMIN_TOKEN: adminToken,
      ISSUER_STATUS_LIST_TTL_MS: '1000',
      ...env,
    },
    url,
    dataDir,
    port,
  );
  return { ...service, adminToken };
}

/** JSON over HTTP with an optional bearer token. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any }> {
  const response = await fetch(new URL(path, base), {
    method,
    headers: {
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

export interface Org {
  slug: string;
  did: string;
  apiKey: string;
}

/** Creates an organisation with one assessor and an API key. */
export async function provisionOrg(
  issuer: IssuerService,
  slug: string,
  kind: 'evc-provider' | 'training-provider' | 'employer' | 'learn-work-desk',
  name: string,
): Promise<Org> {
  const org = await call(issuer.url, 'POST', '/admin/organisations', {
    token: issuer.adminToken,
    body: { slug, name, kind },
  });
  if (org.status !== 201) throw new Error(`create org: ${org.status} ${JSON.stringify(org.body)}`);
  const staff = await call(issuer.url, 'POST', `/admin/organisations/${slug}/staff`, {
    token: issuer.adminToken,
    body: { name: 'Marleen de Vries', role: 'assessor' },
  });
  const key = await call(issuer.url, 'POST', `/admin/organisations/${slug}/staff/${staff.body.id}/api-keys`, {
    token: issuer.adminToken,
    body: { label: 'wallet tests' },
  });
  return { slug, did: org.body.did, apiKey: key.body.token };
}

/** An issue request built from a schema example (the subject without id, learner by name). */
export function issueRequest(type: string, file: string, options: { pin?: boolean } = {}) {
  const doc = example(type, file) as any;
  const { id: _id, type: _type, identifier: _identifier, ...subject } = doc.credentialSubject;
  const credential: Record<string, unknown> = { name: doc.name, credentialSubject: subject };
  for (const field of ['description', 'evidence', 'validUntil'])
    if (doc[field] !== undefined) credential[field] = doc[field];
  return {
    type: doc.type[2] as string,
    learner: { name: 'Fatima el Amrani' },
    credential,
    ...(options.pin === true ? { offer: { txCode: true } } : {}),
  };
}

/** Issues a credential; returns its id, the offer link and the PIN when one was asked for. */
export async function issue(
  issuer: IssuerService,
  org: Org,
  request: ReturnType<typeof issueRequest>,
): Promise<{ id: string; offer: string; txCode?: string }> {
  const created = await call(issuer.url, 'POST', '/api/credentials', { token: org.apiKey, body: request });
  if (created.status !== 201) throw new Error(`issue: ${created.status} ${JSON.stringify(created.body)}`);
  return {
    id: created.body.credential.id,
    offer: created.body.credential.offer.uri,
    ...(created.body.txCode === undefined ? {} : { txCode: created.body.txCode }),
  };
}

/** Redeems an offer for some other holder (not the wallet), as an independent Node client. */
export async function redeemForOtherHolder(offerLink: string): Promise<{ jwt: string; did: string }> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const did = didKeyFromPublicKey(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
  const offerUrl = new URL(offerLink).searchParams.get('credential_offer_uri')!;
  const offer = (await (await fetch(offerUrl)).json()) as any;
  const issuerUrl = new URL(offer.credential_issuer as string);
  const metadata = (await (
    await fetch(new URL(`/.well-known/openid-credential-issuer${issuerUrl.pathname}`, issuerUrl))
  ).json()) as any;
  const as = (await (
    await fetch(new URL(`/.well-known/oauth-authorization-server${issuerUrl.pathname}`, issuerUrl))
  ).json()) as any;
  const token = (await (
    await fetch(as.token_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code':
          offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'],
      }),
    })
  ).json()) as any;
  const nonce = ((await (await fetch(metadata.nonce_endpoint, { method: 'POST' })).json()) as any)
    .c_nonce as string;
  const header = { alg: 'EdDSA', typ: 'openid4vci-proof+jwt', kid: `${did}#${did.slice('did:key:'.length)}` };
  const payload = { aud: offer.credential_issuer, nonce, iat: Math.floor(Date.now() / 1000) };
  const input = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const proof = `${input}.${edSign(null, Buffer.from(input), privateKey).toString('base64url')}`;
  const response = (await (
    await fetch(metadata.credential_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
      body: JSON.stringify({
        credential_configuration_id: offer.credential_configuration_ids[0],
        proofs: { jwt: [proof] },
      }),
    })
  ).json()) as any;
  return { jwt: response.credentials[0].credential as string, did };
}

export interface VerifierService extends RunningService {
  adminToken: string;
}

/** The real verifier service (packages/verifier/dist/server.js) on a free port, temp SQLite dir. */
export async function startVerifierService(): Promise<VerifierService> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'wallet-test-verifier-'));
  const adminToken = randomBytes(24).toString('base64url');
  const url = `http://localhost:${port}`;
  const service = await startService(
    'verifier',
    {
      VERIFIER_PORT: String(port),
      VERIFIER_HOST: '127.0.0.1',
      VERIFIER_PUBLIC_URL: url,
      VERIFIER_DATA_DIR: dataDir,
      VERIFIER_ADMIN_TOKEN: adminToken,
      VERIFIER_ALLOW_INSECURE_LOCALHOST: 'true',
      LOG_LEVEL: 'warn',
    },
    url,
    dataDir,
    port,
  );
  return { ...service, adminToken };
}

/** Tells the verifier to trust an issuer organisation for the credential types it issues. */
export async function trustIssuer(
  verifier: VerifierService,
  org: Org,
  kind: 'evc-provider' | 'training-provider' | 'employer',
  name: string,
  types: string[],
): Promise<void> {
  const response = await call(
    verifier.url,
    'PUT',
    `/api/admin/trusted-issuers/${encodeURIComponent(org.did)}`,
    {
      token: verifier.adminToken,
      body: { name, kind, accreditedTypes: types },
    },
  );
  if (response.status !== 200)
    throw new Error(`trust issuer: ${response.status} ${JSON.stringify(response.body)}`);
}

/** An employer at the verifier and its API key. */
export async function createEmployer(verifier: VerifierService, name: string): Promise<string> {
  const response = await call(verifier.url, 'POST', '/api/admin/employers', {
    token: verifier.adminToken,
    body: { name },
  });
  if (response.status !== 201)
    throw new Error(`employer: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.apiKey as string;
}

/** A skills request for a vacancy; returns its id and the openid4vp:// link. */
export async function createSkillsRequest(
  verifier: VerifierService,
  apiKey: string,
  title: string,
  skills: { uri: string; minimumLevel?: number; required?: boolean }[],
): Promise<{ id: string; link: string }> {
  const response = await call(verifier.url, 'POST', '/api/requests', {
    token: apiKey,
    body: { title, skills },
  });
  if (response.status !== 201)
    throw new Error(`request: ${response.status} ${JSON.stringify(response.body)}`);
  return { id: response.body.id as string, link: response.body.link as string };
}
