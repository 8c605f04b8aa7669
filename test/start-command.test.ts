import { freePort } from '@skills-passport/service-kit/testing';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The README's first command, minus installing and building: scripts/start.mjs starts the issuer,
// the verifier and the wallet as their own processes on real ports, over a temp data directory,
// and every link it prints must work. Stopping and starting again keeps the data.
const root = join(import.meta.dirname, '..');

interface Started {
  child: ChildProcess;
  output: string;
}

/** Every start.mjs this file spawned, so none outlives the tests even when one fails half-way. */
const spawned: ChildProcess[] = [];

async function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('ESCO classification')) {
        clearInterval(check);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(check);
      reject(new Error(`start.mjs exited with ${code}:\n${output}`));
    });
  });
  return { child, output };
}

async function stop(started: Started | undefined): Promise<void> {
  if (started === undefined || started.child.exitCode !== null) return;
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  started.child.kill('SIGTERM');
  await exited;
}

describe('./sp start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sp-start-'));
  const env: Record<string, string> = { SP_DATA_DIR: dataDir };
  let first: Started | undefined;

  beforeAll(async () => {
    // ./sp start builds the wallet; the test builds it once when no build is there yet.
    if (!existsSync(join(root, 'packages/wallet-web/dist/index.html'))) {
      const built = spawnSync('pnpm', ['--filter', '@skills-passport/wallet-web', 'build'], {
        cwd: root,
        stdio: 'ignore',
      });
      if (built.status !== 0) throw new Error('wallet build failed');
    }
    env.WALLET_PORT = String(await freePort());
    env.ISSUER_PORT = String(await freePort());
    env.VERIFIER_PORT = String(await freePort());
    first = await start(env);
  }, 180_000);
  afterAll(async () => {
    await stop(first);
    for (const child of spawned) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('prints every place to go, and each link alone on its own line', () => {
    const out = first!.output;
    const places: [string, string | undefined][] = [
      ['Wallet (learner)', env.WALLET_PORT],
      ['Assessor page', env.ISSUER_PORT],
      ['Employer page', env.VERIFIER_PORT],
    ];
    for (const [label, port] of places) {
      expect(out).toMatch(new RegExp(`${label.replace(/[()]/g, '\\$&')}\\s+http://localhost:${port}`));
    }
    expect(out.match(/^openid-credential-offer:\/\/\S+$/gm)).toHaveLength(3);
    expect(out.match(/^openid4vp:\/\/\S+$/gm)).toHaveLength(1);
    expect(out.match(/API key {2}spk_\S+/g)).toHaveLength(3);
    expect(out).toMatch(/Demo employer API key \(employer page\): \S+/);
  });

  it('prints links that work', async () => {
    for (const link of first!.output.match(/^openid-credential-offer:\/\/\S+$/gm)!) {
      const offerUrl = new URL(link).searchParams.get('credential_offer_uri')!;
      const offer = await fetch(offerUrl);
      expect(offer.status).toBe(200);
      expect(
        ((await offer.json()) as any).grants['urn:ietf:params:oauth:grant-type:pre-authorized_code'],
      ).toBeDefined();
    }
    const request = new URL(first!.output.match(/^openid4vp:\/\/\S+$/m)![0]);
    const requestObject = await fetch(request.searchParams.get('request_uri')!);
    expect(requestObject.status).toBe(200);
    expect((await requestObject.text()).split('.')).toHaveLength(3);
    for (const page of [
      `http://localhost:${env.WALLET_PORT}/`,
      `http://localhost:${env.ISSUER_PORT}/assessor/`,
      `http://localhost:${env.VERIFIER_PORT}/employer/`,
    ]) {
      const response = await fetch(page);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('keeps all data when stopped and started again', async () => {
    const keys = first!.output.match(/spk_\S+/g);
    const offers = first!.output.match(/^openid-credential-offer:\/\/\S+$/gm)!;
    await stop(first);
    first = await start(env);
    expect(first.output.match(/spk_\S+/g)).toEqual(keys);
    const earlier = await fetch(new URL(offers[0]!).searchParams.get('credential_offer_uri')!);
    expect(earlier.status).toBe(200);
  }, 60_000);
});
