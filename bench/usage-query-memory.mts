/**
 * @module Part of usage-bench.mjs (run by it through tsx): the in-memory store's usage queries
 * over 7 days of one busy key — 100,000 requests spread evenly — timed in process (median of 20).
 * Prints one JSON line.
 */
import { MemoryUsage } from '../packages/stub/src/usage/memory-usage.ts';
import { ALL, MINUTE_MS } from '../packages/stub/src/usage/minute-counts.ts';
import { buildSeries, seriesRange } from '../packages/stub/src/usage/usage-series.ts';

const ENTRIES = 100_000;
const WEEK = 7 * 86_400_000 - 60_000;
const at = { accountId: 'acct_5Tq8Wm2Rz4N', mode: 'live' as const };
const usage = new MemoryUsage();
const now = Date.now();
for (let i = 0; i < ENTRIES; i++) {
  usage.record({
    ...at,
    atMs: now - WEEK + Math.floor((i * WEEK) / ENTRIES),
    requestId: `req_bench${i}`,
    method: 'GET',
    operationId: 'listOrders',
    path: '/api/v1/orders',
    status: i % 50 === 0 ? 429 : i % 20 === 0 ? 404 : 200,
    durationMs: 1 + (i % 97) / 10,
    credentialType: 'api_key',
    credentialId: 'key_benchBusy1',
    keyPrefix: 'rg_live_Bnch',
    clientAddress: '127.0.0.1',
    userAgent: 'bench',
    errorCode: null,
  });
}

function median(run: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[10] as number) * 100) / 100;
}

const series =
  (granularity: 'minute' | 'hour' | 'day', from: string | undefined, keyId: string | undefined) => () => {
    const range = seriesRange({ granularity, ...(from ? { from } : {}) }, Date.now());
    const minutes = usage.minutes(at, {
      selector: keyId ?? ALL,
      fromMinute: range.fromMs / MINUTE_MS,
      toMinute: range.toMs / MINUTE_MS,
    });
    const built = buildSeries(range, keyId ?? null, minutes);
    JSON.stringify(built);
  };
const weekAgo = new Date(now - 7 * 86_400_000).toISOString();
console.log(
  JSON.stringify({
    entries: ENTRIES,
    'series 7 d by day, one key': median(series('day', undefined, 'key_benchBusy1')),
    'series 7 d by hour, one key': median(series('hour', weekAgo, 'key_benchBusy1')),
    'series 24 h by minute, one key': median(
      series('minute', new Date(now - 86_400_000).toISOString(), 'key_benchBusy1'),
    ),
    'series 7 d by hour, all': median(series('hour', weekAgo, undefined)),
    'log page of 20, one key, 4xx': median(() => {
      usage.log(at, { limit: 20, keyId: 'key_benchBusy1', status: '4xx' });
    }),
  }),
);
