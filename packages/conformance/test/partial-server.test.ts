/**
 * A partial server (test/support/partial-server.ts: 14 operations served, every other one 404)
 * checked with `--operations` naming what it serves: the runner judges only what was selected,
 * through what the server serves.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ConformanceOptions, type Report, runConformance } from '../src/index.ts';
import {
  type BrokenSemanticsServer,
  type Intercept,
  SEMANTICS_FIXTURE,
  startBrokenSemantics,
} from './support/broken-semantics.ts';
import { contract } from './support/contract.ts';
import { allowingOnly, firstOf, PARTIAL_OPERATIONS, servingOnly } from './support/partial-server.ts';
import { describeResults } from './support/report.ts';

let server: BrokenSemanticsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs against the partial server, with `intercept` answering first. */
async function runPartial(
  options: Omit<ConformanceOptions, 'baseUrl'>,
  intercept?: Intercept,
): Promise<Report> {
  const partial = servingOnly(contract, PARTIAL_OPERATIONS);
  server = await startBrokenSemantics({ intercept: intercept ? firstOf(intercept, partial) : partial });
  return runConformance({
    baseUrl: server.url,
    apiKey: SEMANTICS_FIXTURE.apiKey,
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    seed: 20261206,
    ...options,
  });
}

describe('a partial server checked with --operations', () => {
  it("unsupported_method: Allow needs only the selected operations' methods", async () => {
    const report = await runPartial(
      { operations: ['listOrders', 'getOrder'], checks: ['unsupported_method'] },
      allowingOnly('/api/v1/orders', ['GET']),
    );
    expect(describeResults(report, ['failed', 'error'])).toBe('');
    const judged = report.results.filter((r) => r.check === 'unsupported_method' && r.status === 'passed');
    expect(judged.map((r) => r.operationId).sort()).toEqual(['getOrder', 'listOrders']);
  }, 60_000);
});
