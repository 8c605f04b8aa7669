import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

export interface IssuerProcess {
  url: string;
  pid: number;
  demo: { adminToken: string; organisations: { slug: string; kind: string; apiKey: string; did: string }[] };
  /** Peak resident memory of the process so far (VmHWM), in MiB. */
  peakMemoryMiB(): number;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The real issuer as its own process (durable SQLite in a temp dir), in demo mode for its API keys. */
export async function startIssuerProcess(): Promise<IssuerProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-bench-issuer-'));
  const port = await freePort();
  const url = `http://localhost:${port}`;
  // BENCH_PROFILE_DIR=<dir> writes a CPU profile of the issuer process there (for finding hot spots).
  const profile = process.env.BENCH_PROFILE_DIR
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profile, join(root, 'packages/issuer/dist/server.js')],
    {
      env: {
        ...process.env,
        ISSUER_DEMO: 'true',
        ISSUER_PORT: String(port),
        ISSUER_PUBLIC_URL: url,
        ISSUER_DATA_DIR: dataDir,
        LOG_LEVEL: 'silent',
        // The load comes from one address; the per-client limits would throttle the benchmark itself.
        ISSUER_RATE_LIMIT_PER_MINUTE: '0',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; ; i += 1) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {
      if (i > 150) throw new Error('issuer did not start');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const demo = JSON.parse(readFileSync(join(dataDir, 'demo.json'), 'utf8')) as IssuerProcess['demo'];
  return {
    url,
    pid: child.pid!,
    demo,
    peakMemoryMiB() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
      return kib / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
