/**
 * Background work outlives the instance that started it (three stub processes on PostgreSQL +
 * Redis): payout settlement and webhook retries are jobs on the shared Redis queue, and an API
 * key's `lastUsedAt` is seen on every instance. Real HTTP, real PostgreSQL and Redis, `kill -9`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStoreArgs, startCluster } from './support/cluster.ts';
import { startReceiver } from './support/receiver.ts';
import { createSandboxStores, SHARED } from './support/shared-stores.ts';
import { Client, eventually, orderBody, sleep } from './support/stub.ts';

type Cluster = Awaited<ReturnType<typeof startCluster>>;

/** Resolves once the killed child has exited. */
async function exited(cluster: Cluster, index: number): Promise<void> {
  const child = cluster.instances[index]?.child;
  await eventually(() => (child?.exitCode !== null || child?.signalCode !== null ? true : undefined), 5000);
}

describe.skipIf(SHARED.skip)('jobs shared by three instances (PostgreSQL + Redis)', () => {
  let stores: ReturnType<typeof createSandboxStores>;
  let cluster: Cluster;
  let direct: [Client, Client, Client];

  beforeAll(async () => {
    stores = createSandboxStores();
    cluster = await startCluster(3, [
      ...sharedStoreArgs(stores),
      // A shared sandbox refuses loopback webhook targets by default; the tests' receivers are there.
      '--webhook-allow-private=127.0.0.0/8',
      '--rate-limits',
      'standard=1000000/1h,burst=1000000/1m,write=1000000/1h,auth=1000/15m',
      // Long enough that a retry cannot be taken by the instance killed right after the first failure.
      '--webhook-backoff',
      '1s',
      '--log-level',
      'warn',
    ]);
    direct = cluster.instances.map((i) => new Client(i.url)) as [Client, Client, Client];
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    stores?.drop();
  });

  it('shows on instance 2 the lastUsedAt of a key used on instance 0', async () => {
    const created = await direct[0].post('/api/v1/api-keys', {
      name: 'last-used',
      scopes: ['read:products'],
      environment: 'test',
    });
    expect(created.status).toBe(201);
    const { id, key } = created.body.data;
    expect(created.body.data.lastUsedAt).toBeNull();
    const usedAt = Date.now();
    expect((await direct[0].get('/api/v1/products?limit=1', { key })).status).toBe(200);
    const near = (iso: string | null) => {
      expect(iso).not.toBeNull();
      expect(Math.abs(Date.parse(iso as string) - usedAt)).toBeLessThan(3000);
    };
    const read = await eventually(async () => {
      const reply = await direct[2].get(`/api/v1/api-keys/${id}`);
      return reply.body.data?.lastUsedAt ? reply : undefined;
    }, 3000);
    near(read.body.data.lastUsedAt);
    const listed = await direct[1].get('/api/v1/api-keys?limit=100');
    near(listed.body.data.find((k: { id: string }) => k.id === id)?.lastUsedAt ?? null);
    // A write answered by another instance shows it too.
    const renamed = await direct[2].call('PUT', `/api/v1/api-keys/${id}`, { body: { name: 'renamed' } });
    expect(renamed.status).toBe(200);
    near(renamed.body.data.lastUsedAt);
  });

  it('settles a payout whose instance was killed (-9) right after creating it', async () => {
    const approved = (await direct[0].get('/api/v1/commissions?status=approved&limit=2')).body.data;
    expect(approved.length).toBe(2);
    const ids = approved.map((c: { id: string }) => c.id);
    const created = await direct[0].post('/api/v1/payouts', { commissionIds: ids });
    cluster.instances[0]?.kill(); // before the settle delay (100 ms) is over
    expect(created.status).toBe(201);
    expect(created.body.data.status).toBe('pending');
    await exited(cluster, 0);
    const paid = await eventually(async () => {
      const reply = await direct[1].get(`/api/v1/payouts/${created.body.data.id}`);
      return reply.body.data?.status === 'paid' ? reply.body.data : undefined;
    }, 10_000);
    expect(paid.paidAt).not.toBeNull();
    for (const id of ids)
      expect((await direct[2].get(`/api/v1/commissions/${id}`)).body.data.status).toBe('paid');
  });

  it('delivers a webhook event once though the instance that emitted it died after the first failure', async () => {
    // 500, 500, then 200.
    const receiver = await startReceiver((n) => (n <= 2 ? 500 : 200));
    try {
      const endpoint = await direct[1].post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['order.created'],
      });
      expect(endpoint.status).toBe(201);
      const body = await orderBody(direct[1]);
      const order = await direct[1].post('/api/v1/orders', body);
      expect(order.status).toBe(201);
      await eventually(() => (receiver.received.length >= 1 ? true : undefined), 5000);
      await sleep(50); // the failure is recorded, its retry is due in 1 s
      cluster.instances[1]?.kill();
      await exited(cluster, 1);
      await eventually(() => (receiver.received.length >= 3 ? true : undefined), 20_000);
      await sleep(1500); // any duplicate would have arrived by now
      const events = receiver.received.map((r) => JSON.parse(r.body));
      expect(events).toHaveLength(3); // two failures, one success
      expect(new Set(events.map((e) => e.id)).size).toBe(1);
      expect(events[0].data.object.id).toBe(order.body.data.id);
      expect(new Set(receiver.received.map((r) => r.headers['regen-event-id']))).toEqual(
        new Set([events[0].id]),
      );
      // Attempts made by different instances are one delivery, read through a survivor (instance 0
      // was killed by an earlier case, 1 by this one).
      for (const client of [direct[2]]) {
        const deliveries = await client?.get(`/api/v1/webhooks/${endpoint.body.data.id}/deliveries`);
        expect(deliveries?.status, deliveries?.text).toBe(200);
        expect(deliveries?.body.data).toHaveLength(1);
        expect(deliveries?.body.data[0]).toMatchObject({ eventId: events[0].id, status: 'delivered' });
        expect(deliveries?.body.data[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
          500, 500, 200,
        ]);
      }
    } finally {
      await receiver.close();
    }
  }, 40_000);
});
