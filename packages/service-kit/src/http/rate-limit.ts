import { SkillsPassportError } from '@skills-passport/core';
import type { Request, RequestHandler } from 'express';

/** A fixed-window counter per key (client address and bucket), kept in memory. */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key`; false once the window's allowance is used up. */
  take(key: string): boolean {
    if (this.max <= 0) return true;
    const now = this.now();
    let window = this.#windows.get(key);
    if (window === undefined || now - window.start >= this.windowMs) {
      if (this.#windows.size > 50_000) this.#sweep(now);
      window = { start: now, count: 0 };
      this.#windows.set(key, window);
    }
    window.count += 1;
    return window.count <= this.max;
  }

  /** Whether `key` has used up its allowance, without counting. */
  exhausted(key: string): boolean {
    if (this.max <= 0) return false;
    const window = this.#windows.get(key);
    return window !== undefined && this.now() - window.start < this.windowMs && window.count >= this.max;
  }

  secondsLeft(key: string): number {
    const window = this.#windows.get(key);
    return window === undefined
      ? 0
      : Math.max(1, Math.ceil((window.start + this.windowMs - this.now()) / 1000));
  }

  #sweep(now: number): void {
    for (const [key, window] of this.#windows)
      if (now - window.start >= this.windowMs) this.#windows.delete(key);
  }
}

const clientOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * Limits requests per client address to a bucket (e.g. the token endpoint): past the allowance,
 * 429 `ERR_RATE_LIMITED` with Retry-After.
 */
export function limitRequests(limiter: RateLimiter, bucket: string): RequestHandler {
  return (req, res, next) => {
    const key = `${bucket}:${clientOf(req)}`;
    if (limiter.take(key)) {
      next();
      return;
    }
    res.set('Retry-After', String(limiter.secondsLeft(key)));
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
  exhausted(req: Request, res: { set(name: string, value: string): unknown }): boolean {
    const key = failureKey(req);
    if (!this.limiter.exhausted(key)) return false;
    res.set('Retry-After', String(this.limiter.secondsLeft(key)));
    return true;
  }

  /** Counts one failed attempt of `req`'s client. */
  record(req: Request): void {
    this.limiter.take(failureKey(req));
  }
}

/** The allowance of failed authentications for a per-endpoint limit: a quarter of it, at least 10. */
export function authFailureAllowance(perMinute: number): number {
  return perMinute > 0 ? Math.max(10, Math.floor(perMinute / 4)) : 0;
}
