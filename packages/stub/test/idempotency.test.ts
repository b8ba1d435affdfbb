import { describe, expect, it } from 'vitest';
import { orderBody, sleep, useStub } from './support/stub.ts';

const ctx = useStub({ chaos: true });

const product = (sku: string) => ({
  name: `Idempotent ${sku}`,
  sku,
  price: { amount: 1234, currency: 'USD' },
});

describe('Idempotency-Key', () => {
  it('replays the first response for the same key and body, creating nothing new', async () => {
    const headers = { 'idempotency-key': 'idem-replay-1' };
    const first = await ctx.client.post('/api/v1/products', product('IDEM-1'), { headers });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const second = await ctx.client.post('/api/v1/products', product('IDEM-1'), { headers });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const all = await ctx.client.get('/api/v1/products?limit=100');
    expect(all.body.data.filter((p: { sku: string }) => p.sku === 'IDEM-1')).toHaveLength(1);
    // Without the key the same body is a new request: the SKU now conflicts.
    expect((await ctx.client.post('/api/v1/products', product('IDEM-1'))).status).toBe(409);
  });

  it('treats key order and whitespace of the body as the same body', async () => {
    const headers = { 'idempotency-key': 'idem-order', 'content-type': 'application/json' };
    const a = await ctx.client.call('POST', '/api/v1/products', {
      rawBody: JSON.stringify(product('IDEM-ORDER')),
      headers,
    });
    const body = product('IDEM-ORDER');
    const reordered = `{ "price": ${JSON.stringify(body.price)}, "sku": "IDEM-ORDER", "name": ${JSON.stringify(body.name)} }`;
    const b = await ctx.client.call('POST', '/api/v1/products', { rawBody: reordered, headers });
    expect(b.body).toEqual(a.body);
  });

  it('refuses the same key with a different body (422 idempotency_key_reused)', async () => {
    const headers = { 'idempotency-key': 'idem-mismatch' };
    expect((await ctx.client.post('/api/v1/products', product('IDEM-2'), { headers })).status).toBe(201);
    const other = await ctx.client.post('/api/v1/products', product('IDEM-3'), { headers });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
  });

  it('answers 409 idempotency_key_in_use while the first request still runs', async () => {
    const headers = { 'idempotency-key': 'idem-inflight' };
    const slow = ctx.client.post('/api/v1/products', product('IDEM-4'), {
      headers: { ...headers, 'regen-fault': 'slow; delay=1500ms' },
    });
    await sleep(400);
    const concurrent = await ctx.client.post('/api/v1/products', product('IDEM-4'), { headers });
    expect(concurrent.status).toBe(409);
    expect(concurrent.body.error.code).toBe('idempotency_key_in_use');
    expect(concurrent.headers.get('retry-after')).toBe('1');
    const first = await slow;
    expect(first.status).toBe(201);
    const retry = await ctx.client.post('/api/v1/products', product('IDEM-4'), { headers });
    expect(retry.body).toEqual(first.body);
  });

  it('replays a cancel, where a second real cancel would conflict', async () => {
    const order = await ctx.client.post('/api/v1/orders', await orderBody(ctx.client));
    expect(order.status).toBe(201);
    const headers = { 'idempotency-key': 'idem-cancel' };
    const first = await ctx.client.post(
      `/api/v1/orders/${order.body.data.id}/cancel`,
      { reason: 'Test' },
      { headers },
    );
    expect(first.body.data.status).toBe('cancelled');
    const replay = await ctx.client.post(
      `/api/v1/orders/${order.body.data.id}/cancel`,
      { reason: 'Test' },
      { headers },
    );
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(first.body);
    expect(
      (await ctx.client.post(`/api/v1/orders/${order.body.data.id}/cancel`, { reason: 'Test' })).status,
    ).toBe(409);
  });

  it('scopes keys per credential: neither another key of the same mode nor a test-mode key replays', async () => {
    const live = await ctx.client.post('/api/v1/api-keys', {
      name: 'Other live',
      scopes: ['write:products'],
      environment: 'live',
    });
    const test = await ctx.client.post('/api/v1/api-keys', {
      name: 'Other test',
      scopes: ['write:products'],
      environment: 'test',
    });
    const headers = { 'idempotency-key': 'idem-shared' };
    const first = await ctx.client.post('/api/v1/products', product('IDEM-5'), { headers });
    expect(first.status).toBe(201);
    // Run, not replayed: the SKU is taken, so the product is refused as a duplicate.
    const sameMode = await ctx.client.post('/api/v1/products', product('IDEM-5'), {
      headers,
      key: live.body.data.key,
    });
    expect(sameMode.headers.get('idempotent-replayed')).toBeNull();
    expect(sameMode.status).toBe(409);
    const otherMode = await ctx.client.post('/api/v1/products', product('IDEM-5'), {
      headers,
      key: test.body.data.key,
    });
    expect(otherMode.status).toBe(201);
    expect(otherMode.headers.get('idempotent-replayed')).toBeNull();
    expect(otherMode.body.data.id).not.toBe(first.body.data.id);
  });
});
