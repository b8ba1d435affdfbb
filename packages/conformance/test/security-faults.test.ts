/**
 * Proof that the security checks can fail: the broken server with real keys, JWTs, an OAuth
 * client and its consent form passes the security set, and each security fault injected into
 * it is reported by exactly the check that exists to catch it — over real HTTP.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SUITES } from '../src/checks/registry.ts';
import { type Report, runConformance, type TestcaseStatus } from '../src/index.ts';
import { SECURITY_FIXTURE, type SecurityFault } from './support/broken-security.ts';
import { type BrokenServer, startBrokenServer } from './support/broken-server.ts';
import { contract, TEST_KEY } from './support/contract.ts';
import { describeResults, failed } from './support/report.ts';

const SEED = 20260904;
let server: BrokenServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(fault?: SecurityFault): Promise<Report> {
  server = await startBrokenServer({ spec: contract, apiKey: TEST_KEY, ...(fault ? { fault } : {}) });
  return runConformance({
    baseUrl: server.url,
    apiKey: TEST_KEY,
    oauthClient: SECURITY_FIXTURE.oauthClient,
    jwtSecret: SECURITY_FIXTURE.jwtSecret,
    seed: SEED,
    maxExamples: 1,
    suite: 'security',
  });
}

/** The results an assertion message shows. */
const SHOWN: readonly TestcaseStatus[] = ['failed', 'error', 'exempt'];

/** Each fault, and the failures it must produce: nothing more, nothing less. */
const EXPECTED: Readonly<Record<SecurityFault, readonly string[]>> = {
  'scope-escalation': [
    'scope_escalation × activateApiKey',
    'scope_escalation × deactivateApiKey',
    'scope_escalation × deleteApiKey',
    'scope_escalation × getApiKey',
    'scope_escalation × rotateApiKey',
    'scope_escalation × updateApiKey',
  ],
  'reflected-markup': ['reflected_markup × authorize'],
  'secret-cacheable': ['secret_cacheable × createApiKey'],
  'echo-malformed-json': ['error_echoes_input × createProduct'],
  'accept-future-iat': ['jwt_claims × getCurrentUser'],
  'cors-reflect-any': ['cors_policy × createOAuthToken', 'cors_policy × getCurrentUser'],
  'credential-precedence': ['credential_precedence × getCurrentUser'],
  'consent-unlimited': ['auth_failure_rate_limit × authorize'],
  'webhook-any-target': [
    'webhook_target_policy × createWebhookEndpoint',
    'webhook_target_policy × updateWebhookEndpoint',
  ],
};

describe('the security set against a server that holds', () => {
  it('passes, every security check judging something (exit 0)', async () => {
    const report = await run();
    expect(report.fatal).toBeUndefined();
    expect(failed(report), describeResults(report, SHOWN)).toEqual([]);
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    for (const check of SUITES.security) {
      expect(
        report.results.some((r) => r.check === check && r.status === 'passed'),
        check,
      ).toBe(true);
    }
  }, 60_000);
});

describe('each security fault is caught by the check that exists for it', () => {
  it('every security check has a fault that makes it fail', () => {
    const covered = new Set(Object.values(EXPECTED).flatMap((l) => l.map((e) => e.split(' × ')[0])));
    for (const check of SUITES.security) expect(covered.has(check), check).toBe(true);
  });

  it.each(Object.entries(EXPECTED))(
    '%s',
    async (fault, expected) => {
      const report = await run(fault as SecurityFault);
      expect(report.fatal).toBeUndefined();
      expect(failed(report), describeResults(report, SHOWN)).toEqual(expected);
      expect(report.exitCode).toBe(1);
      const failure = report.results.find((r) => r.status === 'failed')?.failures[0];
      expect(failure?.curl).toMatch(/^curl /);
      expect(failure?.curl).not.toContain(TEST_KEY);
      // Nothing the run was given, or was handed, appears in the report.
      const text = JSON.stringify(report);
      for (const secret of [TEST_KEY, SECURITY_FIXTURE.oauthClient.secret, SECURITY_FIXTURE.jwtSecret])
        expect(text).not.toContain(secret);
    },
    60_000,
  );
});
