/**
 * The runner against the stub's own fault injection (`chaos`): random 429s (with delay-seconds,
 * HTTP dates and huge values) are waited out and never reported; 503s are reported.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestStub } from '../../../test/support/stub-server.ts';
import { SUITES } from '../src/checks/registry.ts';
import { runConformance } from '../src/index.ts';

async function withStub<T>(chaos: string, body: (url: string) => Promise<T>): Promise<T> {
  const stub = await startTestStub({ chaos });
  try {
    return await body(stub.url);
  } finally {
    await stub.close();
  }
}

describe('against the stub in chaos mode', () => {
  it('waits out random 429s within --max-retry-wait instead of failing on them', async () => {
    const waits: number[] = [];
    const report = await withStub('429=10%', (baseUrl) =>
      runConformance({
        baseUrl,
        apiKey: ADMIN_KEY,
        seed: 4,
        // Random faults would decide the semantic set's budgets and waits; it has its own tests.
        excludeChecks: SUITES.semantics,
        maxExamples: 2,
        maxRetryWaitMs: 5000,
        // The stub's 429s are random, not a real limit: no need to sit through the delays.
        sleep: async (ms) => void waits.push(ms),
      }),
    );
    // Injected 429s carry the X-RateLimit-* headers too, so waiting them out leaves nothing to report.
    const failures = report.results.filter((r) => r.status === 'failed').flatMap((r) => r.failures);
    expect(failures).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // A 429 asking for a year (one in ten), or a route's 429s asking for more than 5 s in all, is
    // not waited for: its testcase is not judged, and the run says so.
    const unjudged = report.results.filter((r) => r.reason?.startsWith('rate-limited, not judged'));
    for (const r of unjudged) {
      expect(r.status).toBe('skipped');
      expect(r.reason).toMatch(/: does not lift within --max-retry-wait \(5 s\)$/);
    }
    expect(report.exitCode).toBe(unjudged.length > 0 ? 2 : 0);
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThanOrEqual(5000);
  }, 120_000);

  it('reports 503s as server errors', async () => {
    const report = await withStub('503=100%', (baseUrl) =>
      runConformance({
        baseUrl,
        apiKey: ADMIN_KEY,
        seed: 4,
        // Random faults would decide the semantic set's budgets and waits; it has its own tests.
        excludeChecks: SUITES.semantics,
        maxExamples: 1,
        operations: ['listOrders'],
        maxRetries: 0,
      }),
    );
    expect(report.exitCode).toBe(1);
    expect(report.results.find((r) => r.check === 'not_a_server_error')?.status).toBe('failed');
  }, 60_000);
});
