/**
 * @module Request durations as a log-scale histogram: buckets grow by 20 %, so a percentile read
 * from the geometric middle of its bucket is within 10 % of the true value, and histograms of
 * minutes add up into hours and days without keeping a single duration.
 */

/** Upper bound of the first bucket, in ms (faster answers all count as 0.05 ms). */
const BASE_MS = 0.05;
const GROWTH = 1.2;
const LOG_GROWTH = Math.log(GROWTH);
/** Buckets: 0.05 ms × 1.2^79 ≈ 91 s; anything slower lands in the last one. */
export const HISTOGRAM_SIZE = 80;

/** The bucket of a duration. */
export function histogramIndex(ms: number): number {
  if (!(ms > BASE_MS)) return 0;
  const index = Math.ceil(Math.log(ms / BASE_MS) / LOG_GROWTH);
  return index < HISTOGRAM_SIZE ? index : HISTOGRAM_SIZE - 1;
}

/** The duration a bucket stands for: the geometric middle of its bounds (two decimals). */
function representative(index: number): number {
  const ms = index === 0 ? BASE_MS : BASE_MS * GROWTH ** (index - 0.5);
  return Math.round(ms * 100) / 100;
}

/** The `p`-quantile (0–1) of a histogram; `null` when it is empty. */
export function percentile(histogram: ArrayLike<number>, total: number, p: number): number | null {
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] as number;
    if (seen >= rank) return representative(i);
  }
  return representative(histogram.length - 1);
}
