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
    // The first two requests are the start-up listings (customers, orders); the third is listOrders'.
    const baseUrl = await limited(3, () => '3600');
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
    // Every request meets 429 with Retry-After 1 s, with requests left in the tier: each spent
    // a budget of its route. 2.5 s of allowance covers two waits per route in all, however many
    // requests draw on it; after that its requests are taken as refused at once.
    const baseUrl = await limited(10_000, () => '1');
    const waits: number[] = [];
    const report = await runConformance({
      ...quick,
      baseUrl,
      maxRetryWaitMs: 2500,
      sleep: async (ms) => void waits.push(ms),
    });
    const routes = new Set(server?.received.map((r) => `${r.method} ${r.url.split('?')[0]}`));
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.length).toBeLessThanOrEqual(2 * routes.size);
    expect(new Set(waits)).toEqual(new Set([1000]));
    expect(report.exitCode).toBe(2);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  });

  it('reports a limit that never lifts as "could not judge" (exit 2), never as a check failure', async () => {
    const baseUrl = await limited(10_000, () => '1');
    const report = await runConformance({ ...quick, baseUrl, maxRetries: 2, sleep: async () => {} });
    expect(report.exitCode).toBe(2);
    const acceptance = report.results.find(
      (r) => r.check === 'positive_data_acceptance' && r.operationId === 'listOrders',
    );
    expect(acceptance).toMatchObject({ status: 'skipped' });
    expect(acceptance?.reason).toMatch(/^rate-limited, not judged: 429 from GET \/api\/v1\/orders/);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  });
});
