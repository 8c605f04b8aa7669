// The platform as `./sp start` runs it: scripts/start.mjs spawned with its issuer, verifier and
// wallet as their own processes on free loopback ports over a temp data directory, in demo mode.
// Used by the start command's test and by the journeys that must run on the demo data.
import { freePort } from '@skills-passport/service-kit/testing';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/** What the issuer's demo seed wrote to `<data>/issuer/demo.json`: its organisations and keys. */
export interface DemoSummary {
  adminToken: string;
  organisations: {
    slug: string;
    name: string;
    kind: string;
    did: string;
    assessor: string;
    apiKey: string;
  }[];
  offers: { org: string; type: string; learner: string; uri: string; claimUrl: string | null }[];
}

export interface StartedPlatform {
  child: ChildProcess;
  /** Everything start.mjs printed so far (stdout and stderr). */
  output: string;
}

export interface DemoPlatform {
  dataDir: string;
  env: Record<string, string>;
  urls: { wallet: string; issuer: string; verifier: string };
  /** The current start.mjs process; replaced by {@link restart}. */
  current: StartedPlatform;
  /** The issuer's demo summary (organisations, API keys, fresh offers of this start). */
  demo(): DemoSummary;
  /** Stops start.mjs (SIGTERM, which stops its services) and starts it again on the same data. */
  restart(): Promise<void>;
  /** Stops everything and removes the data directory. */
  close(): Promise<void>;
}

/** ./sp start builds the wallet; a test builds it once when no build is there yet. */
function ensureWalletBuilt(): void {
  if (existsSync(join(root, 'packages/wallet-web/dist/index.html'))) return;
  const built = spawnSync('pnpm', ['--filter', '@skills-passport/wallet-web', 'build'], {
    cwd: root,
    stdio: 'ignore',
  });
  if (built.status !== 0) throw new Error('wallet build failed');
}

/** Every start.mjs spawned here, so none outlives the tests even when one fails half-way. */
const spawned: ChildProcess[] = [];

async function startOnce(env: Record<string, string>): Promise<StartedPlatform> {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.push(child);
  const started: StartedPlatform = { child, output: '' };
  child.stdout!.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (started.output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    // The last line start.mjs prints once every service is up.
    const check = setInterval(() => {
      if (started.output.includes('ESCO classification')) {
        clearInterval(check);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`start.mjs exited with ${code}:\n${started.output}`));
    });
  });
  return started;
}

async function stopOnce(started: StartedPlatform): Promise<void> {
  if (started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

/** Starts the demo platform on free ports over a new temp data directory. */
export async function startDemoPlatform(): Promise<DemoPlatform> {
  ensureWalletBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-start-'));
  const env: Record<string, string> = {
    SP_DATA_DIR: dataDir,
    WALLET_PORT: String(await freePort()),
    ISSUER_PORT: String(await freePort()),
    VERIFIER_PORT: String(await freePort()),
  };
  const platform: DemoPlatform = {
    dataDir,
    env,
    urls: {
      wallet: `http://localhost:${env.WALLET_PORT}`,
      issuer: `http://localhost:${env.ISSUER_PORT}`,
      verifier: `http://localhost:${env.VERIFIER_PORT}`,
    },
    current: await startOnce(env),
    demo: () => JSON.parse(readFileSync(join(dataDir, 'issuer', 'demo.json'), 'utf8')) as DemoSummary,
    async restart() {
      await stopOnce(platform.current);
      platform.current = await startOnce(env);
    },
    async close() {
      await stopOnce(platform.current);
      for (const child of spawned) if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return platform;
}
