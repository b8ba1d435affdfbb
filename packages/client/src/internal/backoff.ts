/** Backoff settings: the first retry waits up to `initialMs`, doubling per retry up to `maxMs`. */
export interface BackoffOptions {
  initialMs?: number | undefined;
  maxMs?: number | undefined;
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * a uniform wait in [0, min(max, initial × 2^retry)), which spreads synchronized clients apart.
 */
export function backoffDelayMs(
  retry: number,
  initialMs = 500,
  maxMs = 8_000,
  random: () => number = Math.random,
): number {
  return random() * Math.min(maxMs, initialMs * 2 ** retry);
}
