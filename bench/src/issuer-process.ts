import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** What the issuer's demo mode wrote to `demo.json`: the organisations and their API keys. */
export interface IssuerDemo {
  adminToken: string;
  organisations: { slug: string; kind: string; apiKey: string; did: string }[];
}

/** One running issuer process. */
export interface IssuerInstance {
  /** Where this process listens. */
  url: string;
  pid: number;
  /** Its data directory (the outbox; the SQLite file when it has no DATABASE_URL). */
  dataDir: string;
  /** Peak resident memory of the process so far (VmHWM), in MiB. */
  peakMemoryMiB(): number;
  stop(): Promise<void>;
}

export interface IssuerProcess extends IssuerInstance {
  demo: IssuerDemo;
}

export interface IssuerInstanceOptions {
  /** `DATABASE_URL`: the PostgreSQL database instead of SQLite in the data dir. */
  databaseUrl?: string;
  /** `DATABASE_POOL_SIZE`; absent: the issuer's default. */
  poolSize?: number;
  /** `ISSUER_PUBLIC_URL`, shared by the instances of one deployment; absent: this process's URL. */
  publicUrl?: string;
  /** Demo mode: seeds the demo organisations and writes `demo.json`. */
  demo: boolean;
  /** Secrets every instance of one deployment shares (keys encrypted by one, read by another). */
  kmsSecret?: string;
  adminToken?: string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The built issuer (`packages/issuer/dist/server.js`) as its own process, ready once `/health` answers. */
export async function startIssuerInstance(options: IssuerInstanceOptions): Promise<IssuerInstance> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-bench-issuer-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of each issuer process there (for finding hot spots).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  // Never inherited: a DATABASE_URL in the bench's own environment must not turn SQLite into PostgreSQL.
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.DATABASE_POOL_SIZE;
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, join(root, 'packages/issuer/dist/server.js')],
    {
      env: {
        ...inherited,
        ISSUER_DEMO: String(options.demo),
        ISSUER_PORT: String(port),
        ISSUER_PUBLIC_URL: options.publicUrl ?? url,
        ISSUER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        // The load comes from one address; the per-client limits would throttle the benchmark itself.
        ISSUER_RATE_LIMIT_PER_MINUTE: '0',
        ...(options.kmsSecret === undefined ? {} : { ISSUER_KMS_SECRET: options.kmsSecret }),
        ...(options.adminToken === undefined ? {} : { ISSUER_ADMIN_TOKEN: options.adminToken }),
        ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
        ...(options.poolSize === undefined ? {} : { DATABASE_POOL_SIZE: String(options.poolSize) }),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  };
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (child.exitCode !== null || i > 300) {
        await stop();
        throw new Error(`issuer did not start${child.exitCode === null ? '' : ` (exit ${child.exitCode})`}`);
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    dataDir,
    peakMemoryMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      return kib / 1024;
    },
    stop,
  };
}

/** What demo mode wrote in an instance's data dir. */
export const readDemo = (instance: IssuerInstance): IssuerDemo =>
  JSON.parse(readFileSync(join(instance.dataDir, 'demo.json'), 'utf8')) as IssuerDemo;

/** The real issuer as its own process (durable SQLite in a temp dir), in demo mode for its API keys. */
export async function startIssuerProcess(): Promise<IssuerProcess> {
  const instance = await startIssuerInstance({ demo: true });
  return { ...instance, demo: readDemo(instance) };
}
