/**
 * The security set against the reference stub (`@regen/stub`) with its real failed-authentication
 * budget: with an API key (and the demo OAuth client, and the stub's JWT secret so expired and
 * future tokens can be signed) and as a user, every security check passes — having judged
 * something — and the run's own credential still works afterwards.
 */
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, JWT_SECRET, startTestStub } from '../../../test/support/stub-server.ts';
import { SUITES } from '../src/checks/registry.ts';
import { type Report, runConformance, type TestcaseStatus } from '../src/index.ts';
import { describeResults } from './support/report.ts';

let stub: StubServer | undefined;
beforeAll(async () => {
  // The product's failed-authentication budget (10 per 15 minutes), whatever the launcher raises.
  stub = await startTestStub({
    rateLimits: 'standard=1000000/1h,burst=1000000/1m,write=1000000/1h,auth=10/15m',
  });
});
afterAll(async () => {
  await stub?.close();
});

const OAUTH_CLIENT = { id: 'cli_regen_demo', secret: 'cs_regen_demo_secret' };

/** The results an assertion message shows. */
const SHOWN: readonly TestcaseStatus[] = ['failed', 'error'];

function passedChecks(report: Report): string[] {
  return [...new Set(report.results.filter((r) => r.status === 'passed').map((r) => r.check))].sort();
}

describe('the security set against the reference stub', () => {
  it('passes with an API key, the demo OAuth client and the JWT secret (exit 0)', async () => {
    if (!stub) throw new Error('stub not started');
    const report = await runConformance({
      baseUrl: stub.url,
      apiKey: ADMIN_KEY,
      oauthClient: OAUTH_CLIENT,
      jwtSecret: JWT_SECRET,
      seed: 9,
      maxExamples: 2,
      suite: 'security',
    });
    expect(report.fatal).toBeUndefined();
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    expect(passedChecks(report)).toEqual([...SUITES.security].sort());
    // Every jwt_claims variant was judged, expired and future-dated ones included.
    const jwt = report.results.find((r) => r.check === 'jwt_claims' && r.operationId === 'getCurrentUser');
    // none-alg, forged, tampered; signed: expired, future iat, future nbf, foreign issuer, foreign audience
    expect(jwt?.checked).toBe(8);
    // The keys the security probes created (narrow, broader, rotated) were deleted at clean-up.
    const keys = await fetch(`${stub.url}/api/v1/api-keys?limit=100`, {
      headers: { 'X-API-Key': ADMIN_KEY },
    });
    const names = ((await keys.json()) as { data: { name: string }[] }).data.map((k) => k.name);
    expect(names.filter((n) => n.startsWith('conformance '))).toEqual([]);
    // The budget was spent from another address: the run's key and OAuth client still work.
    const again = await runConformance({
      baseUrl: stub.url,
      apiKey: ADMIN_KEY,
      oauthClient: OAUTH_CLIENT,
      seed: 10,
      maxExamples: 1,
      checks: ['jwt_claims'],
    });
    expect(again.exitCode, describeResults(again, SHOWN)).toBe(0);
    expect(stub.violations).toEqual([]);
  }, 120_000);

  it('passes as a logged-in user (exit 0), and the user can still log in', async () => {
    if (!stub) throw new Error('stub not started');
    const report = await runConformance({
      baseUrl: stub.url,
      email: stub.demoUser.email,
      password: stub.demoUser.password,
      oauthClient: OAUTH_CLIENT,
      jwtSecret: JWT_SECRET,
      seed: 11,
      maxExamples: 2,
      suite: 'security',
    });
    expect(report.fatal).toBeUndefined();
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    expect(passedChecks(report)).toEqual([...SUITES.security].sort());
    // As a user, a refresh token presented as an access token is one more variant.
    const jwt = report.results.find((r) => r.check === 'jwt_claims' && r.operationId === 'getCurrentUser');
    expect(jwt?.checked).toBe(9);
    const login = await fetch(`${stub.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(stub.demoUser),
    });
    expect(login.status).toBe(200);
    expect(stub.violations).toEqual([]);
  }, 120_000);
});
