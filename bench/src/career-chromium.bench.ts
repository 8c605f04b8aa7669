import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Figure } from './results.js';

const root = join(import.meta.dirname, '..', '..');

interface Timed {
  medianMs: number;
  ratio: number;
}

interface CareerChromiumResult {
  credentials: number;
  heldSkills: number;
  occupations: number;
  modules: number;
  modulesSuggested: number;
  baseline: { label: string; medianMs: number };
  gap: Timed & { holderMedianMs: number };
  ranking: Timed;
  suggestions: Timed;
}

/**
 * career_chromium (issue 16 "Performance"): the career check in the built wallet in real Chromium,
 * for a passport of 200 credentials — the gap for one occupation, the ranking of all ESCO
 * occupations, and module suggestions over 1,000 catalogue modules — read from the wallet's own
 * User Timing entries. Measured by the wallet's harness (packages/wallet-web/src/career.bench.ts,
 * run through jest for its TypeScript test support), which writes bench/career-chromium.json.
 * Baseline: 200 WebCrypto Ed25519 verifications in the same page, in each round.
 */
export function careerChromiumBench(): Promise<Figure[]> {
  const out = join(root, 'bench', 'career-chromium.json');
  rmSync(out, { force: true });
  const run = spawnSync('pnpm', ['--filter', '@skills-passport/wallet-web', 'bench:career'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (run.status !== 0) throw new Error('career Chromium bench failed');
  const result = JSON.parse(readFileSync(out, 'utf8')) as CareerChromiumResult;
  const baseline = { label: result.baseline.label, value: result.baseline.medianMs, unit: 'ms' };
  const figure = (key: string, label: string, timed: Timed, limit: number, details: Figure['details']) => ({
    key,
    label,
    value: timed.medianMs,
    unit: 'ms',
    ratio: timed.ratio,
    baseline,
    target: `<= ${limit} ms`,
    met: timed.medianMs <= limit,
    details,
  });
  return Promise.resolve([
    figure(
      'career_chromium_gap_ms',
      `gap for one occupation in the wallet in Chromium, passport of ${result.credentials} credentials`,
      result.gap,
      20,
      { heldSkills: result.heldSkills, holderIndexMs: result.gap.holderMedianMs },
    ),
    figure(
      'career_chromium_ranking_ms',
      `ranking of all ${result.occupations} ESCO occupations in the wallet in Chromium, ${result.credentials} credentials`,
      result.ranking,
      300,
      { occupations: result.occupations },
    ),
    figure(
      'career_chromium_suggestions_ms',
      `module suggestions over ${result.modules} catalogue modules in the wallet in Chromium`,
      result.suggestions,
      100,
      { modules: result.modules, suggested: result.modulesSuggested },
    ),
  ]);
}
