/**
 * Three stub processes on one PostgreSQL database and one Redis prefix, behind a round-robin
 * proxy, behave as one server. Real HTTP, real PostgreSQL and Redis.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStoreArgs, startCluster } from './support/cluster.ts';
import { startReceiver } from './support/receiver.ts';
import { createSandboxStores, SHARED } from './support/shared-stores.ts';
import { Client, eventually, orderBody, sleep } from './support/stub.ts';

type Cluster = Awaited<ReturnType<typeof startCluster>>;

describe.skipIf(SHARED.skip)('three instances on PostgreSQL + Redis', () => {
  let stores: ReturnType<typeof createSandboxStores>;
  let cluster: Cluster;
  let proxy: Client;
  let direct: [Client, Client, Client];

  beforeAll(async () => {
    stores = createSandboxStores();
    cluster = await startCluster(3, [
      ...sharedStoreArgs(stores),
      // A shared sandbox refuses loopback webhook targets by default; the tests' receivers are there.
      '--webhook-allow-private=127.0.0.0/8',
      '--rate-limits',
      'standard=1000000/1h,burst=1000000/1m,write=1000000/1h,auth=1000/15m',
      '--rotation-grace',
      '3s',
      '--refresh-reuse-leeway',
      '300ms',
      '--webhook-backoff',
      '100ms',
      '--log-level',
      'warn',
    ]);
    proxy = new Client(cluster.url);
    direct = cluster.instances.map((i) => new Client(i.url)) as [Client, Client, Client];
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    stores?.drop();
  });

  it('spreads requests over the three instances, which share the data', async () => {
    const replies = await Promise.all(Array.from({ length: 9 }, () => proxy.get('/api/v1/products?limit=5')));
    expect(replies.map((r) => r.status)).toEqual(Array(9).fill(200));
    expect(cluster.proxy.counts.every((c) => c >= 3)).toBe(true);
    const ids = replies.map((r) => JSON.stringify(r.body.data.map((p: { id: string }) => p.id)));
    expect(new Set(ids).size).toBe(1);
  });

  it('commits an order with its stock reservation and commission, visible on every instance', async () => {
    const body = await orderBody(proxy);
    const productId = body.items[0]?.productId as string;
    const before = (await direct[0].get(`/api/v1/inventory/${productId}`)).body.data.reserved;
    const created = await direct[1].post('/api/v1/orders', body);
    expect(created.status).toBe(201);
    for (const client of direct) {
      expect((await client.get(`/api/v1/orders/${created.body.data.id}`)).status).toBe(200);
      expect((await client.get(`/api/v1/inventory/${productId}`)).body.data.reserved).toBe(before + 1);
      const commissions = await client.get('/api/v1/commissions?limit=100');
      expect(
        commissions.body.data.filter((c: { orderId: string }) => c.orderId === created.body.data.id),
      ).toHaveLength(1);
    }
  });

  it('serves a changed product and cancelled order on every instance, not the JSON it answered before', async () => {
    const sku = `SEAL-${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await direct[0].post('/api/v1/products', {
      name: 'Before',
      sku,
      price: { amount: 100, currency: 'USD' },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    const order = await direct[0].post('/api/v1/orders', await orderBody(proxy));
    expect(order.status).toBe(201);
    // Every instance answers both once, so each holds their JSON as first written.
    for (const client of direct) {
      expect((await client.get(`/api/v1/products/${id}`)).body.data.name).toBe('Before');
      expect((await client.get(`/api/v1/orders/${order.body.data.id}`)).body.data.status).toBe('pending');
    }
    const patched = await direct[2].call('PATCH', `/api/v1/products/${id}`, {
      body: { name: 'After', price: { amount: 250, currency: 'USD' } },
    });
    expect(patched.status).toBe(200);
    const cancelled = await direct[1].post(`/api/v1/orders/${order.body.data.id}/cancel`, {
      reason: 'sealed',
    });
    expect(cancelled.status).toBe(200);
    // A refused change (its SKU is taken) changes nothing anywhere.
    const others = (await direct[1].get('/api/v1/products?limit=2')).body.data;
    const takenSku = others.find((p: { id: string }) => p.id !== id).sku as string;
    const taken = await direct[1].call('PATCH', `/api/v1/products/${id}`, {
      body: { name: 'Refused', sku: takenSku },
    });
    expect(taken.status).toBe(409);
    for (const client of direct) {
      const one = (await client.get(`/api/v1/products/${id}`)).body.data;
      expect([one.name, one.price.amount, one.sku]).toEqual(['After', 250, sku]);
      const listed = (await client.get('/api/v1/products?limit=100')).body.data.find(
        (p: { id: string }) => p.id === id,
      );
      expect(listed).toEqual(one);
      const cancelledOrder = (await client.get(`/api/v1/orders/${order.body.data.id}`)).body.data;
      expect([cancelledOrder.status, cancelledOrder.cancellationReason]).toEqual(['cancelled', 'sealed']);
    }
  });

  it('sees a new key, its rotation (grace included), deactivation and deletion at once on every instance', async () => {
    const created = await direct[0].post('/api/v1/api-keys', {
      name: 'cluster',
      scopes: ['read:products'],
      environment: 'test',
    });
    expect(created.status).toBe(201);
    const { id, key } = created.body.data;
    for (const client of direct)
      expect((await client.get('/api/v1/products?limit=1', { key })).status).toBe(200);

    const rotated = await direct[1].post(`/api/v1/api-keys/${id}/rotate`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.key;
    for (const client of direct) {
      expect((await client.get('/api/v1/products?limit=1', { key: fresh })).status).toBe(200);
      expect((await client.get('/api/v1/products?limit=1', { key })).status).toBe(200); // grace
    }
    await sleep(3200);
    for (const client of direct)
      expect((await client.get('/api/v1/products?limit=1', { key })).status).toBe(401);

    expect((await direct[2].post(`/api/v1/api-keys/${id}/deactivate`)).status).toBe(200);
    for (const client of direct)
      expect((await client.get('/api/v1/products?limit=1', { key: fresh })).status).toBe(401);
    expect((await direct[0].post(`/api/v1/api-keys/${id}/activate`)).status).toBe(200);
    for (const client of direct)
      expect((await client.get('/api/v1/products?limit=1', { key: fresh })).status).toBe(200);

    expect((await direct[1].call('DELETE', `/api/v1/api-keys/${id}`)).status).toBeLessThan(300);
    for (const client of direct) {
      expect((await client.get('/api/v1/products?limit=1', { key: fresh })).status).toBe(401);
      expect((await client.get(`/api/v1/api-keys/${id}`)).status).toBe(404);
    }
  });

  it('detects refresh-token reuse whichever instance sees the replay', async () => {
    const login = await eventually(async () => {
      const reply = await direct[0].post(
        '/api/auth/login',
        { email: 'demo@regen.test', password: 'regen-demo-password' },
        { key: null },
      );
      return reply.status === 200 ? reply : undefined;
    }, 15_000);
    const first = login.body.data.refreshToken;
    const refreshed = await direct[1].post('/api/auth/refresh', { refreshToken: first }, { key: null });
    expect(refreshed.status).toBe(200);
    const { accessToken, refreshToken: second } = refreshed.body.data;
    expect((await direct[2].get('/api/v1/users/me', { bearer: accessToken })).status).toBe(200);
    await sleep(400); // past the reuse leeway
    const replay = await direct[2].post('/api/auth/refresh', { refreshToken: first }, { key: null });
    expect(replay.status).toBe(401);
    // The whole family is revoked, on every instance.
    expect((await direct[0].post('/api/auth/refresh', { refreshToken: second }, { key: null })).status).toBe(
      401,
    );
    for (const client of direct)
      expect((await client.get('/api/v1/users/me', { bearer: accessToken })).status).toBe(401);
  });

  it('creates one resource when the same Idempotency-Key reaches two instances at the same moment', async () => {
    const body = await orderBody(proxy);
    for (let round = 0; round < 5; round++) {
      const marker = randomUUID();
      const key = `idem-${marker}`;
      const request = { ...body, metadata: { marker } };
      const replies = await Promise.all(
        [direct[0], direct[1]].map((c) =>
          c.post('/api/v1/orders', request, { headers: { 'idempotency-key': key } }),
        ),
      );
      const statuses = replies.map((r) => r.status).sort();
      // One runs; the other sees it in flight (409) or replays its answer (201, same id).
      expect(statuses[0]).toBe(201);
      expect([201, 409]).toContain(statuses[1]);
      const ids = new Set(replies.filter((r) => r.status === 201).map((r) => r.body.data.id));
      expect(ids.size).toBe(1);
      // A later retry on the third instance replays it.
      const retry = await direct[2].post('/api/v1/orders', request, { headers: { 'idempotency-key': key } });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(ids.has(retry.body.data.id)).toBe(true);
      const orders = await proxy.get('/api/v1/orders?limit=100');
      expect(
        orders.body.data.filter((o: { metadata: { marker?: string } }) => o.metadata.marker === marker),
      ).toHaveLength(1);
    }
  });

  it('delivers each webhook event once', async () => {
    const receiver = await startReceiver();
    try {
      const endpoint = await proxy.post('/api/v1/webhooks', {
        url: receiver.url,
        events: ['order.created'],
      });
      expect(endpoint.status).toBe(201);
      const body = await orderBody(proxy);
      const orders = await Promise.all(Array.from({ length: 9 }, () => proxy.post('/api/v1/orders', body)));
      const ids = orders.map((o) => {
        expect(o.status).toBe(201);
        return o.body.data.id as string;
      });
      await eventually(() => (receiver.received.length >= 9 ? true : undefined), 10_000);
      await sleep(500); // any duplicate would have arrived by now
      const events = receiver.received.map((r) => JSON.parse(r.body));
      expect(events).toHaveLength(9);
      expect(new Set(events.map((e) => e.id)).size).toBe(9);
      expect(events.map((e) => e.data.object.id).sort()).toEqual([...ids].sort());
      await proxy.call('DELETE', `/api/v1/webhooks/${endpoint.body.data.id}`);
    } finally {
      await receiver.close();
    }
  });

  it('redeems an authorization code once, on any instance; a replay elsewhere revokes what it issued', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: 'cli_regen_demo',
      redirect_uri: 'http://127.0.0.1:9/callback',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      state: 'st4te',
      auto_approve: 'true',
    });
    const authorized = await fetch(`${direct[0].url}/oauth/authorize?${query}`, { redirect: 'manual' });
    expect(authorized.status).toBe(302);
    const code = new URL(authorized.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const exchange = (client: Client) =>
      client.call('POST', '/oauth/token', {
        key: null,
        rawBody: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: 'http://127.0.0.1:9/callback',
          code_verifier: verifier,
          client_id: 'cli_regen_demo',
          client_secret: 'cs_regen_demo_secret',
        }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const first = await exchange(direct[1]);
    expect(first.status).toBe(200);
    expect((await direct[0].get('/api/v1/orders?limit=1', { bearer: first.body.access_token })).status).toBe(
      200,
    );
    const replay = await exchange(direct[2]);
    expect(replay.status).toBe(400);
    expect(replay.body.error).toBe('invalid_grant');
    for (const client of direct)
      expect((await client.get('/api/v1/orders?limit=1', { bearer: first.body.access_token })).status).toBe(
        401,
      );
  });

  it('loses no acknowledged write when one instance is killed (-9) under load; the others keep serving', async () => {
    const acknowledged: string[] = [];
    let failures = 0;
    let killed = false;
    const worker = async (w: number) => {
      for (let i = 0; i < 15; i++) {
        const reply = await proxy.post('/api/v1/products', {
          name: `Load ${w}-${i}`,
          sku: `LOAD-${w}-${i}-${randomUUID().slice(0, 8).toUpperCase()}`,
          price: { amount: 100, currency: 'USD' },
        });
        if (reply.status === 201) acknowledged.push(reply.body.data.id);
        else failures++;
        if (!killed && acknowledged.length >= 20) {
          killed = true;
          cluster.instances[1]?.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, (_, w) => worker(w)));
    expect(killed).toBe(true);
    expect(acknowledged.length).toBeGreaterThan(40);
    // Requests in flight on the killed instance may fail (502): they were never acknowledged.
    expect(failures).toBeLessThanOrEqual(4);
    for (const survivor of [direct[0], direct[2]]) {
      expect((await survivor.get('/api/health')).status).toBe(200);
      for (const id of acknowledged) expect((await survivor.get(`/api/v1/products/${id}`)).status).toBe(200);
    }
  });
});
