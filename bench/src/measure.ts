import { performance } from 'node:perf_hooks';

export interface RateOptions {
  warmupMs?: number;
  roundMs?: number;
  rounds?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `op` back to back for about `ms` milliseconds: operations per second. */
async function rateFor(op: () => unknown, ms: number): Promise<number> {
  let count = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 16; i += 1) {
      const result = op();
      if (result instanceof Promise) await result;
      count += 1;
    }
    now = performance.now();
  }
  return (count * 1000) / (now - start);
}

/**
 * Operations per second of `op`, run back to back: the median of several timed rounds after a
 * warm-up (JIT, caches). `op` may be synchronous or return a promise.
 */
export async function opsPerSecond(op: () => unknown, options: RateOptions = {}): Promise<number> {
  const { warmupMs = 300, roundMs = 600, rounds = 5 } = options;
  await rateFor(op, warmupMs);
  const rates: number[] = [];
  for (let i = 0; i < rounds; i += 1) rates.push(await rateFor(op, roundMs));
  return median(rates);
}

/** Two rates measured side by side, and their ratio. */
export interface PairedRates {
  rate: number;
  baselineRate: number;
  /** The median of the per-round ratios `rate / baselineRate`. */
  ratio: number;
}

/**
 * Operations per second of `op` and of `baseline` in alternating rounds, and the median of the
 * ratios of each pair of rounds. On a shared machine whose load changes during the run, both
 * sides of a pair see the same load, so the ratio holds where two separate measurements drift.
 */
export async function pairedRates(
  op: () => unknown,
  baseline: () => unknown,
  options: RateOptions = {},
): Promise<PairedRates> {
  const { warmupMs = 300, roundMs = 400, rounds = 9 } = options;
  await rateFor(baseline, warmupMs);
  await rateFor(op, warmupMs);
  const rates: number[] = [];
  const baselines: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const b = await rateFor(baseline, roundMs);
    const r = await rateFor(op, roundMs);
    baselines.push(b);
    rates.push(r);
    ratios.push(r / b);
  }
  return { rate: median(rates), baselineRate: median(baselines), ratio: median(ratios) };
}

/**
 * Median wall times in milliseconds of `op` and `baseline`, run in alternation after `warmup`
 * runs each, and the median of the per-run ratios `op / baseline` (see {@link pairedRates}).
 */
export async function pairedMs(
  op: () => unknown,
  baseline: () => unknown,
  rounds = 15,
  warmup = 5,
): Promise<{ ms: number; baselineMs: number; ratio: number }> {
  const time = async (fn: () => unknown) => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
  for (let i = 0; i < warmup; i += 1) {
    await baseline();
    await op();
  }
  const ours: number[] = [];
  const theirs: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const b = await time(baseline);
    const o = await time(op);
    theirs.push(b);
    ours.push(o);
    ratios.push(o / b);
  }
  return { ms: median(ours), baselineMs: median(theirs), ratio: median(ratios) };
}

/** Median wall time in milliseconds of `op` over `rounds` runs after `warmup` runs. */
export async function medianMs(op: () => unknown, rounds = 7, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i += 1) await op();
  const times: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const start = performance.now();
    await op();
    times.push(performance.now() - start);
  }
  return median(times);
}

export { median };
