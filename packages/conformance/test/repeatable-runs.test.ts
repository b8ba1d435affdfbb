/**
 * Rerunning a seed against the same server gives the same verdicts: generation is seeded, but
 * the `Idempotency-Key`s and names the server keeps are scoped to each run's id, so the second
 * run is not answered with the first run's replays (which name keys it deleted at clean-up).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type Report, runConformance } from '../src/index.ts';
import {
  type BrokenSemanticsServer,
  SEMANTICS_FIXTURE,
  startBrokenSemantics,
} from './support/broken-semantics.ts';
import { contract } from './support/contract.ts';
import { PARTIAL_OPERATIONS, servingOnly } from './support/partial-server.ts';
import { describeResults } from './support/report.ts';

let server: BrokenSemanticsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function verdicts(report: Report): string[] {
  return report.results.map((r) => `${r.check} × ${r.operationId}: ${r.status}`).sort();
}

describe('a rerun of the same seed against the same server', () => {
  it('gives the same verdicts, with no failures, each run under its own run id', async () => {
    server = await startBrokenSemantics({ intercept: servingOnly(contract, PARTIAL_OPERATIONS) });
    const url = server.url;
    const run = () =>
      runConformance({
        baseUrl: url,
        apiKey: SEMANTICS_FIXTURE.apiKey,
        rateLimits: SEMANTICS_FIXTURE.rateLimits,
        seed: 424242,
        maxExamples: 2,
        operations: [...PARTIAL_OPERATIONS],
        checks: ['ensure_resource_availability', 'use_after_free', 'idempotency'],
      });
    const first = await run();
    const second = await run();
    expect(describeResults(first, ['failed', 'error'])).toBe('');
    expect(describeResults(second, ['failed', 'error'])).toBe('');
    expect(verdicts(second)).toEqual(verdicts(first));
    expect(first.results.some((r) => r.check === 'idempotency' && r.status === 'passed')).toBe(true);
    expect(
      first.results.some((r) => r.check === 'ensure_resource_availability' && r.status === 'passed'),
    ).toBe(true);
    expect(second.runId).not.toBe(first.runId);
  }, 120_000);
});
