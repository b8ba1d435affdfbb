/**
 * session_lifecycle holds a server to the token lifetimes and refresh-token reuse leeway the
 * contract documents, or to the ones the server declares (`--token-lifetimes`,
 * `--refresh-reuse-leeway`), one testcase per rule: a server that answers a replayed refresh
 * token with its cached pair forever fails `session_lifecycle/replay`; declared with a leeway
 * over `--max-wait` the rule is reported unverified (skipped), and `--strict` fails it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  type ConformanceOptions,
  type Report,
  runConformance,
  type TestcaseResult,
  toConsoleReport,
  toJunitReport,
} from '../src/index.ts';
import {
  type BrokenSemanticsServer,
  SEMANTICS_FIXTURE,
  type SemanticFault,
  startBrokenSemantics,
} from './support/broken-semantics.ts';
import { cli } from './support/cli.ts';
import { describeResults } from './support/report.ts';

let server: BrokenSemanticsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function runSessions(
  options: Omit<ConformanceOptions, 'baseUrl'>,
  setup: Parameters<typeof startBrokenSemantics>[0] = {},
): Promise<Report> {
  server = await startBrokenSemantics(setup);
  return runConformance({
    baseUrl: server.url,
    apiKey: SEMANTICS_FIXTURE.apiKey,
    email: server.stub.demoUser.email,
    password: server.stub.demoUser.password,
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    checks: ['session_lifecycle'],
    seed: 20261206,
    ...options,
  });
}

/** `rule → status` of session_lifecycle's testcases. */
function rules(report: Report): Record<string, TestcaseResult['status']> {
  return Object.fromEntries(
    report.results.filter((r) => r.check === 'session_lifecycle').map((r) => [r.rule ?? '', r.status]),
  );
}

function ruleResult(report: Report, rule: string): TestcaseResult | undefined {
  return report.results.find((r) => r.check === 'session_lifecycle' && r.rule === rule);
}

const forever: { fault: SemanticFault } = { fault: 'refresh-replay-forever' };

describe('session_lifecycle, one testcase per rule', () => {
  it('passes the stub with its leeway declared, every rule its own testcase', async () => {
    const report = await runSessions({ refreshReuseLeeway: SEMANTICS_FIXTURE.refreshReuseLeeway });
    expect(rules(report), describeResults(report, ['failed', 'error', 'skipped'])).toEqual({
      lifetimes: 'passed',
      rotation: 'passed',
      'reuse-leeway': expect.stringMatching(/passed|skipped/),
      replay: 'passed',
      family: 'passed',
      logout: 'passed',
    });
    expect(report.exitCode).toBe(0);
  }, 60_000);

  it('a server answering a replay with its cached pair forever fails session_lifecycle/replay', async () => {
    const report = await runSessions({ refreshReuseLeeway: '1s', maxWaitMs: 2000 }, forever);
    const replay = ruleResult(report, 'replay');
    expect(replay?.status, describeResults(report, ['failed', 'skipped'])).toBe('failed');
    expect(replay?.failures[0]?.message).toMatch(
      /still answers the same pair .* past the reuse leeway of 1 s \(--refresh-reuse-leeway\)/,
    );
    // The rules that held still pass: the failure is filed under the one it broke.
    expect(rules(report)).toMatchObject({ rotation: 'passed', 'reuse-leeway': 'passed', logout: 'passed' });
    expect(ruleResult(report, 'family')?.reason).toMatch(/^not reached: an earlier step/);
    expect(report.exitCode).toBe(1);
  }, 60_000);

  it('declared with a leeway over --max-wait: the replay rule is skipped as unverified, not hidden by the passes', async () => {
    const report = await runSessions({ refreshReuseLeeway: '1h', maxWaitMs: 2000 }, forever);
    const replay = ruleResult(report, 'replay');
    expect(replay?.status).toBe('skipped');
    expect(replay?.unverified).toBe(true);
    expect(replay?.reason).toMatch(/reuse leeway, 1 h \(--refresh-reuse-leeway\), is over --max-wait 2 s/);
    expect(rules(report)).toMatchObject({ rotation: 'passed', 'reuse-leeway': 'passed', logout: 'passed' });
    expect(report.exitCode).toBe(0);
    // Visible in every report: a console row per rule, a JUnit testcase per rule.
    expect(toConsoleReport(report)).toMatch(/\n {2}\/replay +0 +0 +0 +0 +1\n/);
    expect(toConsoleReport(report)).toMatch(
      /– session_lifecycle\/replay × refreshToken: skipped — the reuse leeway/,
    );
    expect(toJunitReport(report)).toMatch(
      /<testcase classname="regen-conformance\.session_lifecycle\/replay" name="refreshToken \(POST \/api\/auth\/refresh\)"[^>]*>\n\s*<skipped message="the reuse leeway/,
    );
  }, 60_000);

  it('--strict fails the rule that could not be verified', async () => {
    const report = await runSessions({ refreshReuseLeeway: '1h', maxWaitMs: 2000, strict: true }, forever);
    const replay = ruleResult(report, 'replay');
    expect(replay?.status).toBe('failed');
    expect(replay?.failures[0]?.message).toMatch(/^not verified, and --strict: the reuse leeway, 1 h/);
    expect(report.exitCode).toBe(1);
  }, 60_000);

  it('holds the server to its declared token lifetimes', async () => {
    const short = { stub: { accessTokenTtl: '5m' } };
    const undeclared = await runSessions({ refreshReuseLeeway: '1s', checks: ['session_lifecycle'] }, short);
    await server?.close();
    server = undefined;
    const declared = await runSessions(
      { refreshReuseLeeway: '1s', tokenLifetimes: 'access=5m,refresh=7d' },
      short,
    );
    expect(ruleResult(declared, 'lifetimes')?.status, describeResults(declared, ['failed'])).toBe('passed');
    // Against the contract's documented 1 hour (x-token-lifetimes), the 5-minute token fails.
    expect(ruleResult(undeclared, 'lifetimes')?.failures[0]?.message).toMatch(
      /access token \(expiresIn\) lives 300 s, expected 1 h \(documented\)/,
    );
  }, 60_000);
});

describe('the CLI reads the declarations', () => {
  it('refuses an unreadable --token-lifetimes or --refresh-reuse-leeway before sending anything (exit 2)', async () => {
    const base = ['--base-url', 'http://127.0.0.1:9', '--api-key', SEMANTICS_FIXTURE.apiKey];
    const lifetimes = await cli([...base, '--token-lifetimes', 'access=soon']);
    expect(lifetimes.code).toBe(2);
    expect(lifetimes.err).toMatch(/--token-lifetimes access: cannot read "soon"/);
    const leeway = await cli([...base, '--refresh-reuse-leeway', 'forever']);
    expect(leeway.code).toBe(2);
    expect(leeway.err).toMatch(/--refresh-reuse-leeway: cannot read "forever"/);
  });
});
