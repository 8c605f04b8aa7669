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

/**
 * Operations per second of `op`, run back to back: the median of several timed rounds after a
 * warm-up (JIT, caches). `op` may be synchronous or return a promise.
 */
export async function opsPerSecond(op: () => unknown, options: RateOptions = {}): Promise<number> {
  const { warmupMs = 300, roundMs = 600, rounds = 5 } = options;
  const runFor = async (ms: number) => {
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
  };
  await runFor(warmupMs);
  const rates: number[] = [];
  for (let i = 0; i < rounds; i += 1) rates.push(await runFor(roundMs));
  return median(rates);
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
