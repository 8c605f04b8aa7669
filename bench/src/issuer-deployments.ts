import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { cpuMeter, type CpuMeter } from './cpu-usage.js';
import { readDemo, startIssuerInstance, type IssuerDemo, type IssuerInstance } from './issuer-process.js';
import { benchPostgresUnavailable, startBenchPostgres, type BenchPostgres } from './postgres-cluster.js';

/**
 * One way of running the issuer that a load bench measures: its processes, the origins the load
 * is spread over (round robin, in order), and a meter of the CPU it and its database use.
 */
export interface Deployment {
  /** Appended to a figure's key: '' for SQLite, `_pg`, `_pg_x2`. */
  suffix: string;
  label: string;
  urls: string[];
  /** The URL every instance calls itself by: offers and `aud` name it. */
  publicUrl: string;
  demo: IssuerDemo;
  meter: CpuMeter;
  /**
   * The outboxes its offer e-mails land in: each instance's, and on a shared database every
   * instance's (any instance may send a pending mail).
   */
  outboxes: string[];
  /** The shared database, for PostgreSQL deployments. */
  postgres?: BenchPostgres;
}

export interface Deployments {
  /** SQLite, then (when a cluster can run here) PostgreSQL with one and with two instances. */
  all: Deployment[];
  postgres?: BenchPostgres;
  /** Pool size of each PostgreSQL instance. */
  poolSize: number;
  /** Why there are no PostgreSQL deployments, when there are none. */
  skipped?: string;
  stop(): Promise<void>;
}

const outboxOf = (instance: IssuerInstance) => join(instance.dataDir, 'outbox');

/**
 * Connections each issuer instance holds at most; BENCH_PG_POOL_SIZE to try another. More than the
 * 16 concurrent clients, not the default 10: the credential endpoint looks the signing key up on
 * the pool while its transaction holds a connection, so 10 redemptions at that step at once each
 * wait for an eleventh connection and all fail 503 after the pool's wait (seen at 10; at 3 nearly
 * every redemption fails). A pool larger than the clients cannot run dry that way.
 */
const POOL_SIZE = Number(process.env.BENCH_PG_POOL_SIZE ?? 20);

/** The API key of the demo organisation of `kind`. */
export const apiKeyOf = (demo: IssuerDemo, kind: string): string => {
  const org = demo.organisations.find((o) => o.kind === kind);
  if (org === undefined) throw new Error(`no demo organisation of kind ${kind}`);
  return org.apiKey;
};

/**
 * Starts the issuer three ways for a bench that compares them round by round: alone on durable
 * SQLite; on a durable PostgreSQL cluster (one instance, A); and two instances on that same
 * database (A and B, the load spread over both). PostgreSQL ×1 and ×2 share A, the database and
 * its data, so the only difference between them is the second process. Instance A seeds the demo
 * organisations; B starts without demo mode, on the same secrets, and serves the same keys.
 */
export async function startDeployments(): Promise<Deployments> {
  const started: IssuerInstance[] = [];
  let postgres: BenchPostgres | undefined;
  const stop = async () => {
    await Promise.all(started.map((instance) => instance.stop()));
    await postgres?.stop();
  };
  try {
    const sqlite = await startIssuerInstance({ demo: true });
    started.push(sqlite);
    const all: Deployment[] = [
      {
        suffix: '',
        label: 'SQLite',
        urls: [sqlite.url],
        publicUrl: sqlite.url,
        demo: readDemo(sqlite),
        meter: cpuMeter([sqlite.pid]),
        outboxes: [outboxOf(sqlite)],
      },
    ];
    const skipped = benchPostgresUnavailable();
    if (skipped !== undefined) return { all, poolSize: POOL_SIZE, skipped, stop };

    postgres = await startBenchPostgres();
    const cluster = postgres;
    const shared = {
      databaseUrl: cluster.url,
      poolSize: POOL_SIZE,
      kmsSecret: randomBytes(32).toString('hex'),
      adminToken: `bench-admin-${randomBytes(16).toString('hex')}`,
    };
    const a = await startIssuerInstance({ ...shared, demo: true });
    started.push(a);
    const b = await startIssuerInstance({ ...shared, demo: false, publicUrl: a.url });
    started.push(b);
    const demo = readDemo(a);
    const postmaster = () => cluster.postmasterPid();
    const outboxes = [outboxOf(a), outboxOf(b)];
    all.push(
      {
        suffix: '_pg',
        label: 'PostgreSQL, 1 instance',
        urls: [a.url],
        publicUrl: a.url,
        demo,
        meter: cpuMeter([a.pid], postmaster),
        outboxes,
        postgres: cluster,
      },
      {
        suffix: '_pg_x2',
        label: 'PostgreSQL, 2 instances',
        urls: [a.url, b.url],
        publicUrl: a.url,
        demo,
        meter: cpuMeter([a.pid, b.pid], postmaster),
        outboxes,
        postgres: cluster,
      },
    );
    return { all, postgres: cluster, poolSize: POOL_SIZE, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Fails unless the credentials a PostgreSQL deployment acknowledged are rows of its database: an
 * issuer that ignored DATABASE_URL would otherwise be measured as PostgreSQL while writing SQLite.
 */
export async function assertStoredInPostgres(deployment: Deployment): Promise<void> {
  const postgres = deployment.postgres;
  if (postgres === undefined) return;
  const [table] = await postgres.query<{ present: boolean }>(
    "SELECT to_regclass('credentials') IS NOT NULL AS present",
  );
  const [row] = table?.present
    ? await postgres.query<{ n: number }>('SELECT count(*)::int AS n FROM credentials')
    : [];
  if ((row?.n ?? 0) === 0)
    throw new Error(
      `${deployment.label}: no credential in PostgreSQL — does the issuer honour DATABASE_URL?`,
    );
}
