import { BENCH_MARK, type BenchPostgres } from './postgres-cluster.js';

/** What the issuers' statements cost PostgreSQL in a stretch of a bench (pg_stat_statements). */
export interface StatementTotals {
  /** Statements run, COMMITs included. */
  calls: number;
  /**
   * Time the server spent executing them, in ms. A COMMIT's flush of the WAL is not in it: the
   * commit happens after the statement is counted (see pg-activity for the flush waits).
   */
  execMs: number;
  commits: number;
  /** The costliest statements by total time, for a profile. */
  top: { query: string; calls: number; meanMs: number; totalMs: number }[];
}

// Only the issuers' statements: the bench's own readings are left out.
const OURS = `dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
  AND query NOT LIKE '${BENCH_MARK}%'`;

/** Starts a stretch: forgets every statement counted so far. */
export async function resetStatements(pg: BenchPostgres): Promise<void> {
  await pg.query('SELECT pg_stat_statements_reset()');
}

/** The statements counted since {@link resetStatements}; `top` the `limit` costliest. */
export async function statementTotals(pg: BenchPostgres, limit = 0): Promise<StatementTotals> {
  const [sums] = await pg.query<{ calls: string; exec_ms: number; commits: string }>(
    `SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time), 0) AS exec_ms,
            coalesce(sum(calls) FILTER (WHERE query = 'COMMIT'), 0) AS commits
       FROM pg_stat_statements WHERE ${OURS}`,
  );
  const top =
    limit === 0
      ? []
      : await pg.query<{ query: string; calls: string; mean_ms: number; total_ms: number }>(
          `SELECT query, calls, mean_exec_time AS mean_ms, total_exec_time AS total_ms
             FROM pg_stat_statements WHERE ${OURS} ORDER BY total_exec_time DESC LIMIT ${limit}`,
        );
  return {
    calls: Number(sums!.calls),
    execMs: Number(sums!.exec_ms),
    commits: Number(sums!.commits),
    top: top.map((row) => ({
      query: row.query.replace(/\s+/g, ' ').slice(0, 160),
      calls: Number(row.calls),
      meanMs: Number(row.mean_ms),
      totalMs: Number(row.total_ms),
    })),
  };
}
