/**
 * The runner against the reference stub (`@regen/stub`), started in-process with raised rate
 * limits and 2 s access tokens: with an API key and with a user session, everything must pass.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Report, runConformance } from '../src/index.ts';

// Skip guard for the time the stub had no startStub export yet (it has one now).
const stubIndex = fileURLToPath(new URL('../../stub/src/index.ts', import.meta.url));
const stubReady = existsSync(stubIndex) && readFileSync(stubIndex, 'utf8').includes('startStub');

const ADMIN_KEY = `rg_test_${'C0nformance'.repeat(3).slice(0, 32)}`;
const RAISED = 'standard=1000000/1h,burst=1000000/1m,write=1000000/1h';

interface Stub {
  readonly url: string;
  readonly demoUser: { readonly email: string; readonly password: string };
  readonly violations: readonly unknown[];
  close(): Promise<void>;
}
let stub: Stub | undefined;

beforeAll(async () => {
  if (!stubReady) return;
  const { startStub } = await import('@regen/stub');
  const started = await startStub({
    port: 0,
    adminKey: ADMIN_KEY,
    rateLimits: RAISED,
    accessTokenTtl: '2s',
    logLevel: 'silent',
  });
  await started.ready;
  stub = started;
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

describe.skipIf(!stubReady)('against the reference stub', () => {
  it('passes entirely with an API key (exit 0)', async () => {
    if (!stub) throw new Error('stub not started');
    // The stub's default OAuth client, so OAuth requests are judged too.
    const oauthClient = { id: 'cli_regen_demo', secret: 'cs_regen_demo_secret' };
    const report = await runConformance({ baseUrl: stub.url, apiKey: ADMIN_KEY, seed: 1, oauthClient });
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
