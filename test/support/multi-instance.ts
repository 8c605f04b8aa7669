// Several instances of one built service (dist/server.js, each its own process on its own loopback
// port) sharing one PostgreSQL database and one public URL, as a deployment behind a load balancer
// runs them: the fault tests across instances (test/multi-instance/) start them, aim requests at
// one instance or another, kill one with SIGKILL, and read the database straight.
import { expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgDatabase, type PgRow, type PgValue } from '@skills-passport/service-kit';
import {
  builtServer,
  freePort,
  spawnService,
  startFront,
  type RunningPostgres,
  type SpawnedService,
} from '@skills-passport/service-kit/testing';
import {
  ADMIN_TOKEN as ISSUER_ADMIN_TOKEN,
  KMS_SECRET,
  call,
  workplaceRequest,
} from '@skills-passport/issuer/testing';
import { ADMIN_TOKEN as VERIFIER_ADMIN_TOKEN, SKILL } from '@skills-passport/verifier/testing';

/** One running process of a service. */
export interface Instance {
  readonly name: string;
  /** Its own address (not the public URL): requests sent here reach this process only. */
  readonly url: string;
  readonly service: SpawnedService;
  /** False once the process has exited (killed, or crashed). */
  alive(): boolean;
  /** SIGKILL: the process dies at once, mid-request, as on a power cut or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM: it shuts down as it does on a deployment's stop. */
  stop(): Promise<void>;
}

/** The instances of one service and the front (load balancer) at their shared public URL. */
export interface Deployment {
  readonly instances: Instance[];
  /** The public URL every instance is configured with; the front answers it. */
  readonly publicUrl: string;
  /**
   * Starts a dead instance again, on its port, data dir and configuration (a new process in its
   * place in `instances`): as an orchestrator replaces a killed one.
   */
  revive(dead: Instance): Promise<Instance>;
  close(): Promise<void>;
}

export interface DeploymentOptions {
  count: number;
  /** `DATABASE_URL`; without it each instance has its own SQLite file (only sensible with count 1). */
  databaseUrl?: string;
  /** Connections per instance (`DATABASE_POOL_SIZE`). */
  poolSize?: number;
  /** More variables, the same for every instance. */
  env?: Record<string, string>;
}

/**
 * Issuers sharing the harness's admin token (`ADMIN_TOKEN` of @skills-passport/issuer/testing),
 * KMS secret and public URL, as a deployment's instances must; rate limits off, since a test sends
 * hundreds of requests from one address. All start at once.
 */
export function startIssuers(options: DeploymentOptions): Promise<Deployment> {
  return deploy('issuer', options, (port, publicUrl, dataDir) => ({
    ISSUER_PORT: String(port),
    ISSUER_HOST: '127.0.0.1',
    ISSUER_PUBLIC_URL: publicUrl,
    ISSUER_DATA_DIR: dataDir,
    ISSUER_KMS_SECRET: KMS_SECRET,
    ISSUER_ADMIN_TOKEN: ISSUER_ADMIN_TOKEN,
    ISSUER_RATE_LIMIT_PER_MINUTE: '0',
  }));
}

/**
 * Verifiers sharing the verifier harness's admin token (`ADMIN_TOKEN` of
 * @skills-passport/verifier/testing) and public URL; did:web over http from localhost allowed (the
 * issuers here are on loopback); rate limits off. All start at once.
 */
export function startVerifiers(options: DeploymentOptions): Promise<Deployment> {
  return deploy('verifier', options, (port, publicUrl, dataDir) => ({
    VERIFIER_PORT: String(port),
    VERIFIER_HOST: '127.0.0.1',
    VERIFIER_PUBLIC_URL: publicUrl,
    VERIFIER_DATA_DIR: dataDir,
    VERIFIER_ADMIN_TOKEN: VERIFIER_ADMIN_TOKEN,
    VERIFIER_ALLOW_INSECURE_LOCALHOST: 'true',
    VERIFIER_RATE_LIMIT_PER_MINUTE: '0',
  }));
}

async function deploy(
  service: 'issuer' | 'verifier',
  options: DeploymentOptions,
  baseEnv: (port: number, publicUrl: string, dataDir: string) => Record<string, string>,
): Promise<Deployment> {
  const instances: Instance[] = [];
  // The front sends each request to the next live instance in turn, as a load balancer with a
  // health check does; a request an instance dies in the middle of is cut off, never sent again.
  let turn = 0;
  const front = await startFront(() => {
    const live = instances.filter((i) => i.alive());
    return live.length === 0 ? 'http://127.0.0.1:1' : live[turn++ % live.length]!.url;
  });
  const dataDirs: string[] = [];
  const configurations = new Map<string, { env: Record<string, string>; url: string }>();
  const launch = async (name: string, env: Record<string, string>, url: string) => {
    configurations.set(name, { env, url });
    // A loaded machine (two cores, several test files at once) may take long to start one.
    return instance(name, await spawnService(builtServer(service), env, url, { timeoutMs: 90_000 }));
  };
  const started = await Promise.allSettled(
    Array.from({ length: options.count }, async (_, i) => {
      const port = await freePort();
      const dataDir = mkdtempSync(join(tmpdir(), `sp-${service}-${i + 1}-`));
      dataDirs.push(dataDir);
      const url = `http://localhost:${port}`;
      const env = {
        ...baseEnv(port, front.url, dataDir),
        ...(options.databaseUrl === undefined
          ? {}
          : { DATABASE_URL: options.databaseUrl, DATABASE_POOL_SIZE: String(options.poolSize ?? 10) }),
        LOG_LEVEL: 'warn',
        ...options.env,
      };
      return launch(`${service} ${i + 1}`, env, url);
    }),
  );
  const failure = started.find((s) => s.status === 'rejected');
  if (failure !== undefined) {
    // The ones that did start are stopped: nothing is left running behind a failed start.
    for (const s of started) if (s.status === 'fulfilled') await s.value.kill();
    await front.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    throw failure.reason;
  }
  instances.push(...started.map((s) => (s as PromiseFulfilledResult<Instance>).value));
  return {
    instances,
    publicUrl: front.url,
    async revive(dead) {
      if (dead.alive()) throw new Error(`${dead.name} is alive`);
      const { env, url } = configurations.get(dead.name)!;
      const fresh = await launch(dead.name, env, url);
      instances[instances.indexOf(dead)] = fresh;
      return fresh;
    },
    async close() {
      await Promise.all(instances.map((i) => i.stop()));
      await front.close();
      for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

function instance(name: string, service: SpawnedService): Instance {
  const alive = () => service.child.exitCode === null && service.child.signalCode === null;
  let ended = false;
  // A process that ends by itself crashed: say so with what it wrote, or a test fails on a mere
  // "fetch failed" with nothing to say why.
  service.child.once('exit', (code, signal) => {
    if (!ended)
      process.stderr.write(
        `${name} exited by itself (${signal ?? code}):\n${service.stderr().slice(-4000)}\n`,
      );
  });
  return {
    name,
    url: service.url,
    service,
    alive,
    kill: () => {
      ended = true;
      return service.stop('SIGKILL');
    },
    stop: () => {
      ended = true;
      return service.stop();
    },
  };
}

/** The same path and query as `url` (a public URL), on this instance: to aim a request at one of them. */
export function at(instance: Pick<Instance, 'url'>, url: string): string {
  const public_ = new URL(url);
  return new URL(`${public_.pathname}${public_.search}`, instance.url).href;
}

/**
 * `promise`, or a failure naming `what` once `ms` have passed: a request that hangs past its
 * deadline fails the test instead of stalling it.
 */
export async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until `condition` holds, checking every 100 ms; fails naming `what` after `ms`. */
export async function waitFor(
  what: string,
  condition: () => Promise<boolean> | boolean,
  ms = 60_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `task(0..count-1)` with at most `concurrency` at a time; the results in order. */
export async function inParallel<T>(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) results[i] = await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** What one request of a load got: when it was sent, and its answer (or why it had none). */
export interface LoadAnswer {
  what: string;
  sentAt: number;
  answeredAt: number;
  status: number;
  contentType: string;
  body: any;
  text: string;
}

/**
 * A load: `workers` loops each calling `request(worker, round)` until stopped, every answer kept.
 * A request that hangs past `timeoutMs` rejects the load (stop() throws it).
 */
export function startLoad(
  workers: number,
  request: (worker: number, round: number) => Promise<Answer>,
  timeoutMs = 20_000,
): { answers: LoadAnswer[]; stop(): Promise<LoadAnswer[]> } {
  const answers: LoadAnswer[] = [];
  let stopped = false;
  const loops = Array.from({ length: workers }, async (_, worker) => {
    for (let round = 0; !stopped; round += 1) {
      const sentAt = Date.now();
      const answer = await within(timeoutMs, `request ${round} of worker ${worker}`, request(worker, round));
      answers.push({ ...answer, sentAt, answeredAt: Date.now() });
    }
  });
  const done = Promise.all(loops);
  // Kept from being an unhandled rejection until stop() reports it.
  done.catch(() => undefined);
  return {
    answers,
    async stop() {
      stopped = true;
      await done;
      return answers;
    },
  };
}

/** An answer to one request, named by what was asked. */
export type Answer = Omit<LoadAnswer, 'sentAt' | 'answeredAt'>;

/** A response of the issuer harness's `call`, as an answer named `what`. */
export function asAnswer(what: string, r: Awaited<ReturnType<typeof call>>): Answer {
  return {
    what,
    status: r.status,
    contentType: r.headers.get('content-type') ?? '',
    body: r.body,
    text: r.text,
  };
}

/** One request through the issuer harness's `call`, as an answer named `what`. */
export async function loadCall(what: string, ...args: Parameters<typeof call>): Promise<Answer> {
  return asAnswer(what, await call(...args));
}

/**
 * A storage fault as a client must meet it: 503 with the code ERR_STORAGE_UNAVAILABLE, as
 * problem+json, or on a protocol endpoint in the protocol's own error format (`error` and `code`);
 * no stack trace, no driver message.
 */
export function expectStorageUnavailable(answer: Answer): void {
  const seen = { what: answer.what, status: answer.status, body: answer.body ?? answer.text.slice(0, 300) };
  expect(seen).toMatchObject({ status: 503, body: { code: 'ERR_STORAGE_UNAVAILABLE' } });
  if (answer.contentType.startsWith('application/problem+json')) expect(answer.body.status).toBe(503);
  else expect(answer.body.error).toBe('temporarily_unavailable');
  expect(answer.text).not.toMatch(/\n\s+at |ECONNREFUSED|terminating connection|postgres/i);
}

/** Every answer of a load: one of `ok` statuses, or a clean storage fault; never a 500. */
export function expectOnlyCleanAnswers(answers: readonly LoadAnswer[], ok: readonly number[]): void {
  for (const answer of answers) {
    if (ok.includes(answer.status)) continue;
    expectStorageUnavailable(answer);
  }
}

/** Answers of `ok` statuses a load has had since `after` (epoch ms). */
const succeeded = (answers: readonly LoadAnswer[], ok: readonly number[], after: number) =>
  answers.filter((r) => r.sentAt > after && ok.includes(r.status)).length;

/**
 * Restarts PostgreSQL under `load` (once it runs), and waits until the load succeeds again; then
 * stops it and checks every answer was a success (`ok`) or a clean storage fault. The answers.
 */
export async function restartUnderLoad(
  cluster: RunningPostgres,
  load: ReturnType<typeof startLoad>,
  ok: readonly number[],
): Promise<LoadAnswer[]> {
  let answers: LoadAnswer[];
  try {
    await waitFor('the load to run', () => succeeded(load.answers, ok, 0) >= 20);
    const restartedAt = Date.now();
    await cluster.restart();
    await waitFor('successes after the restart', () => succeeded(load.answers, ok, restartedAt) >= 20);
  } finally {
    answers = await load.stop();
  }
  expectOnlyCleanAnswers(answers, ok);
  return answers;
}

/**
 * Halts PostgreSQL under `load` (once it runs); while it is down, waits for thirty answers and
 * checks each of `probes()` (a request of each kind on each instance) gets a clean 503 in time;
 * resumes it and waits until the load succeeds again. Every answer of the load was a success or a
 * clean storage fault, and those sent and answered while it was down were all clean 503s. The answers.
 */
export async function haltUnderLoad(
  cluster: RunningPostgres,
  load: ReturnType<typeof startLoad>,
  ok: readonly number[],
  probes: () => Promise<Answer>[],
  timeoutMs = 20_000,
): Promise<LoadAnswer[]> {
  let answers: LoadAnswer[];
  let haltedAt = Number.POSITIVE_INFINITY;
  let resuming = Number.POSITIVE_INFINITY;
  try {
    await waitFor('the load to run', () => succeeded(load.answers, ok, 0) >= 20);
    await cluster.halt();
    haltedAt = Date.now();
    try {
      await waitFor(
        'answers while PostgreSQL is down',
        () => load.answers.filter((r) => r.sentAt > haltedAt).length >= 30,
      );
      for (const probe of probes())
        expectStorageUnavailable(await within(timeoutMs, 'a request while PostgreSQL is down', probe));
    } finally {
      resuming = Date.now();
      await cluster.resume();
    }
    const resumedAt = Date.now();
    await waitFor('successes after PostgreSQL is back', () => succeeded(load.answers, ok, resumedAt) >= 20);
  } finally {
    answers = await load.stop();
  }
  expectOnlyCleanAnswers(answers, ok);
  const whileDown = answers.filter((r) => r.sentAt > haltedAt && r.answeredAt < resuming);
  expect(whileDown.length).toBeGreaterThanOrEqual(30);
  for (const answer of whileDown) expectStorageUnavailable(answer);
  return answers;
}

/** Rows of one query straight from the database (`DATABASE_URL`), as an operator would read them. */
export async function queryDatabase<T extends PgRow>(
  url: string,
  sql: string,
  params: PgValue[] = [],
): Promise<T[]> {
  const db = await PgDatabase.open({ url, poolSize: 1 });
  try {
    return await db.all<T>(sql, params);
  } finally {
    await db.close();
  }
}

/** A verifier employer created through the admin API (any instance); its API key. */
export async function createEmployer(verifier: string, name: string): Promise<string> {
  const created = await call(verifier, 'POST', '/api/admin/employers', {
    token: VERIFIER_ADMIN_TOKEN,
    body: { name },
  });
  if (created.status !== 201) throw new Error(`employer: ${created.status} ${created.text}`);
  return created.body.apiKey as string;
}

/** An employer's skills request for the verifier testing `SKILL`, made on one instance; its id. */
export async function createSkillsRequest(verifier: Pick<Instance, 'url'>, apiKey: string): Promise<string> {
  const created = await call(verifier.url, 'POST', '/api/requests', {
    token: apiKey,
    body: { title: 'Zorghulp', skills: [{ uri: SKILL }] },
  });
  if (created.status !== 201) throw new Error(`request: ${created.status} ${created.text}`);
  return created.body.id as string;
}

/** A request as a wallet opens it: its signed request object, read from one instance. */
export interface OpenRequest {
  id: string;
  nonce: string;
  state: string;
  /** The verifier's client id, the audience of a presentation. */
  audience: string;
  /** Where the wallet posts its answer (the public URL). */
  responseUri: string;
}

export async function openRequest(verifier: Pick<Instance, 'url'>, id: string): Promise<OpenRequest> {
  const response = await fetch(new URL(`/oid4vp/requests/${id}`, verifier.url));
  const text = await response.text();
  if (response.status !== 200) throw new Error(`request object: ${response.status} ${text}`);
  const claims = JSON.parse(Buffer.from(text.split('.')[1]!, 'base64url').toString());
  return {
    id,
    nonce: claims.nonce,
    state: claims.state,
    audience: claims.client_id,
    responseUri: claims.response_uri,
  };
}

/** Posts a `vp_token` (`direct_post`) to the response endpoint of one instance. */
export function postAnswer(
  verifier: Pick<Instance, 'url'>,
  request: OpenRequest,
  vpToken: Record<string, string[]>,
): Promise<Awaited<ReturnType<typeof call>>> {
  return call(at(verifier, request.responseUri), 'POST', '', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    raw: new URLSearchParams({ vp_token: JSON.stringify(vpToken), state: request.state }).toString(),
  });
}

// --- the issuer ---

/** An issue request for one learner, named after `key` (so a duplicate shows in the database). */
export function issueBody(key: string) {
  return { ...workplaceRequest(), learner: { name: `Learner ${key}` } };
}

/** Issues one credential on one instance (an Idempotency-Key when given). */
export function issueOn(target: Pick<Instance, 'url'>, token: string, key: string, idempotent = false) {
  return call(target.url, 'POST', '/api/credentials', {
    token,
    body: issueBody(key),
    ...(idempotent ? { headers: { 'idempotency-key': key } } : {}),
  });
}

/** What a wallet reads before the token request: the offer, the issuer's metadata, its token endpoint. */
export interface ReadOffer {
  offer: any;
  metadata: any;
  tokenEndpoint: string;
  preAuthorizedCode: string;
}

/** Follows an offer link (through the public URL) as far as the token request. */
export async function readOffer(offerUri: string): Promise<ReadOffer> {
  const offer = await (await fetch(new URL(offerUri).searchParams.get('credential_offer_uri')!)).json();
  const issuer = new URL(offer.credential_issuer as string);
  const wellKnown = (name: string) => new URL(`/.well-known/${name}${issuer.pathname}`, issuer);
  const metadata = await (await fetch(wellKnown('openid-credential-issuer'))).json();
  const as = await (await fetch(wellKnown('oauth-authorization-server'))).json();
  return {
    offer,
    metadata,
    tokenEndpoint: as.token_endpoint as string,
    preAuthorizedCode:
      offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'],
  };
}

/** The token request for a pre-authorized code, sent to one instance. */
export function exchangeCode(target: Pick<Instance, 'url'>, read: ReadOffer) {
  return call(at(target, read.tokenEndpoint), 'POST', '', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    raw: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
      'pre-authorized_code': read.preAuthorizedCode,
    }).toString(),
  });
}

/** The issuer's metadata with its nonce and credential endpoints on one instance. */
export function metadataOn(target: Pick<Instance, 'url'>, metadata: any): any {
  return {
    ...metadata,
    nonce_endpoint: at(target, metadata.nonce_endpoint as string),
    credential_endpoint: at(target, metadata.credential_endpoint as string),
  };
}

/** Where each of an organisation's credentials sits in its status lists, straight from the database. */
export async function statusSlots(
  databaseUrl: string,
  orgSlug: string,
): Promise<Map<string, { listNo: number; index: number }>> {
  const rows = await queryDatabase<{ id: string; list_no: number; status_index: number }>(
    databaseUrl,
    'SELECT id, list_no, status_index FROM credentials WHERE org_slug = $1',
    [orgSlug],
  );
  return new Map(rows.map((r) => [r.id, { listNo: r.list_no, index: r.status_index }]));
}

/** How many credentials each learner of an organisation has, straight from the database: a duplicate shows as 2. */
export async function credentialsPerLearner(
  databaseUrl: string,
  orgSlug: string,
): Promise<Map<string, number>> {
  const rows = await queryDatabase<{ learner_name: string; n: number }>(
    databaseUrl,
    'SELECT learner_name, COUNT(*)::int AS n FROM credentials WHERE org_slug = $1 GROUP BY learner_name',
    [orgSlug],
  );
  return new Map(rows.map((r) => [r.learner_name, r.n]));
}
