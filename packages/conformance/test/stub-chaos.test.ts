/**
 * The runner against the stub's own fault injection (`chaos`): random 429s (with delay-seconds,
 * HTTP dates and huge values) are waited out and never reported; 503s are reported.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runConformance } from '../src/index.ts';

const stubIndex = fileURLToPath(new URL('../../stub/src/index.ts', import.meta.url));
const stubReady = existsSync(stubIndex) && readFileSync(stubIndex, 'utf8').includes('chaos');

const ADMIN_KEY = `rg_test_${'Ch4os'.repeat(7).slice(0, 32)}`;
const RAISED = 'standard=1000000/1h,burst=1000000/1m,write=1000000/1h';

async function withStub<T>(chaos: string, body: (url: string) => Promise<T>): Promise<T> {
  const { startStub } = await import('@regen/stub');
  const stub = await startStub({
    port: 0,
    adminKey: ADMIN_KEY,
    rateLimits: RAISED,
    chaos,
    logLevel: 'silent',
  });
  try {
    return await body(stub.url);
  } finally {
    await stub.close();
  }
}

describe.skipIf(!stubReady)('against the stub in chaos mode', () => {
  it('waits out random 429s (capped) instead of failing on them', async () => {
    const waits: number[] = [];
    const report = await withStub('429=10%', (baseUrl) =>
      runConformance({
        baseUrl,
        apiKey: ADMIN_KEY,
        seed: 4,
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
    expect(report.exitCode).toBe(0);
    expect(waits.length).toBeGreaterThan(5);
    expect(Math.max(...waits)).toBeLessThanOrEqual(5000);
  }, 120_000);

  it('reports 503s as server errors', async () => {
    const report = await withStub('503=100%', (baseUrl) =>
      runConformance({
        baseUrl,
        apiKey: ADMIN_KEY,
        seed: 4,
        maxExamples: 1,
        operations: ['listOrders'],
        maxRetries: 0,
      }),
    );
    expect(report.exitCode).toBe(1);
    expect(report.results.find((r) => r.check === 'not_a_server_error')?.status).toBe('failed');
  }, 60_000);
});
