import type { RateCounters, RateWindow } from '../../http/rate-limit.js';
import type { PgDatabase, PgQueries } from './pg-database.js';
import { applyPgMigrations } from './pg-migrations.js';

// The fixed-window counters of every instance on one database, in a table of their own so the
// issuer and the verifier may share a database: versioned under the component 'rate-limits',
// applied by whichever service opens the database first.
const RATE_LIMIT_MIGRATIONS: readonly string[] = [
  `
CREATE TABLE rate_limit_windows (
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ends_at BIGINT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
);
CREATE INDEX rate_limit_windows_ends ON rate_limit_windows (ends_at);
`,
];

/** Creates (or brings up to date) the counters' table; returns how many migrations were applied now. */
export function migrateRateLimits(db: PgDatabase): Promise<number> {
  return applyPgMigrations(db, 'rate-limits', RATE_LIMIT_MIGRATIONS);
}

/** How often an instance deletes windows that have ended (when it counts something). */
const CLEANUP_EVERY_MS = 60_000;

/**
 * Fixed-window counters in PostgreSQL, shared by every instance: each event is one atomic upsert
 * that starts a new window when the key's has ended and otherwise adds one, and returns the
 * window, so N instances together allow what one would. `scope` keeps apart the limiters of one
 * service and those of services sharing the database. Windows that ended are deleted now and
 * then by whichever instance counts. Failures reach the caller as `ERR_STORAGE_UNAVAILABLE`
 * (the limiter decides what that means; see `RateLimiter`).
 */
export class PgRateCounters implements RateCounters {
  #nextCleanup = 0;

  constructor(
    private readonly db: PgQueries,
    private readonly scope: string,
    private readonly onCleanupError: (error: unknown) => void = () => undefined,
  ) {}

  async increment(key: string, now: number, windowMs: number): Promise<RateWindow> {
    // Every expression of the UPDATE sees the row as it was: whether its window had ended.
    const row = await this.db.get<{ started_at: number; count: number }>(
      `INSERT INTO rate_limit_windows AS w (scope, key, started_at, ends_at, count)
       VALUES ($1, $2, $3, $4, 1)
       ON CONFLICT (scope, key) DO UPDATE SET
         started_at = CASE WHEN w.ends_at <= $3 THEN excluded.started_at ELSE w.started_at END,
         ends_at = CASE WHEN w.ends_at <= $3 THEN excluded.ends_at ELSE w.ends_at END,
         count = CASE WHEN w.ends_at <= $3 THEN 1 ELSE LEAST(w.count, 2147483646) + 1 END
       RETURNING started_at, count`,
      [this.scope, key, now, now + windowMs],
    );
    this.#cleanUpNowAndThen(now);
    return { start: row!.started_at, count: row!.count };
  }

  async current(key: string, now: number): Promise<RateWindow | undefined> {
    const row = await this.db.get<{ started_at: number; count: number }>(
      'SELECT started_at, count FROM rate_limit_windows WHERE scope = $1 AND key = $2 AND ends_at > $3',
      [this.scope, key, now],
    );
    return row === undefined ? undefined : { start: row.started_at, count: row.count };
  }

  #cleanUpNowAndThen(now: number): void {
    if (now < this.#nextCleanup) return;
    this.#nextCleanup = now + CLEANUP_EVERY_MS;
    this.db.run('DELETE FROM rate_limit_windows WHERE ends_at <= $1', [now]).catch(this.onCleanupError);
  }
}
