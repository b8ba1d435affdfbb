/** Fault handling against the stub's chaos mode (`Regen-Fault` request header), over real HTTP. */
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  APIConnectionTimeoutError,
  APIUserAbortError,
  type ClientOptions,
  InternalServerError,
  RateLimitError,
  RegenClient,
} from '../src/index.ts';
import { ADMIN_KEY, startTestStub } from './support/stub.ts';
import { countingTransport } from './support/transport.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub({ chaos: true });
});
afterAll(() => stub.close());

function chaosClient(options: ClientOptions = {}) {
  const counter = countingTransport();
  const client = new RegenClient({
    apiKey: ADMIN_KEY,
    baseUrl: stub.url,
    transport: counter.transport,
    backoff: { initialMs: 10, maxMs: 50 },
    logLevel: 'off',
    ...options,
  } as ClientOptions); // `options` may swap the credential: see testClient
  return { client, counter };
}
const fault = (value: string) => ({ headers: { 'Regen-Fault': value } });

test('429 with Retry-After in seconds: waits, retries, succeeds', async () => {
  const { client, counter } = chaosClient();
  const started = Date.now();
  await expect(client.orders.list({ limit: 1 }, fault('429; retry-after=1'))).resolves.toBeDefined();
  expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  expect(counter.count('/api/v1/orders')).toBe(2);
});

test('429 with Retry-After as an HTTP date: waits, retries, succeeds', async () => {
  const { client, counter } = chaosClient();
  await expect(
    client.orders.list({ limit: 1 }, fault('429; retry-after=1; format=date')),
  ).resolves.toBeDefined();
  expect(counter.count('/api/v1/orders')).toBe(2);
});

test('429 with a huge Retry-After: RateLimitError at once, retryAfterMs set, nothing more sent', async () => {
  const { client, counter } = chaosClient();
  const started = Date.now();
  const error = (await client.orders
    .list({}, fault('429; retry-after=huge'))
    .catch((e: unknown) => e)) as RateLimitError;
  expect(error).toBeInstanceOf(RateLimitError);
  expect(error.retryAfterMs).toBe(31_536_000_000);
  expect(counter.count('/api/v1/orders')).toBe(1);
  expect(Date.now() - started).toBeLessThan(5_000);
});

test('abort 200 ms into a 5 s Retry-After settles promptly', async () => {
  const { client, counter } = chaosClient();
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 200);
  const started = Date.now();
  await expect(
    client.orders.list({}, { ...fault('429; retry-after=5'), signal: controller.signal }),
  ).rejects.toBeInstanceOf(APIUserAbortError);
  expect(Date.now() - started).toBeLessThan(2_000);
  await new Promise((r) => setTimeout(r, 200));
  expect(counter.count('/api/v1/orders')).toBe(1);
});

test('a run of 503s within the retry budget succeeds; a longer run exhausts it', async () => {
  const ok = chaosClient({ maxRetries: 2 });
  await expect(ok.client.orders.list({}, fault('503; count=2; retry-after=0'))).resolves.toBeDefined();
  expect(ok.counter.count('/api/v1/orders')).toBe(3);

  const short = chaosClient({ maxRetries: 2 });
  await expect(short.client.orders.list({}, fault('503; count=3; retry-after=0'))).rejects.toBeInstanceOf(
    InternalServerError,
  );
  expect(short.counter.count('/api/v1/orders')).toBe(3);
});

test('a dropped connection (before or after the work) is retried', async () => {
  for (const when of ['before', 'after']) {
    const { client, counter } = chaosClient();
    await expect(client.orders.list({}, fault(`reset; when=${when}`))).resolves.toBeDefined();
    expect(counter.count('/api/v1/orders')).toBe(2);
  }
});

async function orderBody(client: RegenClient) {
  const customers = await client.customers.list({ limit: 1 });
  const products = await client.products.list({ limit: 1, active: true });
  return {
    customerId: customers.data[0]?.id ?? '',
    currency: 'USD' as const,
    items: [{ productId: products.data[0]?.id ?? '', quantity: 1 }],
  };
}

test('a dropped creating POST is retried with the same Idempotency-Key', async () => {
  const keys: (string | null)[] = [];
  const inner = countingTransport().transport;
  const client = new RegenClient({
    apiKey: ADMIN_KEY,
    baseUrl: stub.url,
    backoff: { initialMs: 10, maxMs: 50 },
    transport: {
      send(request) {
        if (request.method === 'POST') keys.push(request.headers['idempotency-key'] ?? null);
        return inner.send(request);
      },
    },
  });
  await client.orders.create(await orderBody(client), fault('reset; when=after'));
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
  expect(keys[1]).toBe(keys[0]);
});

test('the retried POST replays the first order: one order, not two', async () => {
  const { client } = chaosClient();
  const body = await orderBody(client);
  const before = (await client.orders.list({ limit: 100, customerId: body.customerId })).data.length;
  await client.orders.create(body, fault('reset; when=after'));
  const after = (await client.orders.list({ limit: 100, customerId: body.customerId })).data;
  expect(after.length).toBe(before + 1);
});

test('a hung response times out and is retried', async () => {
  const { client, counter } = chaosClient({ timeout: 300 });
  await expect(client.orders.list({}, fault('hang'))).resolves.toBeDefined();
  expect(counter.count('/api/v1/orders')).toBe(2);
  const once = chaosClient({ timeout: 300, maxRetries: 0 });
  await expect(once.client.orders.list({}, fault('hang'))).rejects.toBeInstanceOf(APIConnectionTimeoutError);
});

test('a truncated body is retried', async () => {
  const { client, counter } = chaosClient();
  await expect(client.orders.list({ limit: 2 }, fault('truncate'))).resolves.toMatchObject({
    data: expect.any(Array),
  });
  expect(counter.count('/api/v1/orders')).toBe(2);
});

test('401 after token expiry: one refresh, one replay, even with maxRetries: 0', async () => {
  const counter = countingTransport();
  const client = await RegenClient.login({
    ...stub.demoUser,
    baseUrl: stub.url,
    transport: counter.transport,
    maxRetries: 0,
  });
  await expect(client.users.me(fault('expire-token'))).resolves.toMatchObject({ email: stub.demoUser.email });
  expect(counter.paths).toEqual([
    '/api/auth/login',
    '/api/v1/users/me',
    '/api/auth/refresh',
    '/api/v1/users/me',
  ]);
});
