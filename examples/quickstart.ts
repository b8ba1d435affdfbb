/**
 * API-key quickstart: reads REGEN_API_KEY and REGEN_BASE_URL from the environment.
 *
 *   REGEN_BASE_URL=http://127.0.0.1:4010 REGEN_API_KEY=rg_test_… npx tsx examples/quickstart.ts
 */
import { RegenClient } from '@regen/client';

const regen = new RegenClient(); // X-API-Key from REGEN_API_KEY; retries 429/5xx/network errors twice

const health = await regen.health();
console.log(`API ${health.status} (version ${health.version})`);

const page = await regen.orders.list({ limit: 5 });
console.log(`First ${page.data.length} orders${page.hasMore ? ' (more available)' : ''}:`);
for (const order of page.data) {
  console.log(
    `  ${order.id}  ${order.status.padEnd(10)} ${(order.total.amount / 100).toFixed(2)} ${order.total.currency}`,
  );
}

const first = page.data[0];
if (first) {
  const { data: order, requestId, rateLimit } = await regen.orders.retrieve(first.id).withResponse();
  console.log(
    `Retrieved ${order.id} (request ${requestId}); ${rateLimit?.remaining}/${rateLimit?.limit} requests left`,
  );
}
