import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createApp as createIssuerApp,
  openIssuer,
  requestFromExample,
  type IssuerRuntime,
} from '@skills-passport/issuer';
import { createLogger } from '@skills-passport/service-kit';
import {
  ADMIN_TOKEN as VERIFIER_ADMIN,
  redeemOffer,
  startVerifier,
  TestHolder,
  type Harness,
} from '@skills-passport/verifier/testing';

// The journey across real services: the real issuer (in-process, real port, its own SQLite file)
// issues three credentials, a test holder with its own did:key and JOSE code redeems them over
// OpenID4VCI, and answers the verifier's OpenID4VP request (real port, real SQLite). The stored
// report must match each requested skill to the right credential.

const ISSUER_ADMIN = 'issuer-admin-token-0123456789abcdef';
const ESCO = 'http://data.europa.eu/esco/skill/';
const examples = resolve(import.meta.dirname, '../schemas/examples');
const example = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(examples, file), 'utf8'));

async function listen(server: Server): Promise<number> {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return (server.address() as AddressInfo).port;
}

async function call(base: string, method: string, path: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 400)}`);
  return text === '' ? undefined : JSON.parse(text);
}

let issuerServer: Server;
let issuerRuntime: IssuerRuntime;
let issuerUrl: string;
let issuerDir: string;
let verifierServer: Server;
let verifierUrl: string;
let verifier: Harness;
const orgs: Record<string, { did: string; apiKey: string; name: string }> = {};

beforeAll(async () => {
  issuerDir = mkdtempSync(join(tmpdir(), 'journey-issuer-'));
  issuerServer = createServer();
  const issuerPort = await listen(issuerServer);
  issuerUrl = `http://localhost:${issuerPort}`;
  issuerRuntime = await openIssuer(
    {
      port: issuerPort,
      host: '127.0.0.1',
      publicUrl: new URL(issuerUrl),
      dataDir: issuerDir,
      kmsSecret: 'b'.repeat(64),
      adminToken: ISSUER_ADMIN,
      demo: false,
      offerTtlSeconds: 3600,
      statusListTtlMs: 60_000,
      logLevel: 'silent',
    },
    createLogger('issuer', 'silent'),
  );
  issuerServer.on('request', createIssuerApp(issuerRuntime.deps));

  verifierServer = createServer();
  verifierUrl = `http://localhost:${await listen(verifierServer)}`;
  const clock = {
    get t() {
      return Date.now();
    },
  };
  verifier = await startVerifier({ clock, config: { publicUrl: new URL(verifierUrl) } });
  verifierServer.on('request', verifier.app);

  for (const [slug, name, kind, types] of [
    ['evc-zorg', 'EVC Centrum Zorg', 'evc-provider', ['EVCCredential']],
    ['opleiding-logistiek', 'Opleidingscentrum Logistiek', 'training-provider', ['ModuleCredential']],
    ['van-dijk', 'Van Dijk Logistiek', 'employer', ['WorkplaceLearningCredential', 'ModuleCredential']],
  ] as const) {
    const org = await call(issuerUrl, 'POST', '/admin/organisations', ISSUER_ADMIN, { slug, name, kind });
    const staff = await call(issuerUrl, 'POST', `/admin/organisations/${slug}/staff`, ISSUER_ADMIN, {
      name: 'Marleen de Vries',
      role: 'assessor',
    });
    const key = await call(
      issuerUrl,
      'POST',
      `/admin/organisations/${slug}/staff/${staff.id}/api-keys`,
      ISSUER_ADMIN,
      { label: 'journey' },
    );
    orgs[slug] = { did: org.did, apiKey: key.token, name };
    await call(
      verifierUrl,
      'PUT',
      `/api/admin/trusted-issuers/${encodeURIComponent(org.did)}`,
      VERIFIER_ADMIN,
      { name, kind, accreditedTypes: types },
    );
  }
}, 60_000);

afterAll(async () => {
  verifierServer.closeAllConnections();
  issuerServer.closeAllConnections();
  await new Promise<void>((done) => verifierServer.close(() => done()));
  await new Promise<void>((done) => issuerServer.close(() => done()));
  await verifier.close();
  await issuerRuntime.close();
  rmSync(issuerDir, { recursive: true, force: true });
});

async function issue(slug: string, file: string, holder: TestHolder): Promise<{ id: string; jwt: string }> {
  const created = await call(
    issuerUrl,
    'POST',
    '/api/credentials',
    orgs[slug]!.apiKey,
    requestFromExample(example(file)),
  );
  return { id: created.credential.id, jwt: await redeemOffer(created.credential.offer.uri, holder) };
}

/** The wallet side of OpenID4VP: fetch the request by reference, check its signature, answer it. */
async function answer(
  link: string,
  vpToken: (nonce: string, audience: string) => Record<string, string[]>,
): Promise<Response> {
  const params = new URL(link).searchParams;
  const requestObject = await (await fetch(params.get('request_uri')!)).text();
  const [h, p, s] = requestObject.split('.') as [string, string, string];
  const header = JSON.parse(Buffer.from(h, 'base64url').toString());
  const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
  expect(claims.client_id).toBe(params.get('client_id'));
  const verifierDid = claims.client_id.replace(/^decentralized_identifier:/, '');
  expect(header.kid.startsWith(`${verifierDid}#`)).toBe(true);
  const didDoc: any = await (
    await fetch(`http://${decodeURIComponent(verifierDid.slice('did:web:'.length))}/.well-known/did.json`)
  ).json();
  const method = didDoc.verificationMethod.find((m: any) => m.id === header.kid);
  expect(
    verify(
      null,
      Buffer.from(`${h}.${p}`),
      createPublicKey({ key: method.publicKeyJwk, format: 'jwk' }),
      Buffer.from(s, 'base64url'),
    ),
  ).toBe(true);
  return fetch(claims.response_uri, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      vp_token: JSON.stringify(vpToken(claims.nonce, claims.client_id)),
      state: claims.state,
    }),
  });
}

describe('issuer → wallet → verifier', () => {
  const holder = new TestHolder();
  const SUPPORT_NURSES = `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896`; // EVC, level 3
  const MONITOR_SIGNS = `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`; // EVC, level 2
  const MATERIALS = `${ESCO}078861f5-b901-48a5-951e-a3ad0a4fa0bd`; // operate warehouse materials: module and workplace
  const INSTRUCTIONS = `${ESCO}fc511e12-fe90-40a0-bec8-227abb5e4255`; // follow verbal instructions: workplace only
  const UNPROVEN = `${ESCO}16636767-c215-4cf0-b126-e144fea20926`;

  it('matches each requested skill to the right credential, with coverage', async () => {
    const evc = await issue('evc-zorg', 'evc-credential/zorghulp-ok.json', holder);
    const module = await issue(
      'opleiding-logistiek',
      'module-credential/magazijn-microcredential-ok.json',
      holder,
    );
    const workplace = await issue(
      'van-dijk',
      'workplace-learning-credential/magazijnmedewerker-ok.json',
      holder,
    );

    const request = await call(verifierUrl, 'POST', '/api/requests', verifier.apiKey, {
      title: 'Allround medewerker zorg en logistiek',
      skills: [
        { uri: SUPPORT_NURSES, minimumLevel: 3 },
        { uri: MONITOR_SIGNS },
        { uri: MATERIALS },
        { uri: INSTRUCTIONS },
        { uri: UNPROVEN, required: false },
      ],
    });
    const now = () => Math.floor(Date.now() / 1000);
    const res = await answer(request.link, (nonce, audience) => ({
      skills_jwt_vc_json: [
        holder.present([evc.jwt], { nonce, audience, iat: now() }),
        holder.present([module.jwt], { nonce, audience, iat: now() }),
        holder.present([workplace.jwt], { nonce, audience, iat: now() }),
      ],
    }));
    expect(res.status).toBe(200);

    const stored = await call(verifierUrl, 'GET', `/api/requests/${request.id}`, verifier.apiKey);
    expect(stored.result).toMatchObject({ accepted: true, outcome: 'verified' });
    const problems = stored.result.report.presentations
      .flatMap((p: any) => [...p.checks, ...p.credentials.flatMap((c: any) => c.checks)])
      .filter((c: any) => c.status !== 'pass');
    expect(problems).toEqual([]);
    const line = (uri: string) => stored.result.report.match.skills.find((l: any) => l.uri === uri);
    const sources = (uri: string) =>
      line(uri)
        .proofs.filter((p: any) => p.counts)
        .map((p: any) => `${p.type}@${p.issuerName}`)
        .sort();
    expect(line(SUPPORT_NURSES)).toMatchObject({
      status: 'proven',
      proofs: [
        {
          type: 'EVCCredential',
          learning: 'formal',
          issuerId: orgs['evc-zorg']!.did,
          level: { rank: 3 },
          levelMeetsMinimum: true,
        },
      ],
    });
    expect(line(SUPPORT_NURSES).proofs[0].assessor.name).toBeDefined();
    expect(sources(MONITOR_SIGNS)).toEqual(['EVCCredential@EVC Centrum Zorg']);
    expect(sources(INSTRUCTIONS)).toEqual(['WorkplaceLearningCredential@Van Dijk Logistiek']);
    expect(line(INSTRUCTIONS).proofs[0].learning).toBe('informal');
    if (line(MATERIALS) !== undefined) {
      expect(sources(MATERIALS)).toEqual([
        'ModuleCredential@Opleidingscentrum Logistiek',
        'WorkplaceLearningCredential@Van Dijk Logistiek',
      ]);
    }
    expect(stored.result.report.match.coverage).toEqual({
      required: 4,
      proven: 4,
      partial: 0,
      notProven: 0,
      percent: 100,
    });
  }, 60_000);

  it('[status lists] refuses a credential once its issuer revokes it', async () => {
    const evc = await issue('evc-zorg', 'evc-credential/zorghulp-ok.json', holder);
    await call(
      issuerUrl,
      'POST',
      `/api/credentials/${encodeURIComponent(evc.id)}/revoke`,
      orgs['evc-zorg']!.apiKey,
      { reason: 'issued in error' },
    );
    const request = await call(verifierUrl, 'POST', '/api/requests', verifier.apiKey, {
      title: 'Zorghulp',
      skills: [{ uri: SUPPORT_NURSES }],
    });
    const res = await answer(request.link, (nonce, audience) => ({
      skills_jwt_vc_json: [
        holder.present([evc.jwt], { nonce, audience, iat: Math.floor(Date.now() / 1000) }),
      ],
    }));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'invalid_request', code: 'ERR_CREDENTIAL_REVOKED' });
  }, 60_000);
});
