import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Where the CPU went during a round of a load bench, from /proc (Linux): the issuer processes, the
 * PostgreSQL cluster (its postmaster, the backends serving the pools, the WAL writer …), the load
 * generator (this process), and the rest of the machine (whatever else was running). Seconds of
 * CPU, so per-request costs and the share of the machine's cores each part used can be given
 * beside a rate.
 */
export interface CpuSplit {
  issuers: number;
  postgres: number;
  client: number;
  /** Busy CPU of the whole machine, ours included. */
  machine: number;
  wallSeconds: number;
}

const ticksPerSecond = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  } catch {
    return 100;
  }
})();

/** utime, stime, cutime, cstime and the parent pid of a process, or undefined once it is gone. */
function stat(pid: number): { own: number; children: number; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields start after its last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const n = (i: number) => Number(fields[i]);
    return { ppid: n(1), own: (n(11) + n(12)) / ticksPerSecond, children: (n(13) + n(14)) / ticksPerSecond };
  } catch {
    return undefined;
  }
}

/** A process's CPU seconds, its reaped children's included (a backend that ended still counts). */
const processTree = (pid: number) => {
  const s = stat(pid);
  return s === undefined ? 0 : s.own + s.children;
};

/** The postmaster and every process it started. */
function clusterSeconds(postmaster: number): number {
  let total = processTree(postmaster);
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s?.ppid === postmaster) total += s.own;
  }
  return total;
}

/** Busy CPU seconds of the whole machine since boot (every field of /proc/stat's cpu line but idle and iowait). */
function machineSeconds(): number {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = cpu;
  return (user! + nice! + system! + irq! + softirq! + steal!) / ticksPerSecond;
}

export interface CpuMeter {
  /** Starts a round; the returned function ends it and gives the CPU each part used. */
  start(): () => CpuSplit;
}

/** Measures the issuer processes `issuerPids` and, when given, the cluster under `postmasterPid`. */
export function cpuMeter(issuerPids: readonly number[], postmasterPid?: () => number): CpuMeter {
  const sample = () => {
    const client = process.cpuUsage();
    return {
      issuers: issuerPids.reduce((sum, pid) => sum + processTree(pid), 0),
      postgres: postmasterPid === undefined ? 0 : clusterSeconds(postmasterPid()),
      client: (client.user + client.system) / 1e6,
      machine: machineSeconds(),
      at: performance.now(),
    };
  };
  return {
    start() {
      const before = sample();
      return () => {
        const after = sample();
        return {
          issuers: after.issuers - before.issuers,
          postgres: after.postgres - before.postgres,
          client: after.client - before.client,
          machine: after.machine - before.machine,
          wallSeconds: (after.at - before.at) / 1000,
        };
      };
    },
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The figure details of a split for `operations` done in it: CPU milliseconds per operation of each
 * part, and the cores each used on average (the machine's whole, and what was not ours).
 */
export function cpuDetails(split: CpuSplit, operations: number, prefix = ''): Record<string, number> {
  const perOp = (seconds: number) => round2((seconds * 1000) / operations);
  const cores = (seconds: number) => round2(seconds / split.wallSeconds);
  const ours = split.issuers + split.postgres + split.client;
  return {
    [`${prefix}issuerCpuMsPerOp`]: perOp(split.issuers),
    [`${prefix}postgresCpuMsPerOp`]: perOp(split.postgres),
    [`${prefix}clientCpuMsPerOp`]: perOp(split.client),
    [`${prefix}issuerCores`]: cores(split.issuers),
    [`${prefix}postgresCores`]: cores(split.postgres),
    [`${prefix}clientCores`]: cores(split.client),
    [`${prefix}machineBusyCores`]: cores(split.machine),
    [`${prefix}otherCores`]: round2(Math.max(0, split.machine - ours) / split.wallSeconds),
  };
}
