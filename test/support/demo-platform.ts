// The platform as `./sp start` runs it: scripts/start.mjs spawned with its issuer, verifier and
// wallet as their own processes on free loopback ports over a temp data directory, in demo mode.
// Used by the start command's test and by the journeys that must run on the demo data. With
// `scale`, as `./sp start --scale N` runs it: PostgreSQL, N issuers and N verifiers behind HAProxy.
import { freePort, postgresUnavailable } from '@skills-passport/service-kit/testing';
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

/** One issuer or verifier instance of a scaled platform, as start.mjs printed it. */
export interface PlatformInstance {
  /** `issuer-1`, `verifier-2`, …: also what the balancer's `X-Instance` header says. */
  name: string;
  url: string;
  pid: number;
}

export interface DemoPlatform {
  dataDir: string;
  env: Record<string, string>;
  urls: { wallet: string; issuer: string; verifier: string };
  /** The current start.mjs process; replaced by {@link restart}. */
  current: StartedPlatform;
  /** The issuer's demo summary (organisations, API keys, fresh offers of this start). */
  demo(): DemoSummary;
  /** The API key of a demo organisation's assessor (or adviser), by the organisation's slug. */
  orgKey(slug: string): string;
  /** This start's fresh demo offer of a credential type (its `openid-credential-offer://` link). */
  offer(type: string): string;
  /** The demo employer's API key, as start.mjs printed it. */
  employerKey(): string;
  /** A scaled platform's issuer and verifier instances, as start.mjs printed them; [] otherwise. */
  instances(): PlatformInstance[];
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

async function startOnce(env: Record<string, string>, args: string[]): Promise<StartedPlatform> {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), ...args], {
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

/**
 * Why `./sp start --scale N` cannot run here (no PostgreSQL server binaries, or no HAProxy), or
 * undefined when it can. HAProxy is looked for where start.mjs looks (the PATH and /usr/sbin).
 */
export function scaleUnavailable(): string | undefined {
  const postgres = postgresUnavailable();
  if (postgres !== undefined) return postgres;
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/usr/local/sbin'];
  if (!dirs.some((dir) => dir !== '' && existsSync(join(dir, 'haproxy'))))
    return 'no HAProxy (install Debian\'s "haproxy" package; ./sp setup does)';
  return undefined;
}

/** The instances lines start.mjs prints for a scaled platform: name, internal URL, pid. */
function parseInstances(output: string): PlatformInstance[] {
  return [
    ...output.matchAll(/^ {2}((?:issuer|verifier)-\d+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+pid (\d+)$/gm),
  ].map(([, name, url, pid]) => ({ name: name!, url: url!, pid: Number(pid) }));
}

/**
 * Starts the demo platform on free ports over a new temp data directory; with `scale`, as
 * `./sp start --scale <scale>` (its PostgreSQL cluster on a free port too).
 */
export async function startDemoPlatform(options: { scale?: number } = {}): Promise<DemoPlatform> {
  ensureWalletBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-start-'));
  const env: Record<string, string> = {
    SP_DATA_DIR: dataDir,
    WALLET_PORT: String(await freePort()),
    ISSUER_PORT: String(await freePort()),
    VERIFIER_PORT: String(await freePort()),
    ...(options.scale === undefined ? {} : { SP_PG_PORT: String(await freePort()) }),
  };
  const args = options.scale === undefined ? [] : ['--scale', String(options.scale)];
  // A scaled platform keeps its services' files apart from the SQLite platform's.
  const issuerDir = join(dataDir, ...(options.scale === undefined ? [] : ['scaled']), 'issuer');
  const demo = () => JSON.parse(readFileSync(join(issuerDir, 'demo.json'), 'utf8')) as DemoSummary;
  const platform: DemoPlatform = {
    dataDir,
    env,
    urls: {
      wallet: `http://localhost:${env.WALLET_PORT}`,
      issuer: `http://localhost:${env.ISSUER_PORT}`,
      verifier: `http://localhost:${env.VERIFIER_PORT}`,
    },
    current: await startOnce(env, args),
    demo,
    orgKey(slug) {
      const org = demo().organisations.find((o) => o.slug === slug);
      if (org === undefined) throw new Error(`the demo has no organisation ${slug}`);
      return org.apiKey;
    },
    offer(type) {
      const offer = demo().offers.find((o) => o.type === type);
      if (offer === undefined) throw new Error(`the demo made no ${type} offer`);
      return offer.uri;
    },
    employerKey() {
      const key = /Demo employer API key \(employer page\): (\S+)/.exec(platform.current.output)?.[1];
      if (key === undefined) throw new Error('start.mjs printed no demo employer key');
      return key;
    },
    instances: () => parseInstances(platform.current.output),
    async restart() {
      await stopOnce(platform.current);
      platform.current = await startOnce(env, args);
    },
    async close() {
      await stopOnce(platform.current);
      for (const child of spawned) if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return platform;
}
