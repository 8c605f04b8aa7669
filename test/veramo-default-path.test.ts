import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import {
  createApp,
  createOrganisation,
  issueCredential,
  openIssuer,
  requestFromExample,
  signingKey,
  veramoDefaultSigner,
  veramoPorts,
  type IssuerRuntime,
} from '@skills-passport/issuer';
import { createLogger, nodeEd25519Verify } from '@skills-passport/service-kit';
import {
  createDidResolver,
  createGuardedFetch,
  createStatusListService,
  verifyCredential,
  type VerificationDeps,
} from '@skills-passport/verifier';

// The verifier's fast path (node:crypto, cached DID documents) must accept what Veramo's default
// signing path produces as well as the issuer's fast signer, and refuse both when tampered.
const HOLDER = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK';

describe('verifying credentials from both signing paths of the real issuer', () => {
  let server: Server;
  let runtime: IssuerRuntime;
  let dataDir: string;
  let jwts: { veramo: string; fast: string };
  let deps: VerificationDeps;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sp-veramo-path-'));
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    runtime = await openIssuer(
      {
        port,
        host: '127.0.0.1',
        publicUrl: new URL(`http://localhost:${port}`),
        dataDir,
        kmsSecret: 'd'.repeat(64),
        adminToken: 'test-admin-token-0123456789abcdef',
        demo: false,
        offerTtlSeconds: 3600,
        statusListTtlMs: 60_000,
        logLevel: 'silent',
      },
      createLogger('issuer', 'silent'),
    );
    server.on('request', createApp(runtime.deps));
    const org = await createOrganisation(
      runtime.deps,
      { slug: 'evc', name: 'EVC', kind: 'evc-provider' },
      { kind: 'system', id: 'test' },
    );
    const key = await signingKey(runtime.deps, 'evc');
    const example = JSON.parse(
      readFileSync(join(import.meta.dirname, '../schemas/examples/evc-credential/zorghulp-ok.json'), 'utf8'),
    ) as Record<string, unknown>;
    const { result } = await issueCredential(runtime.deps, org, requestFromExample(example), {
      kind: 'system',
      id: 'test',
    });
    const row = await runtime.db.get<{ document: string }>('SELECT document FROM credentials WHERE id = ?', [
      result.credential.id,
    ]);
    const document = JSON.parse(row!.document) as Record<string, unknown> & {
      credentialSubject: Record<string, unknown>;
    };
    document.credentialSubject = { id: HOLDER, ...document.credentialSubject };
    jwts = {
      veramo: await veramoDefaultSigner(runtime.agent).sign(document, org.did, key),
      fast: await veramoPorts(runtime.veramo).signer.sign(document, org.did, key),
    };
    const fetch = createGuardedFetch({ allowInsecureLocalhost: true, timeoutMs: 5000 });
    const resolveDid = createDidResolver({ fetch, allowInsecureLocalhost: true, now: Date.now });
    deps = {
      resolveDid,
      statusLists: createStatusListService({
        fetch,
        resolveDid,
        verifySignature: nodeEd25519Verify,
        now: Date.now,
        clockSkewSeconds: 60,
      }),
      trustedIssuers: {
        get: (did) =>
          Promise.resolve(
            did === org.did
              ? { did, name: 'EVC', kind: 'evc-provider', accreditedTypes: ['EVCCredential'] }
              : undefined,
          ),
      },
      verifySignature: nodeEd25519Verify,
      now: Date.now,
      clockSkewSeconds: 60,
    };
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(['veramo', 'fast'] as const)('accepts the %s path\u2019s JWT', async (path) => {
    const result = await verifyCredential({ format: 'jwt_vc_json', jwt: jwts[path] }, deps, {
      holder: HOLDER,
    });
    expect(result.checks.filter((c) => c.status !== 'pass')).toEqual([]);
    expect(result).toMatchObject({ verified: true, outcome: 'verified', type: 'EVCCredential' });
  });

  it.each(['veramo', 'fast'] as const)(
    '[JOSE attacks] refuses the %s path\u2019s JWT with one byte changed',
    async (path) => {
      const jwt = jwts[path];
      const at = jwt.indexOf('.') + 40;
      const tampered = `${jwt.slice(0, at)}${jwt[at] === 'A' ? 'B' : 'A'}${jwt.slice(at + 1)}`;
      const result = await verifyCredential({ format: 'jwt_vc_json', jwt: tampered }, deps, {
        holder: HOLDER,
      });
      expect(result.verified).toBe(false);
    },
  );
});
