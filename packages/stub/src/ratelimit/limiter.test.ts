import { describe, expect, it } from 'vitest';
import { parseRateLimits } from '../config/rate-limits.ts';
import { RateLimiter } from './limiter.ts';

describe('RateLimiter', () => {
  it('admits exactly the limit and then refuses with Retry-After', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(parseRateLimits('standard=100/1h,burst=3/1m'), () => now);
    const results = Array.from({ length: 5 }, () => limiter.consume('k', false));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0, 0]);
    expect(results[3]).toMatchObject({ limit: 3, retryAfter: 60 });
    now += 60_000;
    expect(limiter.consume('k', false).allowed).toBe(true);
  });

  it('reports the bucket closest to exhaustion', () => {
    const limiter = new RateLimiter(parseRateLimits('standard=5/1h,burst=10/1m,write=2/1h'));
    expect(limiter.consume('k', false)).toMatchObject({ limit: 5, remaining: 4 });
    expect(limiter.consume('k', true)).toMatchObject({ limit: 2, remaining: 1 });
    expect(limiter.consume('k', true)).toMatchObject({ limit: 2, remaining: 0 });
    expect(limiter.consume('k', true)).toMatchObject({ allowed: false, limit: 2 });
    // Reads are still admitted: the write tier only applies to writes.
    expect(limiter.consume('k', false)).toMatchObject({ allowed: true, limit: 5, remaining: 1 });
  });

  it('does not count refused requests, and keeps identities apart', () => {
    const limiter = new RateLimiter(parseRateLimits('burst=1/1m'));
    expect(limiter.consume('a', false).allowed).toBe(true);
    expect(limiter.consume('a', false).allowed).toBe(false);
    expect(limiter.peek('a', false)).toMatchObject({ allowed: false, remaining: 0 });
    expect(limiter.consume('b', false).allowed).toBe(true);
  });
});
