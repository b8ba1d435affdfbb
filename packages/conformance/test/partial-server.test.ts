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

/** Runs against the partial server (as the stub's demo user too), with `intercept` answering first. */
async function runPartial(
  options: Omit<ConformanceOptions, 'baseUrl'>,
  intercept?: Intercept,
): Promise<Report> {
  const partial = servingOnly(contract, PARTIAL_OPERATIONS);
  server = await startBrokenSemantics({ intercept: intercept ? firstOf(intercept, partial) : partial });
  return runConformance({
    baseUrl: server.url,
    apiKey: SEMANTICS_FIXTURE.apiKey,
    email: server.stub.demoUser.email,
    password: server.stub.demoUser.password,
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway,
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

  /** The checks that try whether a credential still works. */
  const credentialChecks = [
    'rotation_grace',
    'session_lifecycle',
    'key_lifecycle',
    'credential_precedence',
  ] as const;

  it('judges credentials through a served operation when getCurrentUser is not selected (404)', async () => {
    const report = await runPartial({
      operations: [...PARTIAL_OPERATIONS],
      checks: [...credentialChecks],
    });
    expect(describeResults(report, ['failed', 'error', 'skipped'])).toBe('');
    for (const check of credentialChecks)
      expect(
        report.results.some((r) => r.check === check && r.status === 'passed'),
        check,
      ).toBe(true);
  }, 90_000);

  it('--probe-operation getCurrentUser against a server without it: skipped "cannot judge", never failed', async () => {
    const report = await runPartial({
      operations: [...PARTIAL_OPERATIONS],
      checks: [...credentialChecks],
      probeOperation: 'getCurrentUser',
    });
    expect(describeResults(report, ['failed', 'error'])).toBe('');
    const skipped = report.results.filter((r) => r.status === 'skipped');
    for (const r of skipped) expect(r.reason, `${r.check} × ${r.operationId}`).toMatch(/cannot judge/);
    // Only tries of a credential go through the probe: session_lifecycle still judges the refresh
    // token's half of each step, so its testcases pass with that half skipped.
    // (credential_precedence files its verdicts under the probe operation, here not selected.)
    for (const check of ['rotation_grace', 'key_lifecycle'])
      expect(
        skipped.some((r) => r.check === check),
        check,
      ).toBe(true);
  }, 90_000);

  it('scope_enforcement judges only the selected operations, each verdict filed under the one it exercised', async () => {
    const selected = ['createApiKey', 'listApiKeys'];
    const report = await runPartial({ operations: selected, checks: ['scope_enforcement'] });
    expect(describeResults(report, ['failed', 'error'])).toBe('');
    const verdicts = report.results.filter((r) => r.check === 'scope_enforcement');
    expect(verdicts.map((r) => r.operationId).sort()).toEqual(selected.slice().sort());
    const others = contract.operations.map((o) => o.operationId).filter((id) => !selected.includes(id));
    for (const r of verdicts)
      for (const text of [r.reason ?? '', ...r.failures.map((f) => `${f.message} ${f.case ?? ''}`)])
        for (const other of others) expect(text, `${r.operationId} names ${other}`).not.toContain(other);
  }, 60_000);

  it('jwt_claims starts from a session of the user given besides the API key', async () => {
    const report = await runPartial({ operations: [...PARTIAL_OPERATIONS], checks: ['jwt_claims'] });
    expect(describeResults(report, ['failed', 'error', 'skipped'])).toBe('');
    expect(report.results.filter((r) => r.check === 'jwt_claims').map((r) => r.status)).toEqual(['passed']);
  }, 60_000);
});
