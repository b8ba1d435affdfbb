/**
 * Waits are announced and bounded, and a run spends only the requests it needs, over real HTTP
 * against the reference stub: a spent failed-sign-in budget ends the run (exit 2) with the
 * affected testcases "rate-limited, not judged"; a narrowed run lists only what it needs; small
 * tiers are paced to instead of met with 429 after 429. Wall time is asserted only as a bound
 * against hangs.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { StubServer } from '@regen/stub';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestStub } from '../../../test/support/stub-server.ts';
import { type Report, runConformance } from '../src/index.ts';
import { toJunitReport } from '../src/report/junit.ts';
import { cli } from './support/cli.ts';
import { type RecordingProxy, startRecordingProxy } from './support/recording-proxy.ts';

const RAISED = 'standard=1000000/1h,burst=1000000/1m,write=1000000/1h';

let stub: StubServer | undefined;
let proxy: RecordingProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  await stub?.close();
  proxy = undefined;
  stub = undefined;
});

/** Wrong passwords from the runner's own address until the stub answers 429. */
async function spendSignInBudget(baseUrl: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const res = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'nobody@regen.test', password: 'not-the-password' }),
    });
    if (res.status === 429) return;
  }
  throw new Error('the sign-in budget did not run out');
}

describe('waits visible and bounded', () => {
  it('a spent sign-in budget: login is rate-limited, not judged, the rest judged, exit 2, in bounded time', async () => {
    stub = await startTestStub({ rateLimits: `${RAISED},auth=2/15m` });
    await spendSignInBudget(stub.url);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'regen-waits-')), 'report.json');
    const { code, out, err } = await cli([
      '--base-url',
      stub.url,
      '--api-key',
      ADMIN_KEY,
      '--seed',
      '1',
      '--max-examples',
      '2',
      '--suite',
      'schema',
      '--operations',
      'listOrders,login',
      '--max-retry-wait',
      '5',
      '--report',
      'json',
      '--report-file',
      file,
    ]);
    expect(code, err).toBe(2);
    // Up front: the estimate. Then the budget given up on, with why, instead of a silent wait.
    expect(err).toMatch(/^about \d+ requests, about \d+ s if nothing limits them/m);
    expect(err).toMatch(
      /not waiting: 429 from POST \/api\/auth\/login, Retry-After 9\d\d s .*rate-limited, not judged/,
    );
    expect(err).not.toMatch(/waiting \d/);
    // After the console table, the unjudged testcases with their reason.
    expect(err).toMatch(
      /^\d+ testcases? skipped, rate-limited, not judged: 429 from POST \/api\/auth\/login.*positive_data_acceptance × login/m,
    );
    const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
    const login = report.results.filter((r) => r.operationId === 'login');
    const verdict = (check: string) => login.find((r) => r.check === check);
    // What login's own requests would have shown: not judged, and said so (the response checks
    // still judged the 429s themselves, which are documented answers).
    expect(verdict('positive_data_acceptance')?.status).toBe('skipped');
    expect(verdict('positive_data_acceptance')?.reason).toMatch(
      /^rate-limited, not judged: 429 from POST \/api\/auth\/login, Retry-After 9\d\d s/,
    );
    // Announced once, not once per request.
    expect(err.match(/not waiting/g)).toHaveLength(1);
    expect(login.filter((r) => r.status === 'failed')).toEqual([]);
    // The other operation was judged.
    expect(
      report.results.find((r) => r.operationId === 'listOrders' && r.check === 'not_a_server_error')?.status,
    ).toBe('passed');
    expect(toJunitReport(report)).toMatch(
      /<skipped message="rate-limited, not judged: 429 from POST \/api\/auth\/login/,
    );
    expect(out).toMatch(/skipped/);
  }, 60_000);

  it('a tier that will not lift: nothing more can be judged, the run stops sending and ends with exit 2', async () => {
    stub = await startTestStub({ rateLimits: 'standard=1000000/1h,burst=4/1h,write=1000000/1h,auth=40/15m' });
    proxy = await startRecordingProxy(stub.url);
    const gaveUp: string[] = [];
    const report = await runConformance({
      baseUrl: proxy.url,
      apiKey: ADMIN_KEY,
      seed: 1,
      maxExamples: 2,
      suite: 'schema',
      operations: ['listOrders', 'getOrder', 'listProducts', 'getProduct'],
      maxRetryWaitMs: 5000,
      onProgress: (e) => {
        if (e.kind === 'gave-up') gaveUp.push(e.why);
      },
    });
    expect(report.exitCode).toBe(2);
    expect(report.fatal).toMatch(/^rate-limited, not judged from then on: 429 from GET .*Retry-After \d+ s/);
    expect(gaveUp.length).toBeGreaterThan(0);
    // Each refusal taken at once, none retried; after three routes refused in a row (listOrders,
    // listProducts, getOrder) the run sent nothing more: getProduct never went out.
    expect(proxy.requests.filter((r) => r.status === 429).length).toBeLessThan(20);
    expect(proxy.requests.filter((r) => r.path.startsWith('/api/v1/products/'))).toEqual([]);
    expect(
      report.results.filter((r) => r.status === 'passed' && r.check === 'positive_data_acceptance'),
    ).toEqual([]);
    expect(report.results.filter((r) => r.status === 'failed')).toEqual([]);
  }, 60_000);

  it('announces every wait over 5 s, before waiting', async () => {
    stub = await startTestStub({ rateLimits: `${RAISED},auth=2/15m` });
    await spendSignInBudget(stub.url);
    const announced: number[] = [];
    const waited: number[] = [];
    await runConformance({
      baseUrl: stub.url,
      apiKey: ADMIN_KEY,
      seed: 1,
      maxExamples: 1,
      suite: 'schema',
      operations: ['login'],
      // Long enough for one 900 s Retry-After: the sleep is recorded, not slept.
      maxRetryWaitMs: 1_000_000,
      maxRetries: 1,
      sleep: async (ms) => void waited.push(ms),
      onProgress: (e) => {
        if (e.kind === 'wait') {
          expect(e.why).toMatch(/^429 from POST \/api\/auth\/login, Retry-After 9\d\d s$/);
          announced.push(e.ms);
        }
      },
    });
    expect(waited.length).toBeGreaterThan(0);
    expect(announced).toEqual(waited.filter((ms) => ms > 5000));
    expect(announced).toEqual(waited);
  }, 60_000);

  it('--operations listOrders lists only the collections listOrders takes ids of', async () => {
    stub = await startTestStub();
    proxy = await startRecordingProxy(stub.url);
    const report = await runConformance({
      baseUrl: proxy.url,
      apiKey: ADMIN_KEY,
      seed: 1,
      maxExamples: 1,
      suite: 'schema',
      operations: ['listOrders'],
    });
    expect(report.exitCode).toBe(0);
    const paths = new Set(proxy.requests.map((r) => r.path));
    // listOrders filters by customerId: customers are listed for real ids, nothing else is.
    expect([...paths].sort()).toEqual(['/api/v1/customers', '/api/v1/orders']);
  }, 60_000);

  it('paces itself to small tiers instead of meeting 429 after 429', async () => {
    const tiers = `standard=1000000/1h,burst=5/2s,write=1000000/1h,auth=40/15m`;
    stub = await startTestStub({ rateLimits: tiers });
    proxy = await startRecordingProxy(stub.url);
    const estimates: { requests: number; seconds: number }[] = [];
    const started = performance.now();
    const report = await runConformance({
      baseUrl: proxy.url,
      apiKey: ADMIN_KEY,
      seed: 1,
      maxExamples: 2,
      suite: 'schema',
      operations: ['listOrders'],
      rateLimits: tiers,
      onProgress: (e) => {
        if (e.kind === 'estimate') estimates.push(e);
      },
    });
    expect(report.exitCode).toBe(0);
    // More requests than one burst, and (almost) none refused.
    expect(proxy.requests.length).toBeGreaterThan(10);
    expect(proxy.requests.filter((r) => r.status === 429).length).toBeLessThanOrEqual(1);
    // The estimate, once, before anything was sent: near the requests sent, and counting the pacing.
    expect(estimates).toHaveLength(1);
    const [estimate] = estimates;
    expect(estimate?.requests).toBeGreaterThan(proxy.requests.length / 2);
    expect(estimate?.requests).toBeLessThan(proxy.requests.length * 2);
    expect(estimate?.seconds).toBeGreaterThan(1);
    expect(performance.now() - started).toBeLessThan(50_000);
  }, 60_000);
});
