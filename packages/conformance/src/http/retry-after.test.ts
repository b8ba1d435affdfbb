import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './retry-after.ts';

describe('retryDelayMs', () => {
  const now = Date.parse('2026-03-15T12:00:00Z');

  it('reads delay-seconds', () => {
    expect(retryDelayMs({ 'retry-after': '30' }, now)).toBe(30_000);
    expect(retryDelayMs({ 'retry-after': ' 0 ' }, now)).toBe(0);
  });

  it('reads an HTTP-date (RFC 9110 §10.2.3)', () => {
    expect(retryDelayMs({ 'retry-after': 'Sun, 15 Mar 2026 12:00:30 GMT' }, now)).toBe(30_000);
  });

  it('never waits a negative time for a date in the past', () => {
    expect(retryDelayMs({ 'retry-after': 'Sun, 15 Mar 2026 11:00:00 GMT' }, now)).toBe(0);
  });

  it('falls back to X-RateLimit-Reset (Unix seconds) once the window is spent, then to nothing', () => {
    const reset = String(now / 1000 + 12);
    expect(retryDelayMs({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }, now)).toBe(12_000);
    // Requests left in the window: the reset time is no reason to wait.
    expect(retryDelayMs({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': reset }, now)).toBeUndefined();
    expect(retryDelayMs({ 'retry-after': 'soon' }, now)).toBeUndefined();
    expect(retryDelayMs({}, now)).toBeUndefined();
  });
});
