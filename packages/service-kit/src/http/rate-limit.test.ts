import { describe, expect, it } from '@jest/globals';
import { authFailureAllowance, MemoryRateCounters, RateLimiter } from './rate-limit.js';

const T0 = Date.parse('2027-03-01T09:00:00.000Z');

describe('RateLimiter over memory counters', () => {
  it('allows the allowance per window, then refuses with the seconds left, until the window ends', async () => {
    let now = T0;
    const limiter = new RateLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i += 1)
      expect(await limiter.take('token:1.2.3.4')).toEqual({ allowed: true, retryAfterSeconds: 0 });
    now = T0 + 20_500;
    expect(await limiter.take('token:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 40 });
    // Another key has its own allowance.
    expect((await limiter.take('token:5.6.7.8')).allowed).toBe(true);
    now = T0 + 59_999;
    expect(await limiter.take('token:1.2.3.4')).toEqual({ allowed: false, retryAfterSeconds: 1 });
    now = T0 + 60_000;
    expect((await limiter.take('token:1.2.3.4')).allowed).toBe(true);
  });

  it('tells whether a key is used up without counting', async () => {
    let now = T0;
    const limiter = new RateLimiter(2, 60_000, () => now);
    expect((await limiter.check('auth-failure:x')).allowed).toBe(true);
    await limiter.take('auth-failure:x');
    expect((await limiter.check('auth-failure:x')).allowed).toBe(true);
    expect((await limiter.check('auth-failure:x')).allowed).toBe(true);
    await limiter.take('auth-failure:x');
    expect(await limiter.check('auth-failure:x')).toEqual({ allowed: false, retryAfterSeconds: 60 });
    now = T0 + 60_000;
    expect((await limiter.check('auth-failure:x')).allowed).toBe(true);
  });

  it('limits nothing with an allowance of 0', async () => {
    const limiter = new RateLimiter(0, 60_000, () => T0);
    for (let i = 0; i < 100; i += 1) expect((await limiter.take('k')).allowed).toBe(true);
    expect((await limiter.check('k')).allowed).toBe(true);
  });

  it('counts every one of many events at once', async () => {
    const limiter = new RateLimiter(10, 60_000, () => T0, { counters: new MemoryRateCounters() });
    const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter.take('k')));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(10);
  });

  it('gives failed authentications a quarter of the allowance, at least 10', () => {
    expect(authFailureAllowance(120)).toBe(30);
    expect(authFailureAllowance(20)).toBe(10);
    expect(authFailureAllowance(0)).toBe(0);
  });
});
