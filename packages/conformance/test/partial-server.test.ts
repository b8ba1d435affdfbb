/**
 * A partial server (test/support/partial-server.ts: 14 operations served, every other one 404)
 * checked with `--operations` naming what it serves: the runner judges only what was selected,
 * through what the server serves; right, it passes every applicable check (its planted defects:
 * test/partial-server-defects.test.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ConformanceOptions, type Report, runConformance, testcaseName } from '../src/index.ts';
import { type BrokenSemanticsServer, SEMANTICS_FIXTURE } from './support/broken-semantics.ts';
import { contract } from './support/contract.ts';
import {
  allowingOnly,
  PARTIAL_OPERATIONS,
  type Plant,
  partialRunOptions,
  startPartialServer,
} from './support/partial-server.ts';
import { describeResults } from './support/report.ts';

let server: BrokenSemanticsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Runs against the partial server (as the stub's demo user too), with `plant` in it. */
async function runPartial(
  options: Omit<ConformanceOptions, 'baseUrl'>,
  plant: Plant = {},
  served: readonly string[] = PARTIAL_OPERATIONS,
): Promise<Report> {
  server = await startPartialServer(plant, served);
  return runConformance({ ...partialRunOptions(server), seed: 20261206, ...options });
}

describe('a partial server checked with --operations', () => {
  it("unsupported_method: Allow needs only the selected operations' methods", async () => {
    const report = await runPartial(
      { operations: ['listOrders', 'getOrder'], checks: ['unsupported_method'] },
      { intercept: allowingOnly('/api/v1/orders', ['GET']) },
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

  describe('cors_policy, oauth_semantics and rate_limit_enforcement (the partial server with OAuth too)', () => {
    const oauth = ['createOAuthToken', 'authorize', 'revokeOAuthToken'];
    const served = [...PARTIAL_OPERATIONS, ...oauth];
    const checks = ['cors_policy', 'oauth_semantics', 'rate_limit_enforcement'] as const;
    const run = (operations: readonly string[]) =>
      runPartial(
        {
          operations,
          checks: [...checks],
          oauthClient: SEMANTICS_FIXTURE.oauthClient,
          oauthPublicClient: 'cli_regen_public', // the stub seeds it
          maxExamples: 1,
        },
        {},
        served,
      );

    it('judge through a served probe operation when getCurrentUser is not selected', async () => {
      const report = await run(served);
      expect(describeResults(report, ['failed', 'error', 'skipped'])).toBe('');
      const passed = report.results
        .filter((r) => r.status === 'passed')
        .map((r) => `${testcaseName(r)} × ${r.operationId}`);
      expect(passed.sort()).toEqual([
        'cors_policy × createOAuthToken', // the token endpoint's preflight
        'cors_policy × listApiKeys', // the probe operation, with an Origin
        'oauth_semantics/client-credentials × createOAuthToken', // its token works on listApiKeys
        'oauth_semantics/invalid_client × createOAuthToken',
        'oauth_semantics/invalid_grant × createOAuthToken',
        'oauth_semantics/invalid_request × createOAuthToken',
        'oauth_semantics/invalid_scope × createOAuthToken',
        'oauth_semantics/pkce × authorize',
        'oauth_semantics/revocation × revokeOAuthToken', // revoked, it is refused there
        'oauth_semantics/revoke-unknown × revokeOAuthToken',
        'oauth_semantics/single-use-code × authorize',
        'oauth_semantics/unauthorized_client × createOAuthToken',
        'oauth_semantics/unsupported_grant_type × createOAuthToken',
        'rate_limit_enforcement/budget × listApiKeys', // the budget spent there
        'rate_limit_enforcement/lifts × listApiKeys',
        'rate_limit_enforcement/retry-after × listApiKeys',
      ]);
    }, 60_000);

    it('a probe operation that answers 404 (getCurrentUser selected): skipped "cannot judge", never failed', async () => {
      const report = await run([...served, 'getCurrentUser']);
      expect(describeResults(report, ['failed', 'error'])).toBe('');
      const skipped = report.results.filter((r) => r.status === 'skipped');
      // oauth_semantics files its verdicts under the OAuth operations: the two rules that try its
      // token are skipped, unverified, while its other rules still pass.
      expect(skipped.map((r) => `${testcaseName(r)} × ${r.operationId}`).sort()).toEqual([
        'cors_policy × getCurrentUser',
        'oauth_semantics/client-credentials × createOAuthToken',
        'oauth_semantics/revocation × revokeOAuthToken',
        'rate_limit_enforcement/budget × getCurrentUser',
        'rate_limit_enforcement/lifts × getCurrentUser', // not reached: the budget could not be read
        'rate_limit_enforcement/retry-after × getCurrentUser',
      ]);
      for (const r of skipped)
        expect(r.reason).toMatch(
          /^(not reached: an earlier step: )?cannot judge .*getCurrentUser answered 404/,
        );
      for (const r of report.results.filter((x) => x.check === 'oauth_semantics' && !skipped.includes(x)))
        expect(r.status, testcaseName(r)).toBe('passed');
    }, 60_000);
  });

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

/** Why a testcase of a full run against the correct partial server may be skipped: nothing of it to judge, or an option not given. */
const STRUCTURAL_SKIPS: readonly RegExp[] = [
  /^nothing to check for this operation$/,
  /^no required header and no required body$/,
  /^nothing in this operation's input can be made invalid$/,
  /^(credential optional|no credential required)$/,
  /^needs a credential of another account or mode/,
];

/** The security and semantic checks that have something to judge among the partial server's operations. */
const JUDGED_ON_THE_PARTIAL_SERVER = [
  'scope_escalation',
  'error_echoes_input',
  'secret_cacheable',
  'jwt_claims',
  'cors_policy',
  'credential_precedence',
  'auth_failure_rate_limit',
  'key_lifecycle',
  'rotation_grace',
  'scope_enforcement',
  'rate_limit_enforcement',
  'idempotency',
  'session_lifecycle',
] as const;

describe('the correct partial server, every applicable check', () => {
  it('passes: exit 0, no failure or error, skips only for what it does not have', async () => {
    const report = await runPartial({ operations: [...PARTIAL_OPERATIONS], maxExamples: 2 });
    expect(describeResults(report, ['failed', 'error', 'exempt'])).toBe('');
    expect(report.exitCode).toBe(0);
    const { total, passed, failed, skipped, exempt, errors } = report.summary;
    // 14 operations × the schema and response checks, plus the security and semantic checks on the
    // operations they probe (a testcase per rule of the checks that declare rules); 59 skipped:
    // each matches a structural reason below.
    expect({ total, passed, failed, skipped, exempt, errors }).toEqual({
      total: 240,
      passed: 181,
      failed: 0,
      skipped: 59,
      exempt: 0,
      errors: 0,
    });
    for (const r of report.results.filter((t) => t.status === 'skipped'))
      expect(
        STRUCTURAL_SKIPS.some((reason) => reason.test(r.reason ?? '')),
        `${r.check} × ${r.operationId}: ${r.reason}`,
      ).toBe(true);
    for (const check of JUDGED_ON_THE_PARTIAL_SERVER)
      expect(
        report.results.some((r) => r.check === check && r.status === 'passed'),
        check,
      ).toBe(true);
    // Nothing is reported on an operation the server does not serve.
    for (const r of report.results) expect(PARTIAL_OPERATIONS).toContain(r.operationId);
  }, 120_000);
});
