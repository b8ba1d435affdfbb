/**
 * Webhooks: register an endpoint, then verify each delivery's Regen-Signature with
 * `constructEvent` (constant-time HMAC check, 5-minute replay tolerance) before trusting it, and
 * act on each event id once (deliveries may repeat).
 *
 *   REGEN_BASE_URL=http://127.0.0.1:4010 REGEN_API_KEY=rg_test_… npx tsx examples/webhook-receiver.ts
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RegenClient } from '@regen/client';
import { constructEvent } from '@regen/client/webhooks';

const regen = new RegenClient();
let secret = '';

let endpointId = '';
// Deliveries may repeat (a retry after a lost acknowledgement): act on each event id once.
const seen = new Set<string>();
const received = new Promise<string>((resolve) => {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      try {
        // Verify over the raw bytes, before any JSON parsing; a timestamp more than 5 minutes
        // off is refused as a possible replay.
        const event = await constructEvent(
          Buffer.concat(chunks),
          req.headers['regen-signature'] as string,
          secret,
          { tolerance: 300 },
        );
        res.writeHead(204).end(); // acknowledge first, duplicates too
        if (seen.has(event.id)) return; // already handled: a repeated delivery
        seen.add(event.id);
        server.close();
        resolve(`${event.type} ${event.id}`);
      } catch (error) {
        res.writeHead(400).end(); // a forged or replayed delivery
        console.error((error as Error).message);
      }
    });
  });
  server.listen(0, '127.0.0.1', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`;
    const endpoint = await regen.webhooks.create({ url, events: ['order.created'] });
    secret = endpoint.secret; // returned once, at creation: store it
    endpointId = endpoint.id;
    const [customer] = (await regen.customers.list({ limit: 1 })).data;
    const [product] = (await regen.products.list({ limit: 1, active: true })).data;
    if (customer && product) {
      await regen.orders.create({
        customerId: customer.id,
        currency: 'USD',
        items: [{ productId: product.id, quantity: 1 }],
      });
    }
  });
});

console.log(`Verified delivery: ${await received}`);
await regen.webhooks.delete(endpointId);
