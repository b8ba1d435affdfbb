import { HISTOGRAM_SIZE, histogramIndex } from './duration-histogram.ts';
import { type RequestRecord, statusClassOf } from './request-record.ts';

/** The requests of one minute (of one selector: every credential, or one API key). */
export interface MinuteCounts {
  status2xx: number;
  status4xx: number;
  status429: number;
  status5xx: number;
  /** Durations, see `duration-histogram.ts`. */
  readonly histogram: Uint32Array;
}

/** Series are kept per minute for every credential (`ALL`) and per API key (its id). */
export const ALL = '*';

export const MINUTE_MS = 60_000;

export function emptyCounts(): MinuteCounts {
  return {
    status2xx: 0,
    status4xx: 0,
    status429: 0,
    status5xx: 0,
    histogram: new Uint32Array(HISTOGRAM_SIZE),
  };
}

/** Counts one request. */
export function countRequest(counts: MinuteCounts, status: number, durationMs: number): void {
  switch (statusClassOf(status)) {
    case '2xx':
      counts.status2xx++;
      break;
    case '4xx':
      counts.status4xx++;
      break;
    case '429':
      counts.status429++;
      break;
    default:
      counts.status5xx++;
  }
  const index = histogramIndex(durationMs);
  counts.histogram[index] = (counts.histogram[index] ?? 0) + 1;
}

/** Adds `more` into `into`. */
export function addCounts(into: MinuteCounts, more: MinuteCounts): void {
  into.status2xx += more.status2xx;
  into.status4xx += more.status4xx;
  into.status429 += more.status429;
  into.status5xx += more.status5xx;
  const target = into.histogram;
  const source = more.histogram;
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + (source[i] ?? 0);
}

/** The selectors a record counts under: every credential, and its API key if it was one. */
export function selectorsOf(record: RequestRecord): readonly string[] {
  return record.credentialType === 'api_key' ? [ALL, record.credentialId] : [ALL];
}
