import type { BenchPostgres } from './postgres-cluster.js';

/**
 * How the issuers' PostgreSQL connections spent a stretch of a bench, sampled from
 * pg_stat_activity: the average number of connections in each state. It says what the database
 * side waits on — its own CPU, flushing the WAL at commit (the fsync), locks — or whether it
 * waits on the issuers (a transaction open while the issuer works, or idle in the pool).
 */
export interface ActivityAverages {
  /** Executing, no wait: PostgreSQL's CPU. */
  running: number;
  /** Writing or flushing the WAL, or queued behind another backend's flush (group commit). */
  walFlush: number;
  /** Waiting for a row, table or advisory lock. */
  locks: number;
  /** Any other wait (buffer I/O, internal locks). */
  otherWait: number;
  /** In an open transaction, waiting for the issuer's next statement. */
  inTransaction: number;
  /** Idle in a pool. */
  idle: number;
  samples: number;
}

const WAL_WAITS = new Set(['WALSync', 'WALWrite', 'WALInitSync', 'WALInitWrite', 'WALRead']);

type State = keyof Omit<ActivityAverages, 'samples'>;

function classify(row: {
  state: string | null;
  wait_event_type: string | null;
  wait_event: string | null;
}): State {
  if (row.state === 'idle in transaction' || row.state === 'idle in transaction (aborted)')
    return 'inTransaction';
  if (row.state !== 'active') return 'idle';
  if (row.wait_event === null) return 'running';
  if (WAL_WAITS.has(row.wait_event)) return 'walFlush';
  if (row.wait_event_type === 'Lock') return 'locks';
  return 'otherWait';
}

/**
 * Samples the issuers' connections every `intervalMs` until the returned function is called, which
 * gives the averages. One small query per sample on the bench's own connection.
 */
export function sampleActivity(pg: BenchPostgres, intervalMs = 50): () => Promise<ActivityAverages> {
  const totals: Record<State, number> = {
    running: 0,
    walFlush: 0,
    locks: 0,
    otherWait: 0,
    inTransaction: 0,
    idle: 0,
  };
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const rows = await pg.query<{
        state: string | null;
        wait_event_type: string | null;
        wait_event: string | null;
      }>(
        `SELECT state, wait_event_type, wait_event FROM pg_stat_activity
          WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() AND datname = current_database()`,
      );
      for (const row of rows) totals[classify(row)] += 1;
      samples += 1;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    const average = (n: number) => Math.round((n / Math.max(1, samples)) * 100) / 100;
    return {
      running: average(totals.running),
      walFlush: average(totals.walFlush),
      locks: average(totals.locks),
      otherWait: average(totals.otherWait),
      inTransaction: average(totals.inTransaction),
      idle: average(totals.idle),
      samples,
    };
  };
}
