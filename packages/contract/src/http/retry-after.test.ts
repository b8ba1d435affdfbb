import { describe, expect, test } from 'vitest';
import { resetToEpochMs, serverRetryDelayMs } from './retry-after.ts';

const NOW = Date.parse('2025-06-01T12:00:00Z');
const h = (init: Record<string, string>) => new Headers(init);

describe('serverRetryDelayMs', () => {
  test('retry-after-ms wins over Retry-After', () => {
    expect(serverRetryDelayMs(h({ 'retry-after-ms': '250', 'retry-after': '9' }), NOW)).toBe(250);
  });
  test('Retry-After in seconds (integer and decimal)', () => {
    expect(serverRetryDelayMs(h({ 'retry-after': '3' }), NOW)).toBe(3000);
    expect(serverRetryDelayMs(h({ 'retry-after': '1.5' }), NOW)).toBe(1500);
    expect(serverRetryDelayMs(h({ 'retry-after': '0' }), NOW)).toBe(0);
  });
  test('Retry-After as an HTTP-date (RFC 9110 §10.2.3)', () => {
    const date = new Date(NOW + 4000).toUTCString();
    expect(serverRetryDelayMs(h({ 'retry-after': date }), NOW)).toBe(4000);
  });
  test('a past HTTP-date means no wait, never a negative one', () => {
    const date = new Date(NOW - 60_000).toUTCString();
    expect(serverRetryDelayMs(h({ 'retry-after': date }), NOW)).toBe(0);
  });
  test('garbage and negative values are ignored', () => {
    expect(serverRetryDelayMs(h({ 'retry-after': '-5' }), NOW)).toBeUndefined();
    expect(serverRetryDelayMs(h({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
    expect(serverRetryDelayMs(h({ 'retry-after-ms': 'abc' }), NOW)).toBeUndefined();
  });
  test('X-RateLimit-Reset as Unix seconds when remaining is 0', () => {
    const reset = String(Math.floor(NOW / 1000) + 7);
    expect(serverRetryDelayMs(h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toBe(
      7000,
    );
  });
  test('X-RateLimit-Reset as a delta in seconds', () => {
    expect(serverRetryDelayMs(h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '12' }), NOW)).toBe(
      12_000,
    );
  });
  test('X-RateLimit-Reset in the past means no wait', () => {
    const reset = String(Math.floor(NOW / 1000) - 100);
    expect(serverRetryDelayMs(h({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW)).toBe(0);
  });
  test('X-RateLimit-Reset is ignored while requests remain', () => {
    expect(
      serverRetryDelayMs(h({ 'x-ratelimit-remaining': '3', 'x-ratelimit-reset': '12' }), NOW),
    ).toBeUndefined();
  });
  test('Retry-After wins over X-RateLimit-Reset', () => {
    expect(
      serverRetryDelayMs(
        h({ 'retry-after': '2', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '50' }),
        NOW,
      ),
    ).toBe(2000);
  });
  test('nothing said: undefined', () => {
    expect(serverRetryDelayMs(h({}), NOW)).toBeUndefined();
  });
});

describe('resetToEpochMs', () => {
  test('resetToEpochMs tells epoch seconds, epoch ms and deltas apart', () => {
    expect(resetToEpochMs('1750000000', NOW)).toBe(1_750_000_000_000);
    expect(resetToEpochMs('1750000000000', NOW)).toBe(1_750_000_000_000);
    expect(resetToEpochMs('60', NOW)).toBe(NOW + 60_000);
    expect(resetToEpochMs('', NOW)).toBeUndefined();
    expect(resetToEpochMs('x', NOW)).toBeUndefined();
  });
});
