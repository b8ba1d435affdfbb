/** Idempotency-Key on creating POSTs, stable across attempts; streamed bodies are never retried. */
import { expect, test } from 'vitest';
import { InternalServerError } from '../src/index.ts';
import { testClient } from './support/client.ts';
import { apiError, json, ok, useTestServer } from './support/server.ts';

const server = useTestServer();

const keys = () => server.requests.map((r) => r.headers['idempotency-key']);
const order = { items: [{ productId: 'prd_1', quantity: 1 }] } as never;

test('a creating POST carries a generated key, the same on every attempt', async () => {
  server.sequence(
    apiError(503, 'service_unavailable', 'x', { 'retry-after-ms': '1' }),
    apiError(409, 'idempotency_key_in_use', 'in flight', { 'retry-after-ms': '1' }),
    json(201, { success: true, data: { id: 'ord_1' } }),
  );
  await expect(testClient(server.url).orders.create(order)).resolves.toEqual({ id: 'ord_1' });
  const sent = keys();
  expect(sent).toHaveLength(3);
  expect(sent[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(new Set(sent).size).toBe(1);
  expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  expect(JSON.parse(server.requests[2]?.body ?? '')).toEqual(order);
});

test('each call gets its own key', async () => {
  server.handle(json(201, { success: true, data: { id: 'ord_1' } }));
  const client = testClient(server.url);
  await client.orders.create(order);
  await client.orders.create(order);
  expect(new Set(keys()).size).toBe(2);
});

test('a caller-provided key is used as is', async () => {
  server.handle(json(201, { success: true, data: { id: 'ord_1' } }));
  await testClient(server.url).orders.create(order, { idempotencyKey: 'order-42' });
  expect(keys()).toEqual(['order-42']);
});

test.each([
  ['cancel', (c: ReturnType<typeof testClient>) => c.orders.cancel('ord_1')],
  ['product', (c: ReturnType<typeof testClient>) => c.products.create({} as never)],
  ['adjustment', (c: ReturnType<typeof testClient>) => c.inventory.adjustments.create({} as never)],
  ['payout', (c: ReturnType<typeof testClient>) => c.commissions.payouts.create({} as never)],
  ['webhook endpoint', (c: ReturnType<typeof testClient>) => c.webhooks.create({} as never)],
  ['api key', (c: ReturnType<typeof testClient>) => c.apiKeys.create({} as never)],
  ['rotation', (c: ReturnType<typeof testClient>) => c.apiKeys.rotate('key_1')],
  ['low-level POST', (c: ReturnType<typeof testClient>) => c.POST('/api/v1/orders', { body: {} as never })],
])('%s carries a key', async (_name, call) => {
  server.handle(ok({ id: 'x' }));
  await call(testClient(server.url));
  expect(keys()[0]).toBeTypeOf('string');
});

test('reads and non-creating writes carry none', async () => {
  server.handle(ok({ id: 'x' }));
  const client = testClient(server.url);
  await client.orders.retrieve('ord_1');
  await client.apiKeys.deactivate('key_1');
  await client.orders.update('ord_1', {} as never);
  expect(keys()).toEqual([undefined, undefined, undefined]);
});

test('a streamed body is sent once and never retried', async () => {
  server.handle(apiError(503, 'service_unavailable', 'down', { 'retry-after-ms': '1' }));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('{"items":'));
      controller.enqueue(new TextEncoder().encode('[]}'));
      controller.close();
    },
  });
  const error = await testClient(server.url, { maxRetries: 3 })
    .POST('/api/v1/orders', { body: stream as never, headers: { 'content-type': 'application/json' } })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InternalServerError);
  expect(server.requests).toHaveLength(1);
  expect(server.requests[0]?.body).toBe('{"items":[]}');
});
