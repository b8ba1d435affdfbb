/**
 * tenant_isolation against the reference stub: with a key of the stub's second account
 * (`northwind@regen.test`) and a test-mode key of the demo account it passes, having judged reads,
 * lists, writes, Idempotency-Key scoping, references in request bodies (422 like ids that exist
 * nowhere) and in query filters (answered like ids that exist nowhere), and leaves nothing behind; given another key of the run's OWN account as the "other
 * account", whose ids the run rightly sees, it must fail naming the operations (a body naming one
 * of its customers makes an order); without either option it is skipped naming them.
 */
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, startTestStub } from '../../../test/support/stub-server.ts';
import { type Report, runConformance, type TestcaseStatus } from '../src/index.ts';
import { describeResults } from './support/report.ts';

const SHOWN: readonly TestcaseStatus[] = ['failed', 'error'];
const PASSWORD = 'regen-demo-password';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(async () => {
  await stub?.close();
});

async function post(path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${stub.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { data: Record<string, string> };
  if (res.status >= 300) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json.data;
}

async function key(auth: Record<string, string>, environment: 'live' | 'test', name: string) {
  const made = await post('/api/v1/api-keys', { name, scopes: ['read:*', 'write:*'], environment }, auth);
  return { id: made.id as string, key: made.key as string };
}

async function northwindKey() {
  const login = await post('/api/auth/login', { email: 'northwind@regen.test', password: PASSWORD }, {});
  return key({ Authorization: `Bearer ${login.accessToken}` }, 'live', 'tenant test northwind');
}

function isolation(extra: { otherAccountKey?: string; otherModeKey?: string }): Promise<Report> {
  return runConformance({
    baseUrl: stub.url,
    apiKey: ADMIN_KEY,
    seed: 12,
    checks: ['tenant_isolation'],
    ...extra,
  });
}

const results = (report: Report, status: TestcaseStatus) =>
  report.results
    .filter((r) => r.check === 'tenant_isolation' && r.status === status)
    .map((r) => r.operationId);

describe('tenant_isolation against the reference stub', () => {
  it('passes with a key of another account and a test-mode key, and cleans up', async () => {
    const other = await northwindKey();
    const testMode = await key({ 'X-API-Key': ADMIN_KEY }, 'test', 'tenant test mode');
    const report = await isolation({ otherAccountKey: other.key, otherModeKey: testMode.key });
    expect(report.fatal).toBeUndefined();
    expect(report.exitCode, describeResults(report, SHOWN)).toBe(0);
    const passed = results(report, 'passed');
    // Reads, lists, writes (owned-only ones on resources it created) and the idempotent create.
    for (const op of [
      'getProduct',
      'getOrder',
      'getInventoryLevel',
      'getApiKey',
      'listProducts',
      'listOrders',
      'listApiKeys',
      'updateProduct',
      'cancelOrder',
      'deleteProduct',
      'rotateApiKey',
      'deleteApiKey',
      'activateApiKey',
      'createProduct',
    ])
      expect(passed, op).toContain(op);
    // References in request bodies (the create-like operations whose documented example names ids):
    // one per id prefix, each sent naming the other credential's id and a made-up one, both variants.
    const references = { createOrder: 2, createInventoryAdjustment: 1, createPayout: 1 };
    for (const [op, perVariant] of Object.entries(references)) {
      const r = report.results.find((x) => x.check === 'tenant_isolation' && x.operationId === op);
      expect(r?.status, op).toBe('passed');
      expect(r?.checked, op).toBe(2 * perVariant);
    }
    // References in query filters (GETs whose documented query example names an id): both variants.
    for (const op of ['getUsageSeries', 'listRequestLogs', 'listOrders']) {
      const r = report.results.find((x) => x.check === 'tenant_isolation' && x.operationId === op);
      expect(r?.status, op).toBe('passed');
    }
    // Nothing either credential created is left: the other account's resources went with its key.
    for (const auth of [ADMIN_KEY, other.key, testMode.key]) {
      for (const path of ['/api/v1/api-keys', '/api/v1/products']) {
        const res = await fetch(`${stub.url}${path}?limit=100`, { headers: { 'X-API-Key': auth } });
        const names = ((await res.json()) as { data: { name: string }[] }).data.map((x) => x.name);
        expect(
          names.filter((n) => /^conformance |tenant_isolation/.test(n)),
          path,
        ).toEqual([]);
      }
    }
    // Credentials given are never printed.
    const text = JSON.stringify(report);
    expect(text).not.toContain(other.key);
    expect(text).not.toContain(testMode.key);
    expect(stub.violations).toEqual([]);
  }, 90_000);

  it("fails when the 'other account' is the run's own (its ids are visible), naming the operation", async () => {
    const same = await key({ 'X-API-Key': ADMIN_KEY }, 'live', 'tenant test same account');
    const report = await isolation({ otherAccountKey: same.key });
    expect(report.exitCode).toBe(1);
    const failed = results(report, 'failed');
    expect(failed).toEqual(expect.arrayContaining(['getProduct', 'listProducts', 'getOrder', 'listOrders']));
    const messages = report.results.flatMap((r) => r.failures.map((f) => f.message));
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^getProduct \(GET \/api\/v1\/products\/\{id\}\) with the run's credential on prd_\w+, another account's \(--other-account-key\), was answered 200: it leaks/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^listProducts \(GET \/api\/v1\/products\) with the run's credential lists prd_/),
    );
    // A filter naming a same-account key reads that key's usage: told apart from a made-up id.
    expect(failed).toEqual(expect.arrayContaining(['getUsageSeries']));
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^getUsageSeries \(GET \/api\/v1\/usage\/series\) with the run's credential and keyId=key_\w+, another account's \(--other-account-key\), was answered 200 with other data/,
      ),
    );
    // A same-account customer in createOrder's body is valid: the order is made, a leak by this check.
    expect(failed).toEqual(expect.arrayContaining(['createOrder']));
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^createOrder \(POST \/api\/v1\/orders\) with the run's credential and \/customerId = cus_\w+, another account's \(--other-account-key\), was answered 201; the same body with \/customerId = cus_DoesNotExist\w+, which exists nowhere, 422 unprocessable_entity: it accepts a reference to another account's resource \(a leak\)/,
      ),
    );
  }, 90_000);

  it('is skipped naming the options without them', async () => {
    const report = await isolation({});
    expect(report.exitCode).toBe(0);
    const skipped = report.results.filter((r) => r.check === 'tenant_isolation');
    expect(skipped.length).toBeGreaterThan(10);
    for (const r of skipped) {
      expect(r.status).toBe('skipped');
      expect(r.reason).toMatch(/--other-account-key.*--other-mode-key/);
    }
  });
});
