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
