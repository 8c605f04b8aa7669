import { cpuDetails, type CpuSplit } from './cpu-usage.js';
import type { Deployment, Deployments } from './issuer-deployments.js';
import { median } from './measure.js';
import { sampleActivity, type ActivityAverages } from './pg-activity.js';
import { resetStatements, statementTotals, type StatementTotals } from './pg-statements.js';
import type { Figure } from './results.js';

/** What one round of load on one deployment gave. */
export interface Round {
  /** Operations per second. */
  rate: number;
  /** Operations done in the round. */
  operations: number;
  /** Latency of one request, when the load generator measures it. */
  p50Ms?: number;
  p99Ms?: number;
  cpu: CpuSplit;
  statements?: StatementTotals;
  /** What the issuers' PostgreSQL connections were doing, on average. */
  activity?: ActivityAverages;
}

type Load = (deployment: Deployment) => Promise<Pick<Round, 'rate' | 'operations' | 'p50Ms' | 'p99Ms'>>;

/**
 * Runs `rounds` rounds of `load`, each round once on every deployment in turn (SQLite, PG ×1,
 * PG ×2, SQLite, …), so a change of the machine's load during the run falls on all of them alike;
 * each round is metered (CPU of each part, and PostgreSQL's statements).
 */
export async function alternateRounds(
  deployments: readonly Deployment[],
  rounds: number,
  load: Load,
): Promise<Round[][]> {
  const results = deployments.map((): Round[] => []);
  for (let i = 0; i < rounds; i += 1) {
    for (const [index, deployment] of deployments.entries()) {
      const pg = deployment.postgres;
      if (pg !== undefined) await resetStatements(pg);
      const sampling = pg === undefined ? undefined : sampleActivity(pg);
      const end = deployment.meter.start();
      const measured = await load(deployment);
      const cpu = end();
      const activity = await sampling?.();
      const statements = pg === undefined ? undefined : await statementTotals(pg);
      results[index]!.push({
        ...measured,
        cpu,
        ...(statements === undefined ? {} : { statements }),
        ...(activity === undefined ? {} : { activity }),
      });
    }
  }
  return results;
}

/** The round whose rate is the median (rounds are odd in number). */
export const medianRound = (rounds: readonly Round[]): Round =>
  [...rounds].sort((a, b) => a.rate - b.rate)[rounds.length >> 1]!;

const ms2 = (n: number) => Math.round(n * 100) / 100;

/** CPU, commit and statement details of a round, per operation. */
export function roundDetails(round: Round, prefix = ''): Record<string, number> {
  const { statements, activity } = round;
  return {
    ...(round.p50Ms === undefined ? {} : { [`${prefix}p50Ms`]: round.p50Ms }),
    ...(round.p99Ms === undefined ? {} : { [`${prefix}p99Ms`]: round.p99Ms }),
    ...cpuDetails(round.cpu, round.operations, prefix),
    ...(statements === undefined
      ? {}
      : {
          [`${prefix}statementsPerOp`]: ms2(statements.calls / round.operations),
          [`${prefix}commitsPerOp`]: ms2(statements.commits / round.operations),
          [`${prefix}postgresExecMsPerOp`]: ms2(statements.execMs / round.operations),
        }),
    ...(activity === undefined
      ? {}
      : {
          [`${prefix}connectionsRunning`]: activity.running,
          [`${prefix}connectionsWalFlush`]: activity.walFlush,
          [`${prefix}connectionsLockWait`]: activity.locks,
          [`${prefix}connectionsOtherWait`]: activity.otherWait,
          [`${prefix}connectionsInTransaction`]: activity.inTransaction,
          [`${prefix}connectionsIdle`]: activity.idle,
        }),
  };
}

/** One line saying where a round's CPU went, for the note under the table. */
export function cpuNote(round: Round): string {
  const d = cpuDetails(round.cpu, round.operations);
  const { statements: pg, activity: a } = round;
  return [
    `CPU ms/op: issuer ${d.issuerCpuMsPerOp}, PostgreSQL ${d.postgresCpuMsPerOp}, client ${d.clientCpuMsPerOp}`,
    `cores used: issuer ${d.issuerCores}, PostgreSQL ${d.postgresCores}, client ${d.clientCores}, other ${d.otherCores} (machine ${d.machineBusyCores})`,
    ...(pg === undefined
      ? []
      : [
          `${ms2(pg.calls / round.operations)} statements and ${ms2(pg.commits / round.operations)} commits/op`,
        ]),
    ...(a === undefined
      ? []
      : [
          `PostgreSQL connections on average: running ${a.running}, WAL flush ${a.walFlush}, lock wait ${a.locks}, ` +
            `other wait ${a.otherWait}, in a transaction waiting on the issuer ${a.inTransaction}, idle ${a.idle}`,
        ]),
  ].join('; ');
}

export interface DeploymentFigureSpec {
  /** The SQLite figure's key; the others append the deployment's suffix. */
  key: string;
  /** What is measured, without the store ("… 16 concurrent clients"). */
  what: string;
  unit: string;
  target: string;
  met: (round: Round) => boolean;
  /** Further details of a deployment's figure (other loads measured on it …). */
  details?: (index: number) => Record<string, number | string>;
}

/**
 * One figure per deployment from alternating rounds: the median round's rate; PostgreSQL ×1 with
 * its ratio to SQLite and PostgreSQL ×2 with its ratio to ×1 (the scaling), each ratio the median
 * of the per-round ratios.
 */
export function deploymentFigures(
  deployments: Deployments,
  results: readonly Round[][],
  spec: DeploymentFigureSpec,
): Figure[] {
  const settings = deployments.postgres?.settings;
  const durability =
    settings === undefined
      ? ''
      : `PostgreSQL ${settings.server_version}, fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, ` +
        `full_page_writes=${settings.full_page_writes}, pool ${deployments.poolSize} (+3 Veramo) per instance`;
  return deployments.all.map((deployment, index) => {
    const rounds = results[index]!;
    const round = medianRound(rounds);
    const previous = index === 0 ? undefined : results[index - 1]!;
    const ratio =
      previous === undefined ? undefined : median(rounds.map((r, i) => r.rate / previous[i]!.rate));
    const baseline =
      previous === undefined
        ? undefined
        : {
            label: `${deployments.all[index - 1]!.label}, same run`,
            value: medianRound(previous).rate,
            unit: spec.unit,
          };
    const store =
      index === 0 ? 'durable SQLite (WAL synced before answering)' : `${deployment.label}, ${durability}`;
    return {
      key: `${spec.key}${deployment.suffix}`,
      label: `${spec.what}; ${store}`,
      value: round.rate,
      unit: spec.unit,
      ...(ratio === undefined ? {} : { ratio }),
      ...(baseline === undefined ? {} : { baseline }),
      target: spec.target,
      met: spec.met(round),
      details: {
        ...roundDetails(round),
        ...(index === 0 ? {} : settings),
        ...(spec.details?.(index) ?? {}),
      },
      // The cluster's settings once, under the first PostgreSQL figure.
      note: `${index === 0 ? 'SQLite, WAL synced before answering' : index === 1 ? `${deployment.label} (${durability})` : deployment.label}; ${cpuNote(round)}`,
    };
  });
}
