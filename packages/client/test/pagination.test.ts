/** Cursor pagination: the first page directly, every item with for-await, page by page. */
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { Page, RegenError } from '../src/index.ts';
import { testClient } from './support/client.ts';
import { startServer, type TestServer } from './support/server.ts';

let server: TestServer;
const all = Array.from({ length: 7 }, (_, i) => ({ id: `ord_${i}` }));

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.handle((req, res) => {
    const url = new URL(req.url ?? '', 'http://x');
    const limit = Number(url.searchParams.get('limit') ?? 3);
    const start = Number(url.searchParams.get('cursor') ?? 0);
    const data = all.slice(start, start + limit);
    const hasMore = start + limit < all.length;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ success: true, data, hasMore, nextCursor: hasMore ? String(start + limit) : null }),
    );
  });
});

test('awaiting a list gives the first page', async () => {
  const page = await testClient(server.url).orders.list({ limit: 3, status: 'paid' });
  expect(page).toBeInstanceOf(Page);
  expect(page.data.map((o) => o.id)).toEqual(['ord_0', 'ord_1', 'ord_2']);
  expect(page.hasMore).toBe(true);
  expect(page.nextCursor).toBe('3');
  expect(server.requests[0]?.url).toBe('/api/v1/orders?limit=3&status=paid');
});

test('for await over the list yields every item across pages, keeping the query', async () => {
  const ids: string[] = [];
  for await (const order of testClient(server.url).orders.list({ limit: 3, status: 'paid' }))
    ids.push(order.id);
  expect(ids).toEqual(all.map((o) => o.id));
  expect(server.requests.map((r) => r.url)).toEqual([
    '/api/v1/orders?limit=3&status=paid',
    '/api/v1/orders?limit=3&status=paid&cursor=3',
    '/api/v1/orders?limit=3&status=paid&cursor=6',
  ]);
});

test('page by page with iterPages / getNextPage', async () => {
  const first = await testClient(server.url).orders.list({ limit: 5 });
  const sizes: number[] = [];
  for await (const page of first.iterPages()) sizes.push(page.data.length);
  expect(sizes).toEqual([5, 2]);
  const second = await first.getNextPage();
  expect(second.hasNextPage()).toBe(false);
  expect(() => second.getNextPage()).toThrow(RegenError);
});

test('breaking out early stops fetching', async () => {
  for await (const order of testClient(server.url).orders.list({ limit: 3 })) {
    if (order.id === 'ord_1') break;
  }
  expect(server.requests).toHaveLength(1);
});

test('a cursor that does not advance is an error, not an endless loop', async () => {
  server.handle((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ success: true, data: [{ id: 'ord_x' }], hasMore: true, nextCursor: 'same' }));
  });
  const seen: string[] = [];
  await expect(
    (async () => {
      for await (const order of testClient(server.url).orders.list()) seen.push(order.id);
    })(),
  ).rejects.toThrow(/did not advance/);
  expect(server.requests.length).toBeLessThanOrEqual(3);
});

test('the page withResponse exposes the raw response', async () => {
  const { data, response, requestId } = await testClient(server.url).orders.list({ limit: 2 }).withResponse();
  expect(data.data).toHaveLength(2);
  expect(response.status).toBe(200);
  expect(requestId).toBeUndefined();
});
