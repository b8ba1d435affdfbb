/**
 * The semantic set against the reference stub (`@regen/stub`): with short durations (2 s rotation
 * grace, 1 s refresh-reuse leeway, a small burst tier) every semantic check passes having judged
 * something, within 60 s; with the stub's default durations it passes too, the waits longer than
 * `--max-wait` (a 5-minute rotation grace, a budget over `--max-requests`) reported as skipped
 * with the reason. Both leave nothing behind and the run's key still works.
 */
import type { StubServer } from '@regen/stub';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, RAISED_LIMITS, startTestStub } from '../../../test/support/stub-server.ts';
import { SUITES } from '../src/checks/registry.ts';
import { type Report, runConformance, type TestcaseStatus, testcaseName } from '../src/index.ts';
import { toConsoleReport } from '../src/report/console.ts';
import { SEMANTICS_FIXTURE } from './support/broken-semantics.ts';
import { describeResults } from './support/report.ts';

/** Short windows (the fixture's): the burst tier is small enough to spend, large enough not to slow the run much. */
const SHORT_LIMITS = SEMANTICS_FIXTURE.rateLimits;
const OAUTH_CLIENT = { id: 'cli_regen_demo', secret: 'cs_regen_demo_secret' };

let stub: StubServer | undefined;
afterEach(async () => {
  await stub?.close();
  stub = undefined;
});

/** The results an assertion message shows. */
const SHOWN: readonly TestcaseStatus[] = ['failed', 'error'];

async function semantics(
  url: string,
  extra: { rateLimits?: string; refreshReuseLeeway?: string } = {},
): Promise<Report> {
  if (!stub) throw new Error('stub not started');
  return runConformance({
    baseUrl: url,
    apiKey: ADMIN_KEY,
    email: stub.demoUser.email,
    password: stub.demoUser.password,
    oauthClient: OAUTH_CLIENT,
    oauthPublicClient: 'cli_regen_public', // the stub seeds it
    webhookListen: '127.0.0.1:0',
    seed: 10,
    suite: 'semantics',
    ...extra,
  });
}

async function leftovers(url: string): Promise<string[]> {
  const keys = await fetch(`${url}/api/v1/api-keys?limit=100`, { headers: { 'X-API-Key': ADMIN_KEY } });
  const hooks = await fetch(`${url}/api/v1/webhooks?limit=100`, { headers: { 'X-API-Key': ADMIN_KEY } });
  const names = ((await keys.json()) as { data: { name: string }[] }).data.map((k) => k.name);
  const urls = ((await hooks.json()) as { data: { url: string }[] }).data.map((h) => h.url);
  return [
    ...names.filter((n) => n.startsWith('conformance ')),
    ...urls.filter((u) => u.includes('regen-conformance')),
  ];
}

describe('the semantic set against the reference stub', () => {
  it('passes with short durations, every check judged, within 60 s', async () => {
    stub = await startTestStub({
      rotationGrace: SEMANTICS_FIXTURE.rotationGrace,
      refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway,
      rateLimits: SHORT_LIMITS,
    });
    // The stub's short leeway, declared as a server team declares its own.
    const report = await semantics(stub.url, {
      rateLimits: SHORT_LIMITS,
      refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway,
    });
    console.log(toConsoleReport(report));
    expect(report.fatal).toBeUndefined();
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    // tenant_isolation needs a second account's key: test/tenant-isolation.test.ts runs it.
    for (const check of SUITES.semantics.filter((c) => c !== 'tenant_isolation'))
      expect(
        report.results
          .filter((r) => r.check === check)
          .map((r) => `${r.operationId} ${r.status} ${r.reason ?? ''}`),
        check,
      ).not.toContainEqual(expect.stringMatching(/ (skipped|error|failed) /));
    expect(report.durationMs).toBeLessThanOrEqual(60_000);
    expect(await leftovers(stub.url)).toEqual([]);
    const me = await fetch(`${stub.url}/api/v1/users/me`, { headers: { 'X-API-Key': ADMIN_KEY } });
    expect(me.status).toBe(200);
    expect(stub.violations).toEqual([]);
  }, 90_000);

  it('passes with default durations, the long waits skipped with the reason', async () => {
    // The launcher's raised limits (its only departure from the defaults), told to the runner.
    stub = await startTestStub();
    const report = await semantics(stub.url, { rateLimits: RAISED_LIMITS });
    console.log(toConsoleReport(report));
    expect(report.fatal).toBeUndefined();
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    const skipped = report.results
      // tenant_isolation (no second account here) is skipped naming its options: test/tenant-isolation.test.ts runs it.
      .filter((r) => r.status === 'skipped' && r.check !== 'tenant_isolation')
      .map((r) => `${testcaseName(r)} × ${r.operationId}: ${r.reason}`);
    expect(skipped).toEqual([
      expect.stringMatching(
        /^rotation_grace\/expiry × getCurrentUser: the grace lasts \d+ s more, over --max-wait 30 s/,
      ),
      expect.stringMatching(
        /^rate_limit_enforcement\/budget × getCurrentUser: the fresh key's budget is \d+ requests/,
      ),
      // The rules after the budget are not reached, and say why rather than disappear.
      expect.stringMatching(
        /^rate_limit_enforcement\/retry-after × getCurrentUser: not reached: an earlier step: the fresh key's budget/,
      ),
      expect.stringMatching(
        /^rate_limit_enforcement\/lifts × getCurrentUser: not reached: an earlier step: the fresh key's budget/,
      ),
    ]);
    expect(await leftovers(stub.url)).toEqual([]);
    expect(stub.violations).toEqual([]);
  }, 120_000);
});
