/** Against the reference stub: API-key calls, pagination, idempotency, typed errors, rate limits, validation. */
import type { OrderCreate } from '@regen/contract';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RegenClient,
} from '../src/index.ts';
import { contractValidator } from '../src/validation.ts';
import { ADMIN_KEY, startTestStub } from './support/stub.ts';
import { transportOptions } from './support/transport.ts';

let stub: StubServer;
let client: RegenClient;
beforeAll(async () => {
  stub = await startTestStub();
  client = new RegenClient({
    ...transportOptions(),
    apiKey: ADMIN_KEY,
    baseUrl: stub.url,
    validate: contractValidator(),
  });
});
afterAll(async () => {
  expect(stub.violations).toEqual([]);
  await stub.close();
});

async function newOrderBody(): Promise<OrderCreate> {
  const [customers, products] = await Promise.all([
    client.customers.list({ limit: 1 }),
    client.products.list({ limit: 1, active: true }),
  ]);
  const customer = customers.data[0];
  const product = products.data[0];
  if (!customer || !product) throw new Error('the stub demo data has no customer or product');
  return { customerId: customer.id, currency: 'USD', items: [{ productId: product.id, quantity: 1 }] };
}

test('health, me, and the first page of orders (validated against the contract)', async () => {
  await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
  const page = await client.orders.list({ limit: 2 });
  expect(page.data).toHaveLength(2);
  expect(page.data[0]?.id).toMatch(/^ord_/);
  expect(client.rateLimit?.limit).toBeGreaterThan(0);
});

test('health reports the API key the client sent (credentials are optional there)', async () => {
  const health = await client.health();
  expect(health.authenticated).toBe(true);
  expect(health.credential?.type).toBe('api_key');
  expect(health.credential?.keyPrefix).toBe(ADMIN_KEY.slice(0, 12));
});

test('for await walks every page; the total matches page-by-page', async () => {
  const ids: string[] = [];
  for await (const order of client.orders.list({ limit: 3 })) ids.push(order.id);
  let pages = 0;
  let total = 0;
  for await (const page of (await client.orders.list({ limit: 3 })).iterPages()) {
    pages++;
    total += page.data.length;
  }
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(total);
  expect(pages).toBeGreaterThan(1);
});

test('create an order; the same Idempotency-Key replays the same order', async () => {
  const body = await newOrderBody();
  const key = `test-${Date.now()}`;
  const first = await client.orders.create(body, { idempotencyKey: key }).withResponse();
  const again = await client.orders.create(body, { idempotencyKey: key }).withResponse();
  expect(again.data.id).toBe(first.data.id);
  expect(again.response.headers.get('idempotent-replayed')).toBe('true');
  const fresh = await client.orders.create(body);
  expect(fresh.id).not.toBe(first.data.id);
  await expect(client.orders.retrieve(first.data.id)).resolves.toMatchObject({ id: first.data.id });
  const cancelled = await client.orders.cancel(first.data.id, { reason: 'test' });
  expect(cancelled.status).toBe('cancelled');
});

test('404, 400 with details, 403 naming the scope', async () => {
  await expect(client.orders.retrieve('ord_doesNotExist1')).rejects.toBeInstanceOf(NotFoundError);
  const bad = (await client.orders
    .create({ customerId: 'cus_x', currency: 'USD', items: 'none' } as never)
    .catch((e: unknown) => e)) as BadRequestError;
  expect(bad).toBeInstanceOf(BadRequestError);
  expect(bad.code).toBe('validation_error');
  expect(bad.details?.length).toBeGreaterThan(0);
  expect(bad.requestId).toMatch(/^req_/);

  const created = await client.apiKeys.create({
    name: 'read-only',
    scopes: ['read:orders'],
    environment: 'test',
  });
  expect(created.key).toMatch(/^rg_test_/);
  const readOnly = new RegenClient({ ...transportOptions(), apiKey: created.key, baseUrl: stub.url });
  await expect(readOnly.orders.list({ limit: 1 })).resolves.toBeDefined();
  const denied = (await readOnly.orders
    .create(await newOrderBody())
    .catch((e: unknown) => e)) as PermissionDeniedError;
  expect(denied).toBeInstanceOf(PermissionDeniedError);
  expect(denied.scope).toBe('write:orders');
  expect(denied.message).toContain('write:orders');
  // Named exactly once: the server's message verbatim, the scope added only when it lacks it.
  expect(denied.message.split('write:orders')).toHaveLength(2);
});

test('API keys: rotate keeps the old key valid during the grace period; deactivate stops it', async () => {
  const created = await client.apiKeys.create({
    name: 'rotating',
    scopes: ['read:orders'],
    environment: 'test',
  });
  const rotated = await client.apiKeys.rotate(created.id);
  expect(rotated.key).not.toBe(created.key);
  await expect(
    new RegenClient({ ...transportOptions(), apiKey: created.key, baseUrl: stub.url }).orders.list(),
  ).resolves.toBeDefined();
  await expect(
    new RegenClient({ ...transportOptions(), apiKey: rotated.key, baseUrl: stub.url }).orders.list(),
  ).resolves.toBeDefined();
  await client.apiKeys.deactivate(created.id);
  await expect(
    new RegenClient({
      ...transportOptions(),
      apiKey: rotated.key,
      baseUrl: stub.url,
      maxRetries: 0,
    }).orders.list(),
  ).rejects.toMatchObject({
    status: 401,
  });
  await client.apiKeys.activate(created.id);
  await expect(client.apiKeys.retrieve(created.id)).resolves.toMatchObject({ status: 'active' });
});

test('a real rate limit: a wait beyond maxRetryAfter throws RateLimitError at once with retryAfterMs', async () => {
  const limited = await startTestStub({ rateLimits: 'standard=1000/1h,burst=2/1m,write=1000/1h' });
  try {
    const c = new RegenClient({
      ...transportOptions(),
      apiKey: ADMIN_KEY,
      baseUrl: limited.url,
      maxRetryAfter: 1000,
    });
    await c.orders.list();
    await c.orders.list();
    const error = (await c.orders.list().catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeGreaterThan(1000);
    expect(error.rateLimit?.remaining).toBe(0);
    expect(c.rateLimit?.remaining).toBe(0);
  } finally {
    await limited.close();
  }
});
