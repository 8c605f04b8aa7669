import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { table, type Figure } from './results.js';
import { careerBench } from './career.bench.js';
import { careerChromiumBench } from './career-chromium.bench.js';
import { cohortBench } from './cohort.bench.js';
import { httpIssueBench } from './http.bench.js';
import { ldpBench } from './ldp.bench.js';
import { redeemBench } from './redeem.bench.js';
import { sdJwtBench } from './sd-jwt.bench.js';
import { signBench } from './sign.bench.js';
import { verifyBench } from './verify.bench.js';
import { walletRenderBench } from './wallet-render.bench.js';

// pnpm bench: every figure with its ratio to a baseline measured in this same run.
const figures: Figure[] = [];
const only = process.argv.slice(2);
const benches = (
  [
    ['sign', signBench],
    ['verify', verifyBench],
    ['ldp', ldpBench],
    ['sdjwt', sdJwtBench],
    ['http_issue', httpIssueBench],
    ['redeem', redeemBench],
    ['cohort', cohortBench],
    ['wallet_render', walletRenderBench],
    ['career', careerBench],
    ['career_chromium', careerChromiumBench],
  ] as [string, () => Promise<Figure[]>][]
).filter(([name]) => only.length === 0 || only.includes(name));

for (const [name, bench] of benches) {
  process.stderr.write(`bench ${name} ...\n`);
  try {
    figures.push(...(await bench()));
  } catch (error) {
    // One failing figure must not hide the others; the run still ends in failure.
    process.stderr.write(`bench ${name} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

console.log(table(figures));
const out = join(import.meta.dirname, '..', 'results.json');
writeFileSync(
  out,
  `${JSON.stringify(
    {
      measuredAt: new Date().toISOString(),
      machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
      figures: Object.fromEntries(figures.map(({ key, ...rest }) => [key, rest])),
    },
    null,
    2,
  )}\n`,
);
console.log(`\nwritten to ${out}`);
