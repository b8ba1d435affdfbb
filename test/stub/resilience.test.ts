/**
 * Transient failures against the stub (its `Regen-Fault` chaos header): the client retries
 * what is safe to retry and surfaces the rest as the right error.
 */
import { APIConnectionTimeoutError, InternalServerError } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub, stubClient } from '../support/stub.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(() => stub?.close());

const fast = { initialMs: 20, maxMs: 50 };
const calls = (r: ReturnType<typeof recordingFetch>, path: string) =>
  r.exchanges.filter((e) => e.url.pathname === path);

describe('transient failures', () => {
  it('two 503s in a row are retried and the third attempt succeeds', async () => {
    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch, maxRetries: 2, backoff: fast });
    const page = await client.products.list({ limit: 1 }, { headers: { 'regen-fault': '503; count=2' } });
    expect(page.data).toHaveLength(1);
    expect(calls(recorder, '/api/v1/products').map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('more 503s than retries surface as InternalServerError with the request id', async () => {
    const client = stubClient(stub, { maxRetries: 1, backoff: fast });
    const error = await client.products
      .list({ limit: 1 }, { headers: { 'regen-fault': '503; count=5' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as InternalServerError).status).toBe(503);
    expect((error as InternalServerError).code).toBe('service_unavailable');
    expect((error as InternalServerError).requestId).toMatch(/^req_/);
  });

  it('a body cut off mid-way is retried rather than handed over half-parsed', async () => {
    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch, maxRetries: 2, backoff: fast });
    const page = await client.orders.list({ limit: 5 }, { headers: { 'regen-fault': 'truncate' } });
    expect(page.data).toHaveLength(5);
    expect(calls(recorder, '/api/v1/orders')).toHaveLength(2);
  });

  it('a server that never answers hits the per-attempt timeout', async () => {
    const client = stubClient(stub, { maxRetries: 0, timeout: 300 });
    const error = await client.orders
      .list({ limit: 1 }, { headers: { 'regen-fault': 'hang' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
