import type { RateLimit } from '../core/rate-limit.ts';

/**
 * Reads `X-RateLimit-Reset` as an absolute time in epoch milliseconds. Values ≥ 1e12 are epoch
 * milliseconds, ≥ 1e9 (September 2001) epoch seconds; anything smaller is a delta in seconds,
 * since no real window lasts 31 years.
 */
export function resetToEpochMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || v < 0 || value.trim() === '') return undefined;
  if (v >= 1e12) return v;
  if (v >= 1e9) return v * 1000;
  return now + v * 1000;
}

/** Parses the three rate-limit headers; undefined unless all three are present and numeric. */
export function parseRateLimit(headers: Headers, now: number = Date.now()): RateLimit | undefined {
  const limit = Number(headers.get('x-ratelimit-limit') ?? Number.NaN);
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = resetToEpochMs(headers.get('x-ratelimit-reset'), now);
  if (Number.isNaN(limit) || Number.isNaN(remaining) || reset === undefined) return undefined;
  return { limit, remaining, reset: Math.ceil(reset / 1000) };
}
