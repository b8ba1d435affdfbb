/**
 * @module Range parameters made meaningful: JSON Schema cannot say that `from` comes before
 * `to`, so generated pairs are put in order before they are sent.
 */
import type { Json } from '../spec/types.ts';

/** Query pairs that bound a range: a server may rightly refuse `from` after `to`. */
const RANGE_PAIRS: readonly (readonly [string, string])[] = [
  ['from', 'to'],
  ['createdAfter', 'createdBefore'],
  ['since', 'until'],
  ['start', 'end'],
  ['startDate', 'endDate'],
];

const DAY_MS = 86_400_000;

function asDate(value: Json | undefined): number | undefined {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Makes range bounds meaningful, which JSON Schema cannot state: low < high, and for date
 * ranges a high bound next to a lone low one and a span of at most 30 days (servers refuse
 * `from` after `to` and cap periods — the contract's analytics summary: 366 days; a lone
 * future `from` would lie after its default `to`, now). Deterministic, so seeds still reproduce.
 */
export function normalizeRanges(query: Readonly<Record<string, Json>>): Record<string, Json> {
  const out: Record<string, Json> = { ...query };
  for (const [low, high] of RANGE_PAIRS) {
    const a = out[low];
    const b = out[high];
    const from = asDate(a);
    const to = asDate(b);
    if (from !== undefined && b === undefined) {
      out[high] = isoSeconds(from + 30 * DAY_MS);
    } else if (from !== undefined && to !== undefined) {
      const [lo, hi] = from <= to ? [from, to] : [to, from];
      // Strictly before: an empty period (`from` = `to`) is refused like a reversed one.
      const end = hi > lo ? hi : lo + DAY_MS;
      out[low] = isoSeconds(end - lo > 366 * DAY_MS ? end - 30 * DAY_MS : lo);
      out[high] = isoSeconds(end);
    } else if (typeof a === 'number' && typeof b === 'number' && a > b) {
      out[low] = b;
      out[high] = a;
    }
  }
  return out;
}
