import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './results.js';

const root = join(import.meta.dirname, '..', '..');

/**
 * wallet_render: the passport view rendering 1,000 credentials in real Chromium. Measured by the
 * wallet's own harness (packages/wallet-web/src/wallet-render.bench.ts, run through jest for its
 * TypeScript test support), which writes bench/wallet-render.json.
 */
export function walletRenderBench(): Promise<Figure[]> {
  const out = join(root, 'bench', 'wallet-render.json');
  rmSync(out, { force: true });
  const run = spawnSync('pnpm', ['--filter', '@skills-passport/wallet-web', 'bench:render'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error('wallet render bench failed');
  const result = JSON.parse(readFileSync(out, 'utf8')) as { medianMs: number; credentials: number };
  return Promise.resolve([
    {
      key: 'wallet_render',
      label: `passport view with ${result.credentials} credentials rendered in Chromium`,
      value: result.medianMs,
      unit: 'ms',
      target: '<= 500 ms',
      met: result.medianMs <= 500,
    },
  ]);
}
