import { resetToEpochMs } from '@regen/contract/http';
import type { RateLimit } from '../core/rate-limit.ts';

/** Parses the three rate-limit headers; undefined unless all three are present and numeric. */
export function parseRateLimit(
  headers: Pick<Headers, 'get'>,
  now: number = Date.now(),
): RateLimit | undefined {
  const limit = Number(headers.get('x-ratelimit-limit') ?? Number.NaN);
  const remaining = Number(headers.get('x-ratelimit-remaining') ?? Number.NaN);
  const reset = resetToEpochMs(headers.get('x-ratelimit-reset'), now);
  if (Number.isNaN(limit) || Number.isNaN(remaining) || reset === undefined) return undefined;
  return { limit, remaining, reset: Math.ceil(reset / 1000) };
}
