// Builds a real verifier for tests: a SQLite file in a temp dir, a frozen clock, real keys.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Express } from 'express';
import { createApp } from '../app.js';
import type { VerifierConfig } from '../config.js';
import type { VerifierDeps } from '../deps.js';
import { createEmployer } from '../http/admin-routes.js';
import { demoEsco, type Esco } from '@skills-passport/core';
import { createLogger } from '@skills-passport/service-kit';
import { openVerifier } from '../runtime.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface Harness {
  app: Express;
  deps: VerifierDeps;
  clock: { t: number };
  apiKey: string;
  /** Every log line written, to check nothing personal is logged. */
  logs: string[];
  close(): Promise<void>;
}

export function testConfig(dataDir: string, overrides: Partial<VerifierConfig> = {}): VerifierConfig {
  return Object.freeze({
    port: 3002,
    host: '127.0.0.1',
    publicUrl: new URL('http://localhost:3002'),
    dataDir,
    adminToken: ADMIN_TOKEN,
    allowInsecureLocalhost: true,
    demo: false,
    requestTtlSeconds: 600,
    clockSkewSeconds: 60,
    fetchTimeoutMs: 5000,
    statusReuseSeconds: 0,
    // Rejection tables post hundreds of answers from one address; the limits have tests of their own.
    rateLimitPerMinute: 0,
    trustedIssuersFile: undefined,
    logLevel: 'info',
    ...overrides,
  });
}

export async function startVerifier(
  options: { clock?: { t: number }; config?: Partial<VerifierConfig>; esco?: Esco } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-test-'));
  const clock = options.clock ?? { t: Date.parse('2027-01-15T10:00:00Z') };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logs.push(chunk.toString('utf8'));
      callback();
    },
  });
  const runtime = await openVerifier(
    testConfig(dir, options.config),
    createLogger('verifier', 'info', sink),
    {
      now: () => clock.t,
      // The demo seed unless a test asks for more: it builds in milliseconds, the whole ESCO in 0.3 s.
      esco: options.esco ?? demoEsco(),
    },
  );
  const { apiKey } = await createEmployer(runtime.deps, 'Test employer', clock.t);
  return {
    app: createApp(runtime.deps),
    deps: runtime.deps,
    clock,
    apiKey,
    logs,
    async close() {
      await runtime.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A verifier answering on a loopback port, with that address as its public URL: for a browser. */
export interface ListeningVerifier {
  h: Harness;
  base: string;
  close(): Promise<void>;
}

export async function startListeningVerifier(
  options: Parameters<typeof startVerifier>[0] = {},
): Promise<ListeningVerifier> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://localhost:${(server.address() as AddressInfo).port}`;
  const h = await startVerifier({ ...options, config: { ...options.config, publicUrl: new URL(base) } });
  server.on('request', h.app);
  return {
    h,
    base,
    async close() {
      // A browser may keep its connections open: close them, or close() waits for them.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await h.close();
    },
  };
}

/** Trusts an organisation for EVC certificates, as the verifier's admin would. */
export async function trustForEvc(base: string, org: { did: string; name: string }): Promise<void> {
  const res = await fetch(`${base}/api/admin/trusted-issuers/${encodeURIComponent(org.did)}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: org.name, kind: 'evc-provider', accreditedTypes: ['EVCCredential'] }),
  });
  if (!res.ok) throw new Error(`trusting ${org.did}: ${res.status}`);
}
