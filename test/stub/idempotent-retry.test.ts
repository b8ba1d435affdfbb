/**
 * Idempotent create against the stub: the stub does the work and then drops the connection
 * (chaos `Regen-Fault: reset`, first attempt only); the client retries with the same
 * `Idempotency-Key` and the caller gets the one order that was created, not two.
 */
import { APIConnectionError } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub, stubClient } from '../support/stub.ts';

let stub: StubServer;
let customerId: string;
let productId: string;
beforeAll(async () => {
  stub = await startTestStub();
  const admin = stubClient(stub);
  customerId = (await admin.customers.list({ limit: 1 })).data[0]?.id ?? '';
  productId = (await admin.products.list({ limit: 1, active: true })).data[0]?.id ?? '';
});
afterAll(() => stub?.close());

const drop = { 'regen-fault': 'reset' };

/** Orders of the test customer carrying `marker` in their metadata. */
async function ordersMarked(marker: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const order of stubClient(stub).orders.list({ customerId, limit: 100 })) {
    if (order.metadata?.marker === marker) ids.push(order.id);
  }
  return ids;
}

const body = (marker: string) => ({
  customerId,
  items: [{ productId, quantity: 1 }],
  currency: 'USD',
  metadata: { marker },
});

describe('idempotent create retried after a dropped connection', () => {
  it('creates exactly one order and returns it', async () => {
    const recorder = recordingFetch();
    const client = stubClient(stub, {
      fetch: recorder.fetch,
      maxRetries: 2,
      backoff: { initialMs: 50, maxMs: 100 },
    });
    const order = await client.orders.create(body('once'), { headers: drop });

    const attempts = recorder.exchanges.filter(
      (e) => e.method === 'POST' && e.url.pathname === '/api/v1/orders',
    );
    expect(attempts.map((e) => e.status)).toEqual([0, 201]);
    const keys = attempts.map((e) => e.requestHeaders.get('idempotency-key'));
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
    // The answer is the replay of the first attempt's work.
    expect(attempts[1]?.responseHeaders.get('idempotent-replayed')).toBe('true');

    expect(await ordersMarked('once')).toEqual([order.id]);
    expect((await client.orders.retrieve(order.id)).metadata).toEqual({ marker: 'once' });
  });

  it('the fault is real: without an Idempotency-Key the same retry creates a second order', async () => {
    const client = stubClient(stub, { maxRetries: 2, backoff: { initialMs: 50, maxMs: 100 } });
    await client.orders.create(body('twice'), { headers: { ...drop, 'idempotency-key': null } });
    expect(await ordersMarked('twice')).toHaveLength(2);
  });

  it('with retries off the dropped connection surfaces as APIConnectionError, and the order exists', async () => {
    const client = stubClient(stub, { maxRetries: 0 });
    const error = await client.orders
      .create(body('lost'), { headers: drop, idempotencyKey: 'ct-lost-answer-1' })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(await ordersMarked('lost')).toHaveLength(1);
    // Retrying by hand with the same key returns that order instead of creating another.
    const again = await client.orders.create(body('lost'), { idempotencyKey: 'ct-lost-answer-1' });
    expect(await ordersMarked('lost')).toEqual([again.id]);
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
