/**
 * Proof that the semantic checks can fail: the reference stub behind a faithful proxy passes the
 * semantic set, and each fault the proxy injects (test/support/broken-semantics.ts) is reported
 * by exactly the check that exists to catch it — over real HTTP, with real keys, sessions, OAuth
 * codes, rate limits and webhook deliveries. The runs wait mostly (graces, leeways, retries), so
 * they run concurrently.
 */
import { describe, expect, it } from 'vitest';
import { SUITES } from '../src/checks/registry.ts';
import { type Report, runConformance, type TestcaseStatus } from '../src/index.ts';
import {
  SEMANTIC_FAULTS,
  SEMANTICS_FIXTURE,
  type SemanticFault,
  startBrokenSemantics,
} from './support/broken-semantics.ts';
import { describeResults, failed } from './support/report.ts';

async function run(fault?: SemanticFault): Promise<Report> {
  const server = await startBrokenSemantics(fault ? { fault } : {});
  try {
    return await runConformance({
      baseUrl: server.url,
      apiKey: SEMANTICS_FIXTURE.apiKey,
      email: server.stub.demoUser.email,
      password: server.stub.demoUser.password,
      oauthClient: SEMANTICS_FIXTURE.oauthClient,
      rateLimits: SEMANTICS_FIXTURE.rateLimits,
      refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway,
      webhookListen: '127.0.0.1:0',
      seed: 20261204,
      suite: 'semantics',
    });
  } finally {
    await server.close();
  }
}

/** The results an assertion message shows. */
const SHOWN: readonly TestcaseStatus[] = ['failed', 'error', 'exempt', 'skipped'];

/**
 * The checks this proxy proves; tenant_isolation needs a second account's key and is proven
 * against the stub itself (test/tenant-isolation.test.ts: a same-account key makes it fail).
 */
const PROVEN_HERE = SUITES.semantics.filter((c) => c !== 'tenant_isolation');

/** Each fault and the failures it must produce: nothing more, nothing less. */
const EXPECTED: Readonly<Record<SemanticFault, readonly string[]>> = {
  'deactivated-key-works': ['key_lifecycle/deactivate × deactivateApiKey'],
  'rotation-no-grace': ['rotation_grace/grace × rotateApiKey'],
  'scope-not-enforced': ['scope_enforcement × listCommissions'],
  'remaining-frozen': ['rate_limit_headers × listProducts'],
  'rate-limit-overrun': ['rate_limit_enforcement/budget × getCurrentUser'],
  'idempotency-ignored': [
    'idempotency/concurrent × createApiKey',
    'idempotency/replay × createApiKey',
    'idempotency/reused-key × createApiKey',
  ],
  'refresh-replay-accepted': ['session_lifecycle/replay × refreshToken'],
  'refresh-replay-forever': ['session_lifecycle/replay × refreshToken'],
  'code-reusable': ['oauth_semantics/single-use-code × authorize'],
  'page-gap': ['pagination_consistency × listProducts'],
  'webhook-wrong-secret': ['webhook_delivery/signed × createWebhookEndpoint'],
};

describe.concurrent('the semantic set against the stub behind a proxy', () => {
  it('passes through a faithful proxy, every semantic check judging something (exit 0)', async () => {
    const report = await run();
    expect(report.fatal).toBeUndefined();
    expect(failed(report), describeResults(report, SHOWN)).toEqual([]);
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    for (const check of PROVEN_HERE)
      expect(
        report.results.some((r) => r.check === check && r.status === 'passed'),
        check,
      ).toBe(true);
  }, 120_000);

  it('every semantic check has a fault that makes it fail', () => {
    const checkOf = (testcase: string) => testcase.split(' × ')[0]?.split('/')[0];
    const covered = new Set(Object.values(EXPECTED).flatMap((l) => l.map(checkOf)));
    for (const check of PROVEN_HERE) expect(covered.has(check), check).toBe(true);
    for (const [fault, { check }] of Object.entries(SEMANTIC_FAULTS))
      expect(checkOf(EXPECTED[fault as SemanticFault][0] ?? ''), fault).toBe(check);
  });

  it.each(Object.entries(EXPECTED))(
    '%s',
    async (fault, expected) => {
      const report = await run(fault as SemanticFault);
      expect(report.fatal).toBeUndefined();
      expect(failed(report), describeResults(report, SHOWN)).toEqual(expected);
      expect(report.exitCode).toBe(1);
      const text = JSON.stringify(report);
      expect(text).not.toContain(SEMANTICS_FIXTURE.apiKey);
      expect(text).not.toContain(SEMANTICS_FIXTURE.oauthClient.secret);
    },
    120_000,
  );
});
