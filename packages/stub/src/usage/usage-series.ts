import type { Granularity, UsageBucket, UsageSeries } from '@regen/contract';
import { ApiError } from '../http/api-error.ts';
import { percentile } from './duration-histogram.ts';
import { addCounts, emptyCounts, MINUTE_MS, type MinuteCounts } from './minute-counts.ts';

const BUCKET_MS: Readonly<Record<Granularity, number>> = {
  minute: MINUTE_MS,
  hour: 3_600_000,
  day: 86_400_000,
};
/** Buckets a series spans by default: an hour of minutes, a day of hours, a week of days. */
const DEFAULT_BUCKETS: Readonly<Record<Granularity, number>> = { minute: 60, hour: 24, day: 7 };
/** The contract's limit on one series. */
const MAX_BUCKETS = 1440;

/** A series' range, on bucket boundaries (UTC). */
export interface SeriesRange {
  readonly granularity: Granularity;
  readonly fromMs: number;
  readonly toMs: number;
  readonly bucketMs: number;
}

/** The range of a `getUsageSeries` query: defaults filled, rounded out to buckets, at most 1,440 of them. */
export function seriesRange(
  query: { readonly granularity?: Granularity; readonly from?: string; readonly to?: string },
  nowMs: number,
): SeriesRange {
  const granularity = query.granularity ?? 'hour';
  const bucketMs = BUCKET_MS[granularity];
  const rawTo = query.to === undefined ? nowMs : Date.parse(query.to);
  const toMs = Math.ceil(rawTo / bucketMs) * bucketMs;
  const rawFrom =
    query.from === undefined ? toMs - DEFAULT_BUCKETS[granularity] * bucketMs : Date.parse(query.from);
  if (rawFrom >= rawTo) throw new ApiError('invalid_request', '`from` must be before `to`');
  // A longer range starts later rather than failing: the answer's `from` says where.
  const fromMs = Math.max(Math.floor(rawFrom / bucketMs) * bucketMs, toMs - MAX_BUCKETS * bucketMs);
  return { granularity, fromMs, toMs, bucketMs };
}

/** Adds the minutes up into the range's buckets and a total. */
export function buildSeries(
  range: SeriesRange,
  keyId: string | null,
  minutes: Iterable<[number, MinuteCounts]>,
): UsageSeries {
  const count = (range.toMs - range.fromMs) / range.bucketMs;
  const buckets: MinuteCounts[] = Array.from({ length: count }, emptyCounts);
  const total = emptyCounts();
  for (const [minute, counts] of minutes) {
    const index = Math.floor((minute * MINUTE_MS - range.fromMs) / range.bucketMs);
    const bucket = buckets[index];
    if (bucket === undefined) continue;
    addCounts(bucket, counts);
    addCounts(total, counts);
  }
  return {
    granularity: range.granularity,
    from: new Date(range.fromMs).toISOString(),
    to: new Date(range.toMs).toISOString(),
    keyId,
    buckets: buckets.map((counts, i) => bucketView(range.fromMs + i * range.bucketMs, counts)),
    totals: bucketView(range.fromMs, total),
  };
}

function bucketView(startMs: number, counts: MinuteCounts): UsageBucket {
  const requests = counts.status2xx + counts.status4xx + counts.status429 + counts.status5xx;
  return {
    start: new Date(startMs).toISOString(),
    requests,
    statuses: {
      status2xx: counts.status2xx,
      status4xx: counts.status4xx,
      status429: counts.status429,
      status5xx: counts.status5xx,
    },
    p50Ms: percentile(counts.histogram, requests, 0.5),
    p95Ms: percentile(counts.histogram, requests, 0.95),
  };
}
