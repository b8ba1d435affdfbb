/** Units accepted by {@link parseDuration}, in milliseconds. */
const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration such as `500ms`, `2s`, `5m`, `1h` or `7d` into milliseconds.
 * A bare number is read as milliseconds. Throws a `RangeError` naming the input otherwise.
 */
export function parseDuration(input: string | number): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || input < 0) throw new RangeError(`Invalid duration: ${input}`);
    return input;
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(input);
  if (!match) throw new RangeError(`Invalid duration "${input}" (use e.g. 500ms, 2s, 5m, 1h)`);
  const unit = UNITS[match[2] ?? 'ms'] ?? 1;
  return Math.round(Number(match[1]) * unit);
}

/** Units {@link formatDuration} writes, largest first. */
const LARGEST_FIRST = Object.entries(UNITS).sort(([, a], [, b]) => b - a);

/** Writes milliseconds in the largest unit {@link parseDuration} reads that divides them: `604800000` → `7d`. */
export function formatDuration(ms: number): string {
  for (const [unit, size] of LARGEST_FIRST) {
    if (ms > 0 && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}
