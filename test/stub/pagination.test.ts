/**
 * Pagination against the stub: `for await` over a list walks every page by cursor and yields
 * every item exactly once, keeping the query (filters, page size) on every page.
 */
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub, stubClient } from '../support/stub.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(() => stub?.close());

describe('pagination across pages', () => {
  it('for await collects every order exactly once, page after page', async () => {
    const admin = stubClient(stub);
    const all = (await admin.orders.list({ limit: 100 })).data.map((o) => o.id);
    expect(all.length).toBeGreaterThan(7);

    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch });
    const seen: string[] = [];
    for await (const order of client.orders.list({ limit: 3 })) seen.push(order.id);

    expect(seen).toHaveLength(all.length);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(new Set(all));
    const pages = recorder.exchanges.filter((e) => e.url.pathname === '/api/v1/orders');
    expect(pages).toHaveLength(Math.ceil(all.length / 3));
    expect(pages.every((e) => e.url.searchParams.get('limit') === '3')).toBe(true);
    // Every page after the first is asked for by the previous page's cursor.
    expect(pages[0]?.url.searchParams.has('cursor')).toBe(false);
    expect(pages.slice(1).every((e) => e.url.searchParams.get('cursor'))).toBe(true);
  });

  it('keeps the filter on every page', async () => {
    const admin = stubClient(stub);
    const paid = (await admin.orders.list({ limit: 100, status: 'paid' })).data.map((o) => o.id);
    expect(paid.length).toBeGreaterThan(2);
    const recorder = recordingFetch();
    const client = stubClient(stub, { fetch: recorder.fetch });
    const seen: string[] = [];
    for await (const order of client.orders.list({ limit: 2, status: 'paid' })) {
      expect(order.status).toBe('paid');
      seen.push(order.id);
    }
    expect(seen).toEqual(paid);
    expect(recorder.exchanges.every((e) => e.url.searchParams.get('status') === 'paid')).toBe(true);
  });

  it('pages by hand: hasNextPage / getNextPage, and the last page says there is no more', async () => {
    const client = stubClient(stub);
    const total = (await client.products.list({ limit: 100 })).data.length;
    let page = await client.products.list({ limit: 4 });
    let count = page.data.length;
    while (page.hasNextPage()) {
      page = await page.getNextPage();
      count += page.data.length;
    }
    expect(count).toBe(total);
    expect(page.hasMore).toBe(false);
    expect(page.nextCursor).toBeNull();
  });

  it('changes to the collection mid-walk neither repeat nor skip the items that were there', async () => {
    const admin = stubClient(stub);
    const before = (await admin.orders.list({ limit: 100 })).data;
    const sample = before[0];
    const product = (await admin.products.list({ limit: 1, active: true })).data[0];
    if (!sample || !product) throw new Error('the stub has no orders or products');
    const seen: string[] = [];
    for await (const order of admin.orders.list({ limit: 3 })) {
      seen.push(order.id);
      if (seen.length === 1) {
        await admin.orders.create({
          customerId: sample.customerId,
          items: [{ productId: product.id, quantity: 1 }],
          currency: 'USD',
        });
        await admin.orders.update(sample.id, { metadata: { touched: 'mid-walk' } });
      }
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const order of before) expect(seen).toContain(order.id);
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
