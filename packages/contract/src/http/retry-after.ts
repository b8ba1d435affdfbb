/** Something with `get(name)` like `Headers` (names compared lower-case). */
export interface HeaderReader {
  /** The header's value, `null` when absent (as `Headers.get`). */
  get(name: string): string | null;
}

const SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * Reads `X-RateLimit-Reset` as an absolute time in epoch milliseconds. The contract sends Unix
 * seconds (openapi/README.md, "Rate limits"); servers in the wild also send epoch milliseconds
 * or a delta, so values ≥ 1e12 are epoch ms, ≥ 1e9 (September 2001) epoch seconds, and anything
 * smaller a delta in seconds, since no real window lasts 31 years.
 */
export function resetToEpochMs(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const v = Number(value);
  if (!Number.isFinite(v) || v < 0 || value.trim() === '') return undefined;
  if (v >= 1e12) return v;
  if (v >= 1e9) return v * 1000;
  return now + v * 1000;
}

/**
 * How long the server asked the client to wait, in ms, or undefined if it did not say:
 * `retry-after-ms` first, then `Retry-After` as delay-seconds or an HTTP-date (RFC 9110 §10.2.3;
 * a date in the past means no wait), then `X-RateLimit-Reset` when `X-RateLimit-Remaining` is 0.
 */
export function serverRetryDelayMs(headers: HeaderReader, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && SECONDS.test(ms.trim())) return Number(ms);

  const after = headers.get('retry-after')?.trim();
  if (after) {
    if (SECONDS.test(after)) return Number(after) * 1000;
    // An HTTP-date always names a day or month; this rejects "-5", which Date.parse would accept.
    if (/[a-z]/i.test(after)) {
      const at = Date.parse(after);
      if (!Number.isNaN(at)) return Math.max(0, at - now);
    }
  }

  if (headers.get('x-ratelimit-remaining')?.trim() === '0') {
    const reset = resetToEpochMs(headers.get('x-ratelimit-reset'), now);
    if (reset !== undefined) return Math.max(0, reset - now);
  }
  return undefined;
}
