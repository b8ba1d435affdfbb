/**
 * The runner against the reference stub (`@regen/stub`), started in-process with raised rate
 * limits and 2 s access tokens: with an API key and with a user session, everything must pass.
 */
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, RAISED_LIMITS, startTestStub } from '../../../test/support/stub-server.ts';
import { type Report, runConformance } from '../src/index.ts';

let stub: StubServer | undefined;

beforeAll(async () => {
  stub = await startTestStub({ accessTokenTtl: '2s' });
});
afterAll(async () => {
  await stub?.close();
});

function failures(report: Report): string[] {
  return report.results.filter((r) => r.status === 'failed').map((r) => `${r.check} × ${r.operationId}`);
}

function describeFailures(report: Report): string {
  return report.results
    .filter((r) => r.status === 'failed' || r.status === 'error')
    .map((r) => `${r.check} × ${r.operationId}: ${r.failures.map((f) => f.message).join(' | ') || r.reason}`)
    .join('\n');
}

describe('against the reference stub', () => {
  it('passes entirely with an API key (exit 0)', async () => {
    if (!stub) throw new Error('stub not started');
    // The stub's default OAuth client, so OAuth requests are judged too.
    const oauthClient = { id: 'cli_regen_demo', secret: 'cs_regen_demo_secret' };
    // The launcher's raised limits are the stub's tiers here (rate_limit_headers compares against them).
    const report = await runConformance({
      baseUrl: stub.url,
      apiKey: ADMIN_KEY,
      seed: 1,
      oauthClient,
      rateLimits: RAISED_LIMITS,
    });
    expect(report.fatal).toBeUndefined();
    expect(failures(report), describeFailures(report)).toEqual([]);
    expect(report.exitCode, describeFailures(report)).toBe(0);
    const judged = (op: string) =>
      report.results.find((r) => r.check === 'positive_data_acceptance' && r.operationId === op)?.status;
    expect([judged('createOAuthToken'), judged('authorize'), judged('revokeOAuthToken')]).toEqual([
      'passed',
      'passed',
      'passed',
    ]);
    expect(stub.violations).toEqual([]);
  }, 120_000);

  it('passes entirely as a logged-in user, renewing the session as it expires (exit 0)', async () => {
    if (!stub) throw new Error('stub not started');
    const report = await runConformance({
      baseUrl: stub.url,
      email: stub.demoUser.email,
      password: stub.demoUser.password,
      seed: 2,
      rateLimits: RAISED_LIMITS,
      // Access tokens live 2 s here, not the documented hour: session_lifecycle is run against a
      // stub with the contract's lifetimes in test/semantics-stub.test.ts.
      excludeChecks: ['session_lifecycle'],
    });
    expect(report.fatal).toBeUndefined();
    expect(failures(report), describeFailures(report)).toEqual([]);
    expect(report.exitCode, describeFailures(report)).toBe(0);
    // Access tokens live 2 s here: the run outlives several, and renews them.
    expect(report.summary.sessionRenewals).toBeGreaterThan(0);
    // Login, refresh and logout are judged with real sessions in this mode.
    const judged = (op: string) =>
      report.results.find((r) => r.check === 'positive_data_acceptance' && r.operationId === op)?.status;
    expect([judged('login'), judged('refreshToken'), judged('logout')]).toEqual([
      'passed',
      'passed',
      'passed',
    ]);
    expect(stub.violations).toEqual([]);
  }, 120_000);
});
