import {
  describeWithScratchMount,
  digestOfDir,
  mountScratch,
  type ScratchMount,
  freePort,
} from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { createApp } from './app.js';
import { createEmployer } from './http/admin-routes.js';
import { createLogger } from '@skills-passport/service-kit';
import { openVerifier, type VerifierRuntime } from './runtime.js';
import { ADMIN_TOKEN, testConfig } from './test-support/harness.js';
import { StandInIssuer } from './test-support/stand-in-issuer.js';
import { TestHolder } from './test-support/test-holder.js';

// Issue 8, faults: the verifier's data directory on a real tmpfs of a few MiB that fills up (ENOSPC)
// and is then remounted read-only (EROFS) — the faults as production meets them. While the disk is
// full every write answers a clean 503 (a problem document on the API, an OAuth-style error on the
// OpenID4VP response endpoint) and reads keep working; once space is back the same process takes
// requests again and a wallet's refused answer can be sent again; the database passes SQLite's
// integrity check and holds exactly what was acknowledged. On a read-only file system the built
// verifier refuses to start with one clear line and leaves the files untouched.
const describeWithMount = describeWithScratchMount();

const packageDir = join(import.meta.dirname, '..');
const serverJs = join(packageDir, 'dist/server.js');
const ESCO = 'http://data.europa.eu/esco/skill/';
const SKILLS = [
  { uri: `${ESCO}62268d9a-42f9-4c65-9ed3-d7ba69249896` },
  { uri: `${ESCO}d3b74d50-7fc9-4051-9335-58d129a4a064`, required: false },
];
/** Request titles carry this marker, so the test can tell that no request body reached the log. */
const MARKER = 'Vacature-7f3k';

/** The child-process cases need dist/ as the sources are now: build it when any output is older. */
function buildIfStale(): void {
  const src = join(packageDir, 'src');
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sources(path);
      return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
    });
  const stale = sources(src).some((file) => {
    const out = join(packageDir, 'dist', relative(src, file)).replace(/\.ts$/, '.js');
    return !existsSync(out) || statSync(out).mtimeMs < statSync(file).mtimeMs;
  });
  if (!stale) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const built = spawnSync(process.execPath, [tsc, '-b', packageDir], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`tsc -b ${packageDir} failed:\n${built.stdout}${built.stderr}`);
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

async function call(
  url: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; form?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(options.form).toString();
  }
  const res = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, body: parsed };
}

/** A 503 that tells the client to come back later and reveals nothing of the storage underneath. */
function expectStorageProblem(r: Answer): void {
  expect(r.status).toBe(503);
  expect(r.contentType).toMatch(/^application\/problem\+json/);
  expect(r.body).toMatchObject({ status: 503, code: 'ERR_STORAGE_UNAVAILABLE' });
  expect(r.text).not.toMatch(/SQLITE|sqlite|ENOSPC|\n\s+at /);
}

/** The response endpoint speaks OAuth errors to wallets, also when it cannot store the answer. */
function expectStorageOAuthError(r: Answer): void {
  expect(r.status).toBe(503);
  expect(r.contentType).toMatch(/^application\/json/);
  expect(r.body).toMatchObject({ error: 'temporarily_unavailable', code: 'ERR_STORAGE_UNAVAILABLE' });
  expect(typeof r.body.error_description).toBe('string');
  expect(r.text).not.toMatch(/SQLITE|sqlite|ENOSPC|\n\s+at /);
}

// better-sqlite3, the binding the verifier uses: a second copy of SQLite in this process would not
// see the verifier's locks, and closing it would delete the WAL under the verifier's connections.
function sqliteAll<T>(file: string, sql: string, write = false): Promise<T[]> {
  const db = new Database(file, { readonly: !write });
  try {
    return Promise.resolve(db.prepare(sql).all() as T[]);
  } finally {
    db.close();
  }
}

interface RunningVerifier {
  url: string;
  runtime: VerifierRuntime;
  logs: string[];
  stop(): Promise<void>;
}

/** The verifier in this process on a loopback port, over the SQLite file in `dataDir`. */
async function runVerifier(dataDir: string, clock: { t: number }): Promise<RunningVerifier> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const runtime = await openVerifier(testConfig(dataDir), createLogger('verifier', 'info', sink), {
    now: () => clock.t,
  });
  const server: Server = createServer(createApp(runtime.deps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    runtime,
    logs,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

/** Runs the built verifier on `dataDir`; resolves with its exit code and stderr once it exits. */
function runBuilt(
  dataDir: string,
  port: number,
  env: Record<string, string>,
): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [serverJs], {
    env: {
      ...process.env,
      VERIFIER_PORT: String(port),
      VERIFIER_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, stderr })),
  );
  return { child, exited };
}

describeWithMount('[faults] the verifier on a disk that fills up and turns read-only', () => {
  const clock = { t: Date.parse('2027-01-15T10:00:00Z') };
  const issuer = new StandInIssuer(() => clock.t);
  const holder = new TestHolder();
  let mount: ScratchMount;
  let dataDir: string;
  let verifier: RunningVerifier | undefined;
  const children: ChildProcess[] = [];
  let apiKey: string;
  let employerId: string;
  /** Requests the verifier acknowledged (201): id -> title. */
  const acknowledged = new Map<string, string>();
  /** Titles of requests refused with 503: none of them may be stored. */
  const refusedTitles: string[] = [];
  /** Requests a wallet's answer was accepted for (200). */
  const answered = new Set<string>();
  /** How many 503s the verifier gave, to compare with the log. */
  let storageFailures = 0;
  const secrets: string[] = [];

  beforeAll(async () => {
    buildIfStale();
    mount = mountScratch(8);
    dataDir = join(mount.dir, 'verifier');
    await issuer.start();
    const org = issuer.addOrg('evc-zorg', 'EVC Centrum Zorg');
    verifier = await runVerifier(dataDir, clock);
    await verifier.runtime.deps.store.putTrustedIssuer(
      { did: org.did, name: org.name, kind: 'evc-provider', accreditedTypes: ['EVCCredential'] },
      clock.t,
    );
    const employer = await createEmployer(verifier.runtime.deps, 'Zorggroep Oost', clock.t);
    apiKey = employer.apiKey;
    employerId = employer.id;
    secrets.push(apiKey, holder.did);
  }, 120_000);

  afterAll(async () => {
    try {
      for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
      await verifier?.stop().catch(() => undefined);
      await issuer.stop();
    } finally {
      mount?.dispose();
    }
  });

  const createRequest = (title: string) =>
    call(verifier!.url, 'POST', '/api/requests', { token: apiKey, json: { title, skills: SKILLS } });

  /** What a wallet does: fetch the request object by reference, then prepare a presentation. */
  async function prepareAnswer(id: string): Promise<{ id: string; form: Record<string, string> }> {
    const r = await call(verifier!.url, 'GET', `/oid4vp/requests/${id}`);
    expect(r.status).toBe(200);
    const payload = JSON.parse(Buffer.from(r.text.split('.')[1]!, 'base64url').toString('utf8'));
    const vp = holder.present([issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did })], {
      nonce: payload.nonce as string,
      audience: payload.client_id as string,
      iat: Math.floor(clock.t / 1000),
    });
    secrets.push(payload.nonce as string, payload.state as string, vp);
    return {
      id,
      form: { vp_token: JSON.stringify({ skills_jwt_vc_json: [vp] }), state: payload.state as string },
    };
  }

  const postAnswer = (answer: { id: string; form: Record<string, string> }) =>
    call(verifier!.url, 'POST', `/oid4vp/responses/${answer.id}`, { form: answer.form });

  it('answers writes with a clean 503 while the disk is full, keeps reading, and recovers without a restart', async () => {
    const url = verifier!.url;
    const created = async (title: string): Promise<string> => {
      const r = await createRequest(title);
      expect(r.status).toBe(201);
      acknowledged.set(r.body.id as string, title);
      return r.body.id as string;
    };
    for (let i = 0; i < 3; i += 1) {
      const answer = await prepareAnswer(await created(`${MARKER} before-${i}`));
      expect((await postAnswer(answer)).status).toBe(200);
      answered.add(answer.id);
    }
    // Requests a wallet will answer while the disk is full, and one left open to read.
    const pool: { id: string; form: Record<string, string> }[] = [];
    for (let i = 0; i < 30; i += 1) pool.push(await prepareAnswer(await created(`${MARKER} pool-${i}`)));
    const open = await created(`${MARKER} open`);

    // SQLite reuses its WAL file after a checkpoint, so on a full disk writes go on for a while in
    // the space the WAL already has, then fail: keep creating requests, concurrently, with wallets
    // answering in between, until both kinds of write have failed a few times.
    // On a connection of its own: the service's connections run statements inside transactions.
    await sqliteAll(join(dataDir, 'verifier.sqlite'), 'PRAGMA wal_checkpoint(PASSIVE)', true);
    expect(mount.fill()).toBeGreaterThan(0);
    const refusedAnswers: { id: string; form: Record<string, string> }[] = [];
    let createFailures = 0;
    for (
      let round = 0;
      round < 200 && (createFailures < 10 || (pool.length > 0 && refusedAnswers.length < 3));
      round += 1
    ) {
      const titles = Array.from({ length: 8 }, (_, i) => `${MARKER} full-${round}-${i}`);
      const answers = pool.splice(0, 3);
      const [answerResults, results] = await Promise.all([
        Promise.all(answers.map((answer) => postAnswer(answer))),
        Promise.all(titles.map((title) => createRequest(title))),
      ]);
      results.forEach((r, i) => {
        if (r.status === 201) acknowledged.set(r.body.id as string, titles[i]!);
        else {
          expectStorageProblem(r);
          refusedTitles.push(titles[i]!);
          createFailures += 1;
          storageFailures += 1;
        }
      });
      answerResults.forEach((r, i) => {
        if (r.status === 200) answered.add(answers[i]!.id);
        else {
          expectStorageOAuthError(r);
          refusedAnswers.push(answers[i]!);
          storageFailures += 1;
        }
      });
    }
    expect(createFailures).toBeGreaterThanOrEqual(10);
    expect(refusedAnswers.length).toBeGreaterThanOrEqual(3);

    // Every other kind of write is refused the same way, or succeeds.
    const admin = await call(url, 'POST', '/api/admin/employers', {
      token: ADMIN_TOKEN,
      json: { name: 'Bouwbedrijf West' },
    });
    if (admin.status !== 201) {
      expectStorageProblem(admin);
      storageFailures += 1;
    }

    // Reads still work on a full disk.
    const list = await call(url, 'GET', '/api/requests', { token: apiKey });
    expect(list.status).toBe(200);
    expect(list.body.requests.length).toBeGreaterThan(0);
    const [firstAnswered] = [...answered];
    const one = await call(url, 'GET', `/api/requests/${firstAnswered}`, { token: apiKey });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ status: 'answered', result: { accepted: true, outcome: 'verified' } });
    expect((await call(url, 'GET', `/oid4vp/requests/${open}`)).status).toBe(200);
    expect((await call(url, 'GET', `/api/requests/${open}/qr.svg`)).status).toBe(200);
    expect((await call(url, 'GET', '/health')).status).toBe(200);
    expect((await call(url, 'GET', '/openapi.json')).status).toBe(200);
    expect((await call(url, 'GET', '/.well-known/did.json')).status).toBe(200);
    expect((await call(url, 'GET', '/api/skills?q=zorg')).status).toBe(200);
    const check = await call(url, 'POST', '/api/verify/credential', {
      json: { credential: issuer.issue('evc-zorg', 'EVCCredential', { holder: holder.did }) },
    });
    expect(check.status).toBe(200);
    expect(check.body.verified).toBe(true);

    // Space comes back: the same process takes requests again, and every answer refused while the
    // disk was full can be sent again and is accepted — none is left claimed but never stored.
    mount.free();
    const after = await createRequest(`${MARKER} after`);
    expect(after.status).toBe(201);
    acknowledged.set(after.body.id as string, `${MARKER} after`);
    for (const answer of refusedAnswers) {
      const view = await call(url, 'GET', `/api/requests/${answer.id}`, { token: apiKey });
      expect(view.body.status).toBe('pending');
      const again = await postAnswer(answer);
      expect({ id: answer.id, status: again.status, body: again.body }).toMatchObject({
        status: 200,
        body: { redirect_uri: expect.any(String) },
      });
      answered.add(answer.id);
    }
    for (const id of answered) {
      const view = await call(url, 'GET', `/api/requests/${id}`, { token: apiKey });
      expect(view.body).toMatchObject({ status: 'answered', result: { accepted: true } });
    }

    // Each failure was logged once, with SQLite's reason, and without request bodies, presentations,
    // nonces, keys or personal data.
    const faultLines = verifier!.logs.filter((line) => line.includes('storage unavailable'));
    expect(faultLines).toHaveLength(storageFailures);
    for (const line of faultLines) {
      expect(line).toMatch(/SQLITE_FULL/);
      expect(line).not.toContain(MARKER);
      expect(line).not.toMatch(/Fatima|Bearer|"authorization"/);
      for (const secret of secrets) expect(line).not.toContain(secret);
    }
    const everything = verifier!.logs.join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).not.toContain(MARKER);
  }, 120_000);

  it('leaves a database that passes the integrity check and holds exactly what was acknowledged', async () => {
    await verifier!.stop();
    verifier = undefined;
    const file = join(dataDir, 'verifier.sqlite');
    expect(await sqliteAll<{ integrity_check: string }>(file, 'PRAGMA integrity_check')).toEqual([
      { integrity_check: 'ok' },
    ]);
    const rows = await sqliteAll<{ id: string; title: string; status: string; result: string | null }>(
      file,
      `SELECT r.id, r.title, r.status, s.request_id AS result
         FROM requests r LEFT JOIN results s ON s.request_id = r.id
        WHERE r.employer_id = '${employerId}'`,
    );
    expect(new Map(rows.map((r) => [r.id, r.title]))).toEqual(acknowledged);
    expect(rows).toHaveLength(acknowledged.size);
    const titles = new Set(rows.map((r) => r.title));
    for (const title of refusedTitles) expect(titles.has(title)).toBe(false);
    // A request is answered exactly when its result is stored; none is left half-way.
    for (const row of rows) {
      expect({ id: row.id, status: row.status, result: row.result !== null }).toEqual({
        id: row.id,
        status: answered.has(row.id) ? 'answered' : 'pending',
        result: answered.has(row.id),
      });
    }
    const orphans = await sqliteAll<{ n: number }>(
      file,
      'SELECT COUNT(*) AS n FROM results WHERE request_id NOT IN (SELECT id FROM requests)',
    );
    expect(orphans[0]!.n).toBe(0);
  });

  it('refuses to start on a read-only file system with one clear line, changing nothing', async () => {
    const before = digestOfDir(dataDir);
    mount.remountReadOnly();
    try {
      const envs: Record<string, string>[] = [
        { VERIFIER_ADMIN_TOKEN: ADMIN_TOKEN },
        { VERIFIER_DEMO: 'true' },
      ];
      for (const env of envs) {
        const started = Date.now();
        const run = runBuilt(dataDir, await freePort(), env);
        children.push(run.child);
        const { code, stderr } = await run.exited;
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(code).not.toBe(0);
        expect(stderr.trim().split('\n')).toHaveLength(1);
        expect(stderr).toContain(dataDir);
        expect(stderr).toMatch(/read-only/);
        expect(stderr).not.toMatch(/ {4}at /);
      }
      expect(digestOfDir(dataDir)).toBe(before);
    } finally {
      mount.remountWritable();
    }

    // Writable again: the built verifier opens the same data, everything acknowledged still there.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const run = runBuilt(dataDir, port, { VERIFIER_ADMIN_TOKEN: ADMIN_TOKEN });
    children.push(run.child);
    for (let attempt = 0; ; attempt += 1) {
      if (run.child.exitCode !== null) throw new Error(`the verifier exited: ${(await run.exited).stderr}`);
      try {
        if ((await fetch(`${url}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (attempt > 200) throw new Error('the verifier did not start');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    try {
      for (const [id, title] of acknowledged) {
        const r = await call(url, 'GET', `/api/requests/${id}`, { token: apiKey });
        expect({
          id,
          status: r.status,
          title: r.body?.title,
          answered: r.body?.result !== undefined,
        }).toEqual({
          id,
          status: 200,
          title,
          answered: answered.has(id),
        });
      }
      const fresh = await call(url, 'POST', '/api/requests', {
        token: apiKey,
        json: { title: `${MARKER} restarted`, skills: SKILLS },
      });
      expect(fresh.status).toBe(201);
    } finally {
      run.child.kill('SIGTERM');
      expect((await run.exited).code).toBe(0);
    }
  }, 60_000);
});
