/**
 * Rate limits against the stub: past the burst limit the stub answers 429 with `Retry-After`;
 * the client waits as long as it was told and then succeeds, without the caller noticing.
 */
import { RateLimitError } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub, stubClient } from '../support/stub.ts';

const running: StubServer[] = [];
afterEach(async () => {
  for (const stub of running.splice(0)) {
    expect(stub.violations).toEqual([]);
    await stub.close();
  }
});

/** A stub whose burst limit is 3 requests per 2 seconds (per credential). */
async function tightStub(): Promise<StubServer> {
  const stub = await startTestStub({ rateLimits: 'standard=100000/1h,burst=3/2s,write=100000/1h' });
  running.push(stub);
  return stub;
}

async function raisedStub(): Promise<StubServer> {
  const stub = await startTestStub();
  running.push(stub);
  return stub;
}

const ordersCalls = (r: ReturnType<typeof recordingFetch>) =>
  r.exchanges.filter((e) => e.url.pathname === '/api/v1/orders');

describe('burst limit → 429 → client waits (Retry-After) → succeeds', () => {
  it('the call past the burst limit succeeds after waiting Retry-After', async () => {
    const stub = await tightStub();
    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch, maxRetries: 2 });

    for (let i = 0; i < 3; i++) await client.orders.list({ limit: 1 });
    expect(client.rateLimit?.remaining).toBe(0);
    const page = await client.orders.list({ limit: 1 });
    expect(page.data).toHaveLength(1);

    const calls = ordersCalls(recorder);
    expect(calls.map((e) => e.status)).toEqual([200, 200, 200, 429, 200]);
    const limited = calls[3];
    const retry = calls[4];
    if (!limited || !retry) throw new Error('missing exchanges');
    const retryAfter = limited.responseHeaders.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // The client honoured the server's wait (a lower bound, not a speed check).
    expect(retry.sentAt - limited.answeredAt).toBeGreaterThanOrEqual(Number(retryAfter) * 1000 - 25);
    expect(client.rateLimit?.limit).toBe(3);
  });

  it('with retries off, the 429 surfaces as RateLimitError telling how long to wait', async () => {
    const stub = await tightStub();
    const client = stubClient(stub, { maxRetries: 0 });
    for (let i = 0; i < 3; i++) await client.orders.list({ limit: 1 });
    const error = await client.orders.list({ limit: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(RateLimitError);
    const e = error as RateLimitError;
    expect(e.status).toBe(429);
    expect(e.code).toBe('rate_limit_exceeded');
    expect(e.retryAfterMs).toBeGreaterThan(0);
    expect(e.retryAfterMs).toBeLessThanOrEqual(2_000);
    expect(e.rateLimit?.remaining).toBe(0);
  });

  it('Retry-After given as an HTTP date is honoured too (RFC 9110 §10.2.3)', async () => {
    const stub = await raisedStub();
    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch, maxRetries: 2 });
    const page = await client.orders.list(
      { limit: 1 },
      { headers: { 'regen-fault': '429; retry-after=1; format=date' } },
    );
    expect(page.data).toHaveLength(1);
    const calls = ordersCalls(recorder);
    expect(calls.map((e) => e.status)).toEqual([429, 200]);
    expect(calls[0]?.responseHeaders.get('retry-after')).toMatch(/GMT$/);
  });

  it('a wait longer than maxRetryAfter is not slept through: the error comes at once', async () => {
    const stub = await raisedStub();
    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch, maxRetries: 2, maxRetryAfter: 5_000 });
    const error = await client.orders
      .list({ limit: 1 }, { headers: { 'regen-fault': '429; retry-after=huge' } })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBeGreaterThan(5_000);
    expect(ordersCalls(recorder)).toHaveLength(1);
  });
});
