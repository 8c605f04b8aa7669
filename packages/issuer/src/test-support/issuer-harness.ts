import type { Esco } from '@skills-passport/core';
import { freePort } from '@skills-passport/service-kit/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp } from '../app.js';
import type { IssuerConfig } from '../config.js';
import { createLogger, type DatabaseConfig } from '@skills-passport/service-kit';
import { openIssuer, type IssuerRuntime } from '../runtime.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const KMS_SECRET = 'a'.repeat(64);

/**
 * A real issuer on a real loopback port over a real SQLite file in a temp dir, or over a real
 * PostgreSQL database (`database`; the temp dir then holds the outbox only).
 */
export interface RunningIssuer {
  url: string;
  dataDir: string;
  runtime: IssuerRuntime;
  /** Everything the service logged, as JSON lines. */
  logs: string[];
  /** Stops the HTTP server and closes the database; the data directory stays for a restart. */
  stop(): Promise<void>;
  /** Stops and deletes the data directory. */
  destroy(): Promise<void>;
}

/**
 * Starts an issuer; pass `dataDir` and `port` of a stopped one to restart it on the same data.
 * With `database` it runs on that PostgreSQL database (as `DATABASE_URL` makes it): start several
 * on one database to have instances that share everything.
 */
export async function startIssuer(
  options: {
    dataDir?: string;
    port?: number;
    /** PostgreSQL instead of `issuer.sqlite`: `{ url, poolSize }`, as `DATABASE_URL` / `DATABASE_POOL_SIZE`. */
    database?: DatabaseConfig;
    now?: () => Date;
    config?: Partial<IssuerConfig>;
    /** What the taxonomy routes search: the demo seed unless a test is about the whole ESCO. */
    esco?: Esco;
  } = {},
): Promise<RunningIssuer> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'sp-issuer-'));
  const port = options.port ?? (await freePort());
  const config: IssuerConfig = {
    port,
    host: '127.0.0.1',
    publicUrl: new URL(`http://localhost:${port}`),
    dataDir,
    kmsSecret: KMS_SECRET,
    adminToken: ADMIN_TOKEN,
    demo: false,
    offerTtlSeconds: 3600,
    statusListTtlMs: 60_000,
    logLevel: 'info',
    ...(options.database === undefined ? {} : { database: options.database }),
    ...options.config,
  };
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('issuer', 'info', sink);
  const runtime = await openIssuer(config, logger, options.now);
  const server: Server = createServer(
    createApp(runtime.deps, options.esco === undefined ? {} : { esco: options.esco }),
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const stop = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await runtime.close();
  };
  return {
    url: `http://localhost:${port}`,
    dataDir,
    runtime,
    logs,
    stop,
    async destroy() {
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON over HTTP with a bearer token; returns status, headers and the parsed body. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; body: any; headers: Headers; text: string }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.raw;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(new URL(path, base), {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, headers: response.headers, text };
}

/** Creates an organisation with one assessor and returns the assessor's API key. */
export async function provisionOrg(
  issuer: Pick<RunningIssuer, 'url'>,
  slug: string,
  kind: 'evc-provider' | 'training-provider' | 'employer' | 'learn-work-desk',
  name = `Org ${slug}`,
): Promise<{ slug: string; did: string; apiKey: string; staffId: string; keyId: string }> {
  const org = await call(issuer.url, 'POST', '/admin/organisations', {
    token: ADMIN_TOKEN,
    body: { slug, name, kind },
  });
  if (org.status !== 201) throw new Error(`create org: ${org.status} ${org.text}`);
  const staff = await call(issuer.url, 'POST', `/admin/organisations/${slug}/staff`, {
    token: ADMIN_TOKEN,
    body: { name: 'Marleen de Vries', role: 'assessor' },
  });
  const key = await call(issuer.url, 'POST', `/admin/organisations/${slug}/staff/${staff.body.id}/api-keys`, {
    token: ADMIN_TOKEN,
    body: { label: 'test' },
  });
  return { slug, did: org.body.did, apiKey: key.body.token, staffId: staff.body.id, keyId: key.body.id };
}
