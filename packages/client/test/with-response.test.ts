/** Unwrapped data, `.withResponse()`, `client.rateLimit`, and the typed low-level calls. */
import { expect, test } from 'vitest';
import { APIPromise } from '../src/index.ts';
import { testClient } from './support/client.ts';
import { json, ok, useTestServer } from './support/server.ts';

const server = useTestServer();

const limits = (remaining: number) => ({
  'x-ratelimit-limit': '100',
  'x-ratelimit-remaining': String(remaining),
  'x-ratelimit-reset': '2000000000',
});

test('methods resolve to the unwrapped data; withResponse adds response, requestId, rateLimit', async () => {
  server.handle(ok({ id: 'ord_1' }, limits(42)));
  const client = testClient(server.url);
  const promise = client.orders.retrieve('ord_1');
  expect(promise).toBeInstanceOf(APIPromise);
  expect(promise).toBeInstanceOf(Promise);
  await expect(promise).resolves.toEqual({ id: 'ord_1' });
  const { data, response, requestId, rateLimit } = await client.orders.retrieve('ord_1').withResponse();
  expect(data).toEqual({ id: 'ord_1' });
  expect(response).toBeInstanceOf(Response);
  expect(response.status).toBe(200);
  expect(requestId).toBe('req_test123');
  expect(rateLimit).toEqual({ limit: 100, remaining: 42, reset: 2_000_000_000 });
});

test('client.rateLimit holds the last window seen (errors included), undefined before any', async () => {
  const client = testClient(server.url);
  expect(client.rateLimit).toBeUndefined();
  server.handle(ok({}, limits(9)));
  await client.users.me();
  expect(client.rateLimit?.remaining).toBe(9);
  server.handle(json(404, { success: false, error: { code: 'not_found', message: 'x' } }, limits(8)));
  await client.users.me().catch(() => {});
  expect(client.rateLimit?.remaining).toBe(8);
  server.handle(ok({})); // no headers: the last known window stays
  await client.users.me();
  expect(client.rateLimit?.remaining).toBe(8);
});

test('then/catch/finally behave like a Promise', async () => {
  server.handle(ok({ id: 'a' }));
  const client = testClient(server.url);
  expect(await client.users.me().then((d) => (d as { id: string }).id)).toBe('a');
  let finished = false;
  await client.users.me().finally(() => {
    finished = true;
  });
  expect(finished).toBe(true);
  server.handle(json(404, { success: false, error: { code: 'not_found', message: 'x' } }));
  expect(await client.users.me().catch((e: Error) => e.name)).toBe('NotFoundError');
});

test('low-level GET/POST/PUT/PATCH/DELETE resolve to the whole body', async () => {
  server.handle(ok({ id: 'x' }));
  const client = testClient(server.url);
  await expect(client.GET('/api/v1/orders/{id}', { params: { path: { id: 'ord_1' } } })).resolves.toEqual({
    success: true,
    data: { id: 'x' },
  });
  await client.GET('/api/v1/orders', { params: { query: { limit: 5, status: 'paid' } } });
  await client.PATCH('/api/v1/orders/{id}', { params: { path: { id: 'ord_1' } }, body: {} });
  await client.PUT('/api/v1/api-keys/{id}', { params: { path: { id: 'key_1' } }, body: { name: 'n' } });
  await client.DELETE('/api/v1/products/{id}', { params: { path: { id: 'prd_1' } } });
  await client.POST('/api/v1/api-keys/{id}/deactivate', { params: { path: { id: 'key_1' } } });
  expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
    'GET /api/v1/orders/ord_1',
    'GET /api/v1/orders?limit=5&status=paid',
    'PATCH /api/v1/orders/ord_1',
    'PUT /api/v1/api-keys/key_1',
    'DELETE /api/v1/products/prd_1',
    'POST /api/v1/api-keys/key_1/deactivate',
  ]);
  expect(JSON.parse(server.requests[3]?.body ?? '')).toEqual({ name: 'n' });
});

test('an empty path parameter rejects without a request', async () => {
  const client = testClient(server.url);
  await expect(client.orders.retrieve('')).rejects.toThrow(/Missing path parameter/);
  expect(server.requests).toHaveLength(0);
});

test('a custom fetch is used (with no transport given)', async () => {
  server.handle(ok({ id: 'x' }));
  let calls = 0;
  const client = testClient(server.url, {
    transport: undefined,
    fetch: (input, init) => {
      calls++;
      return fetch(input, init);
    },
  });
  await client.users.me();
  expect(calls).toBe(1);
});
