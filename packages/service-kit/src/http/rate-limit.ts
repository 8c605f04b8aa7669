import { isSkillsPassportError, SkillsPassportError } from '@skills-passport/core';
import type { Request, RequestHandler } from 'express';
import type { Logger } from 'pino';

/** One key's fixed window: when it began (epoch ms) and how many events it has counted. */
export interface RateWindow {
  start: number;
  count: number;
}

/**
 * Where fixed-window counts are kept: in this process ({@link MemoryRateCounters}), or in a store
 * every instance shares (`PgRateCounters`), so that N instances together allow what one would.
 */
export interface RateCounters {
  /**
   * Counts one event under `key` at `now`: in the key's running window, or in a new one that
   * begins now and runs `windowMs` when none runs. Returns the window with this event counted.
   * Atomic: two events at once are both counted.
   */
  increment(key: string, now: number, windowMs: number): Promise<RateWindow>;
  /** The key's window running at `now`, without counting; undefined when none runs. */
  current(key: string, now: number): Promise<RateWindow | undefined>;
}

/** Fixed windows in this process's memory: the default, for one instance. */
export class MemoryRateCounters implements RateCounters {
  readonly #windows = new Map<string, RateWindow & { end: number }>();

  increment(key: string, now: number, windowMs: number): Promise<RateWindow> {
    let window = this.#windows.get(key);
    if (window === undefined || window.end <= now) {
      if (this.#windows.size > 50_000) this.#sweep(now);
      window = { start: now, end: now + windowMs, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return Promise.resolve({ start: window.start, count: window.count });
  }

  current(key: string, now: number): Promise<RateWindow | undefined> {
    const window = this.#windows.get(key);
    return Promise.resolve(
      window === undefined || window.end <= now ? undefined : { start: window.start, count: window.count },
    );
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows) if (window.end <= now) this.#windows.delete(key);
  }
}

/** Whether an event is within the allowance, and when not, how long until the window ends. */
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until the window ends (at least 1) when not allowed; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimiterOptions {
  /** Where the counts live; in this process's memory unless told otherwise. */
  counters?: RateCounters;
  /**
   * Told when the counters could not be read or written (their database is down), once per
   * outage: the limiter then lets requests through; see {@link RateLimiter}.
   */
  onUnavailable?: (error: unknown) => void;
}

/**
 * A fixed-window counter per key (client address and bucket): at most `max` events per key in a
 * window of `windowMs` that begins at the key's first event.
 *
 * When the counters cannot answer (a shared database down or restarting), the limiter lets the
 * request through and says so once through `onUnavailable`: it fails open. A rate limit guards
 * against abuse, not correctness, and the requests it would refuse need the same database for
 * their own work, which answers them with a clean 503 while it is down; failing closed would turn
 * an outage of the counters into an outage of every public endpoint, including the ones that need
 * no database (DID documents, metadata, pages).
 */
export class RateLimiter {
  readonly #counters: RateCounters;
  readonly #onUnavailable: ((error: unknown) => void) | undefined;
  #unavailable = false;

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    options: RateLimiterOptions = {},
  ) {
    this.#counters = options.counters ?? new MemoryRateCounters();
    this.#onUnavailable = options.onUnavailable;
  }

  /** Counts one event for `key`: not allowed once the window's allowance is used up. */
  async take(key: string): Promise<RateDecision> {
    if (this.max <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.now();
    const window = await this.#ask(() => this.#counters.increment(key, now, this.windowMs));
    return this.#decide(window, now, (count) => count <= this.max);
  }

  /** Whether `key` may go on (its allowance is not used up), without counting. */
  async check(key: string): Promise<RateDecision> {
    if (this.max <= 0) return { allowed: true, retryAfterSeconds: 0 };
    const now = this.now();
    const window = await this.#ask(() => this.#counters.current(key, now));
    return this.#decide(window, now, (count) => count < this.max);
  }

  #decide(window: RateWindow | undefined, now: number, within: (count: number) => boolean): RateDecision {
    if (window === undefined || within(window.count)) return { allowed: true, retryAfterSeconds: 0 };
    const left = Math.ceil((window.start + this.windowMs - now) / 1000);
    return { allowed: false, retryAfterSeconds: Math.max(1, left) };
  }

  /** The counters' answer; undefined (let through) when they could not give one. */
  async #ask(question: () => Promise<RateWindow | undefined>): Promise<RateWindow | undefined> {
    try {
      const answer = await question();
      this.#unavailable = false;
      return answer;
    } catch (error) {
      if (!this.#unavailable) this.#onUnavailable?.(error);
      this.#unavailable = true;
      return undefined;
    }
  }
}

/**
 * A service's options for its limiter `scope`: the counters `countersFor` gives (present when
 * instances share a store) and a warning in `logger` when they cannot answer.
 */
export function limiterOptions(
  scope: string,
  countersFor: ((scope: string) => RateCounters) | undefined,
  logger: Pick<Logger, 'warn'>,
): RateLimiterOptions {
  return {
    ...(countersFor === undefined ? {} : { counters: countersFor(scope) }),
    onUnavailable: (error) =>
      logger.warn(
        { scope, code: isSkillsPassportError(error) ? error.code : 'unknown' },
        'rate limit not enforced: its counters are unavailable',
      ),
  };
}

const clientOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Limits requests per client address to a bucket (e.g. the token endpoint): past the allowance,
 * 429 `ERR_RATE_LIMITED` with Retry-After.
 */
export function limitRequests(limiter: RateLimiter, bucket: string): RequestHandler {
  return async (req, res, next) => {
    const decision = await limiter.take(`${bucket}:${clientOf(req)}`);
    if (decision.allowed) {
      next();
      return;
    }
    res.set('Retry-After', String(decision.retryAfterSeconds));
    next(new SkillsPassportError('ERR_RATE_LIMITED', 'Too many requests; try again later.'));
  };
}

/** The key a client's failed authentication attempts are counted under. */
export function failureKey(req: Request): string {
  return `auth-failure:${clientOf(req)}`;
}

/**
 * Failed authentications per client address: past the allowance a client is refused with
 * `ERR_RATE_LIMITED` (and Retry-After) before its credential is even looked at.
 */
export class AuthFailures {
  constructor(private readonly limiter: RateLimiter) {}

  /** Whether `req`'s client must wait; sets Retry-After when so. */
  async exhausted(req: Request, res: { set(name: string, value: string): unknown }): Promise<boolean> {
    const decision = await this.limiter.check(failureKey(req));
    if (decision.allowed) return false;
    res.set('Retry-After', String(decision.retryAfterSeconds));
    return true;
  }

  /** Counts one failed attempt of `req`'s client. */
  async record(req: Request): Promise<void> {
    await this.limiter.take(failureKey(req));
  }
}

/** The allowance of failed authentications for a per-endpoint limit: a quarter of it, at least 10. */
export function authFailureAllowance(perMinute: number): number {
  return perMinute > 0 ? Math.max(10, Math.floor(perMinute / 4)) : 0;
}
