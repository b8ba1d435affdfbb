/** @module Reading how long a 429 asks the client to wait. */

/**
 * Milliseconds to wait according to `Retry-After` (RFC 9110 §10.2.3: delay-seconds or an
 * HTTP-date), else `X-RateLimit-Reset` (Unix seconds, the contract's rate-limit header), else
 * `undefined`. Negative waits become 0.
 */
export function retryDelayMs(
  headers: Readonly<Record<string, string>>,
  now = Date.now(),
): number | undefined {
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const reset = headers['x-ratelimit-reset']?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}
