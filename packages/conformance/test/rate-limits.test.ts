/** The runner waits out 429s as Retry-After asks (RFC 9110 §10.2.3), instead of reporting them. */
import { afterEach, describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.ts';
import { type BrokenServer, startBrokenServer } from './support/broken-server.ts';
import { contract, TEST_KEY } from './support/contract.ts';

let server: BrokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function limited(count: number, retryAfter: () => string) {
  server = await startBrokenServer({
    spec: contract,
    apiKey: TEST_KEY,
    fault: 'rate-limited',
    rateLimit: { count, retryAfter },
  });
  return server.url;
}

// The schema set: its waits are what is observed (the semantic set's own waits would add to them).
const quick = {
  apiKey: TEST_KEY,
  seed: 1,
  maxExamples: 1,
  operations: ['listOrders', 'getOrder'],
  suite: 'schema' as const,
};

describe('rate limits', () => {
  it('waits the delay-seconds of Retry-After, for real, and then passes', async () => {
    const baseUrl = await limited(1, () => '1');
    const started = performance.now();
    const report = await runConformance({ ...quick, baseUrl });
    expect(performance.now() - started).toBeGreaterThanOrEqual(1000);
    expect(report.summary.rateLimitWaitMs).toBe(1000);
    expect(report.exitCode).toBe(0);
  });

  it('reads an HTTP-date Retry-After', async () => {
    const baseUrl = await limited(2, () => new Date(Date.now() + 30_000).toUTCString());
    const waits: number[] = [];
    const report = await runConformance({ ...quick, baseUrl, sleep: async (ms) => void waits.push(ms) });
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w).toBeGreaterThan(28_000);
    expect(report.exitCode).toBe(0);
  });

  it('does not wait a Retry-After over --max-retry-wait: the request is rate-limited, not judged (exit 2)', async () => {
    const baseUrl = await limited(1, () => '3600');
    const waits: number[] = [];
    const report = await runConformance({
      ...quick,
      baseUrl,
      maxRetryWaitMs: 250,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(waits).toEqual([]);
    const unjudged = report.results.filter((r) => r.reason?.startsWith('rate-limited, not judged'));
    expect(unjudged.length).toBeGreaterThan(0);
    for (const r of unjudged) expect(r.status).toBe('skipped');
    expect(report.exitCode).toBe(2);
  });

  it('bounds the total wait for one budget by --max-retry-wait, not each retry', async () => {
    // Every request meets 429 with Retry-After 1 s (and requests left in the tier: each route's
    // own budget). 2.5 s of allowance covers two waits per budget in all, however many requests
    // draw on it: the two start-up listings (customers, orders) wait twice each, then give up.
    const baseUrl = await limited(10_000, () => '1');
    const waits: number[] = [];
    const report = await runConformance({
      ...quick,
      baseUrl,
      maxRetryWaitMs: 2500,
      sleep: async (ms) => void waits.push(ms),
    });
    expect(waits).toEqual([1000, 1000, 1000, 1000]);
    expect(report.exitCode).toBe(2);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('reports a limit that never lifts as "could not run" (exit 2), never as a check failure', async () => {
    const baseUrl = await limited(10_000, () => '1');
    const report = await runConformance({ ...quick, baseUrl, maxRetries: 2, sleep: async () => {} });
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toMatch(/rate-limited, not judged/);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  });
});
