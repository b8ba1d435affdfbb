/**
 * Pagination: the first page directly, every item with for-await, or page by page.
 *
 *   REGEN_BASE_URL=http://127.0.0.1:4010 REGEN_API_KEY=rg_test_… npx tsx examples/pagination.ts
 */
import { RegenClient } from '@regen/client';

const regen = new RegenClient();

// 1. The first page, as is.
const first = await regen.orders.list({ limit: 10 });
console.log(`Page 1: ${first.data.length} orders, hasMore=${first.hasMore}`);

// 2. Every order across all pages (pages are fetched as the loop needs them).
let count = 0;
let revenue = 0;
for await (const order of regen.orders.list({ limit: 25, status: 'paid' })) {
  count++;
  revenue += order.total.amount;
}
console.log(`All paid orders: ${count}, total ${(revenue / 100).toFixed(2)}`);

// 3. Page by page.
let pages = 0;
for await (const page of first.iterPages()) pages += page.data.length > 0 ? 1 : 0;
console.log(`${pages} pages of 10`);

// 4. Or by hand.
if (first.hasNextPage()) {
  const second = await first.getNextPage();
  console.log(`Page 2 starts with ${second.data[0]?.id}`);
}
