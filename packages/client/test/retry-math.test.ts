/**
 * Pure helpers behind the retry decisions: rate-limit headers and backoff. The Retry-After and
 * X-RateLimit-Reset parsing they share with the conformance runner is tested in
 * `@regen/contract` (src/http/retry-after.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { backoffDelayMs } from '../src/internal/backoff.ts';
import { parseRateLimit } from '../src/internal/rate-limit.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const h = (init: Record<string, string>) => new Headers(init);

describe('rate-limit headers', () => {
  test('parseRateLimit normalises reset to Unix seconds', () => {
    expect(
      parseRateLimit(
        h({ 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '5', 'x-ratelimit-reset': '30' }),
        NOW,
      ),
    ).toEqual({
      limit: 100,
      remaining: 5,
      reset: NOW / 1000 + 30,
    });
    expect(parseRateLimit(h({ 'x-ratelimit-limit': '100' }), NOW)).toBeUndefined();
  });
});

describe('backoffDelayMs (full jitter, capped)', () => {
  test('bounded by min(cap, initial × 2^retry)', () => {
    expect(backoffDelayMs(0, 500, 8000, () => 0.999)).toBeLessThan(500);
    expect(backoffDelayMs(3, 500, 8000, () => 0.999)).toBeCloseTo(3996, 0);
    expect(backoffDelayMs(10, 500, 8000, () => 0.999)).toBeLessThan(8000);
    expect(backoffDelayMs(10, 500, 8000, () => 0)).toBe(0);
  });
  test('jittered: draws spread over the window', () => {
    const draws = Array.from({ length: 200 }, () => backoffDelayMs(2));
    expect(Math.min(...draws)).toBeLessThan(500);
    expect(Math.max(...draws)).toBeGreaterThan(1500);
    expect(Math.max(...draws)).toBeLessThan(2000);
  });
});
