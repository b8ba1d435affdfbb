import { describe, expect, it } from 'vitest';
import { eventually, orderBody, type Reply, useStub } from './support/stub.ts';

const ctx = useStub();

describe('pagination and filters', () => {
  it('walks a list with cursors, newest first, without repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const reply: Reply = await ctx.client.get(`/api/v1/orders?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      expect(reply.status).toBe(200);
      expect(reply.body.data.length).toBeLessThanOrEqual(7);
      seen.push(...reply.body.data.map((o: { id: string }) => o.id));
      cursor = reply.body.nextCursor;
      expect(reply.body.hasMore).toBe(cursor !== null);
      pages++;
    } while (cursor !== null && pages < 20);
    expect(seen.length).toBeGreaterThanOrEqual(40);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await ctx.client.get('/api/v1/orders?limit=100');
    const created = all.body.data.map((o: { createdAt: string }) => Date.parse(o.createdAt));
    expect([...created].sort((a, b) => b - a)).toEqual(created);
  });

  it('filters orders by status, customer and creation time', async () => {
    const paid = await ctx.client.get('/api/v1/orders?status=paid&limit=100');
    expect(paid.body.data.length).toBeGreaterThan(0);
    expect(paid.body.data.every((o: { status: string }) => o.status === 'paid')).toBe(true);
    const customerId = paid.body.data[0].customerId;
    const mine = await ctx.client.get(`/api/v1/orders?customerId=${customerId}&limit=100`);
    expect(mine.body.data.every((o: { customerId: string }) => o.customerId === customerId)).toBe(true);
    const cut = new Date(Date.now() - 20 * 86_400_000).toISOString();
    const recent = await ctx.client.get(`/api/v1/orders?createdAfter=${cut}&limit=100`);
    const older = await ctx.client.get(`/api/v1/orders?createdBefore=${cut}&limit=100`);
    expect(recent.body.data.every((o: { createdAt: string }) => o.createdAt >= cut)).toBe(true);
    expect(older.body.data.every((o: { createdAt: string }) => o.createdAt < cut)).toBe(true);
    expect(recent.body.data.length + older.body.data.length).toBe(
      (await ctx.client.get('/api/v1/orders?limit=100')).body.data.length,
    );
  });

  it('filters products, inventory, commissions and customers', async () => {
    const inactive = await ctx.client.get('/api/v1/products?active=false');
    expect(inactive.body.data.length).toBeGreaterThan(0);
    expect(inactive.body.data.every((p: { active: boolean }) => !p.active)).toBe(true);
    const low = await ctx.client.get('/api/v1/inventory?lowStock=true&limit=100');
    expect(low.body.data.length).toBeGreaterThan(0);
    expect(
      low.body.data.every(
        (l: { available: number; lowStockThreshold: number }) => l.available <= l.lowStockThreshold,
      ),
    ).toBe(true);
    const approved = await ctx.client.get('/api/v1/commissions?status=approved&limit=100');
    expect(approved.body.data.every((c: { status: string }) => c.status === 'approved')).toBe(true);
    const byEmail = await ctx.client.get('/api/v1/customers?email=DANA.WHITFIELD@example.com');
    expect(byEmail.body.data).toHaveLength(1);
    expect(byEmail.body.data[0].name).toBe('Dana Whitfield');
  });
});

describe('orders and inventory', () => {
  it('creating an order reserves stock; cancelling releases it and changes the status', async () => {
    const body = await orderBody(ctx.client, 2);
    const productId = body.items[0]?.productId ?? '';
    const before = (await ctx.client.get(`/api/v1/inventory/${productId}`)).body.data;
    const created = await ctx.client.post('/api/v1/orders', { ...body, metadata: { ref: 'T-1' } });
    expect(created.status).toBe(201);
    const order = created.body.data;
    expect(order).toMatchObject({ status: 'pending', metadata: { ref: 'T-1' }, cancelledAt: null });
    const product = (await ctx.client.get(`/api/v1/products/${productId}`)).body.data;
    expect(order.total).toEqual({ amount: product.price.amount * 2, currency: 'USD' });
    const reserved = (await ctx.client.get(`/api/v1/inventory/${productId}`)).body.data;
    expect(reserved.reserved).toBe(before.reserved + 2);
    expect(reserved.available).toBe(before.available - 2);

    const cancelled = await ctx.client.post(`/api/v1/orders/${order.id}/cancel`, { reason: 'Changed mind' });
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', cancellationReason: 'Changed mind' });
    expect(cancelled.body.data.cancelledAt).toEqual(expect.any(String));
    expect((await ctx.client.get(`/api/v1/orders/${order.id}`)).body.data.status).toBe('cancelled');
    expect((await ctx.client.get(`/api/v1/inventory/${productId}`)).body.data.available).toBe(
      before.available,
    );
    const again = await ctx.client.post(`/api/v1/orders/${order.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('conflict');
    expect(
      (await ctx.client.call('PATCH', `/api/v1/orders/${order.id}`, { body: { metadata: {} } })).status,
    ).toBe(409);
  });

  it('refuses orders for unknown customers, unknown or inactive products (422 naming the field)', async () => {
    const body = await orderBody(ctx.client);
    const ghost = await ctx.client.post('/api/v1/orders', { ...body, customerId: 'cus_doesnotexist' });
    expect(ghost.status).toBe(422);
    expect(ghost.body.error.details[0].path).toBe('/customerId');
    const inactive = (await ctx.client.get('/api/v1/products?active=false')).body.data[0].id;
    const reply = await ctx.client.post('/api/v1/orders', {
      ...body,
      items: [{ productId: inactive, quantity: 1 }],
    });
    expect(reply.status).toBe(422);
    expect(reply.body.error.details[0].path).toBe('/items/0/productId');
  });

  it('refuses an order whose total the contract cannot represent (422, not an off-contract 201)', async () => {
    const body = await orderBody(ctx.client);
    const product = await ctx.client.post('/api/v1/products', {
      name: 'Clinic equipment lease',
      sku: `LEASE-${Date.now()}`,
      price: { amount: 60_000_000_000, currency: body.currency },
    });
    expect(product.status).toBe(201);
    const productId = product.body.data.id;
    await ctx.client.post('/api/v1/inventory/adjustments', { productId, delta: 10, reason: 'restock' });
    const reply = await ctx.client.post('/api/v1/orders', { ...body, items: [{ productId, quantity: 2 }] });
    expect(reply.status).toBe(422);
    expect(reply.body.error.code).toBe('unprocessable_entity');
    expect(reply.body.error.details[0].path).toBe('/items');
  });

  it('updates an order with PATCH', async () => {
    const order = (await ctx.client.post('/api/v1/orders', await orderBody(ctx.client))).body.data;
    const address = { name: 'Dana', line1: '1 Main St', city: 'Seattle', postalCode: '98109', country: 'US' };
    const updated = await ctx.client.call('PATCH', `/api/v1/orders/${order.id}`, {
      body: { shippingAddress: address },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data.shippingAddress).toMatchObject(address);
    const cleared = await ctx.client.call('PATCH', `/api/v1/orders/${order.id}`, {
      body: { shippingAddress: null },
    });
    expect(cleared.body.data.shippingAddress).toBeNull();
  });

  it('adjustments change stock levels, and never below zero', async () => {
    const level = (await ctx.client.get('/api/v1/inventory?limit=1')).body.data[0];
    const added = await ctx.client.post('/api/v1/inventory/adjustments', {
      productId: level.productId,
      delta: 25,
      reason: 'restock',
      note: 'PO-1',
    });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({
      delta: 25,
      resultingOnHand: level.onHand + 25,
      reason: 'restock',
      note: 'PO-1',
    });
    const after = (await ctx.client.get(`/api/v1/inventory/${level.productId}`)).body.data;
    expect(after.onHand).toBe(level.onHand + 25);
    expect(after.available).toBe(Math.max(0, after.onHand - after.reserved));
    const negative = await ctx.client.post('/api/v1/inventory/adjustments', {
      productId: level.productId,
      delta: -(after.onHand + 1),
      reason: 'damage',
    });
    expect(negative.status).toBe(422);
    expect((await ctx.client.get('/api/v1/inventory/adjustments?limit=1')).body.data[0].id).toBe(
      added.body.data.id,
    );
    expect((await ctx.client.get('/api/v1/inventory/prd_doesnotexist')).status).toBe(404);
  });
});

describe('products and customers', () => {
  it('creates, updates and deletes products; SKUs are unique', async () => {
    const created = await ctx.client.post('/api/v1/products', {
      name: 'Test Tonic',
      sku: 'TEST-TONIC',
      price: { amount: 990, currency: 'USD' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ active: true, description: null });
    const id = created.body.data.id;
    expect((await ctx.client.get(`/api/v1/inventory/${id}`)).body.data).toMatchObject({
      onHand: 0,
      sku: 'TEST-TONIC',
    });
    expect(
      (
        await ctx.client.post('/api/v1/products', {
          name: 'Dup',
          sku: 'TEST-TONIC',
          price: { amount: 1, currency: 'USD' },
        })
      ).status,
    ).toBe(409);
    const updated = await ctx.client.call('PATCH', `/api/v1/products/${id}`, {
      body: { price: { amount: 1090, currency: 'USD' }, active: false },
    });
    expect(updated.body.data).toMatchObject({ price: { amount: 1090 }, active: false });
    const deleted = await ctx.client.call('DELETE', `/api/v1/products/${id}`);
    expect(deleted.body).toEqual({ success: true, data: { id, deleted: true } });
    expect((await ctx.client.get(`/api/v1/products/${id}`)).status).toBe(404);
    expect((await ctx.client.get(`/api/v1/inventory/${id}`)).status).toBe(404);
  });

  it('updates customers; emails are unique', async () => {
    const [a, b] = (await ctx.client.get('/api/v1/customers?limit=2')).body.data;
    const updated = await ctx.client.call('PATCH', `/api/v1/customers/${a.id}`, {
      body: { phone: '+12065550000', metadata: { tier: 'gold' } },
    });
    expect(updated.body.data).toMatchObject({ phone: '+12065550000', metadata: { tier: 'gold' } });
    const clash = await ctx.client.call('PATCH', `/api/v1/customers/${a.id}`, {
      body: { email: b.email.toUpperCase() },
    });
    expect(clash.status).toBe(409);
  });
});

describe('commissions and payouts', () => {
  it('a payout moves approved commissions into it, then marks them paid', async () => {
    const approved = (await ctx.client.get('/api/v1/commissions?status=approved&limit=2')).body.data;
    expect(approved.length).toBe(2);
    const ids = approved.map((c: { id: string }) => c.id);
    const created = await ctx.client.post('/api/v1/payouts', { commissionIds: ids });
    expect(created.status).toBe(201);
    const payout = created.body.data;
    expect(payout).toMatchObject({ status: 'pending', commissionIds: ids, paidAt: null });
    expect(payout.amount.amount).toBe(
      approved.reduce((s: number, c: { amount: { amount: number } }) => s + c.amount.amount, 0),
    );
    const paid = await eventually(async () => {
      const p = (await ctx.client.get(`/api/v1/payouts/${payout.id}`)).body.data;
      return p.status === 'paid' ? p : undefined;
    });
    expect(paid.paidAt).toEqual(expect.any(String));
    for (const id of ids) {
      expect((await ctx.client.get(`/api/v1/commissions/${id}`)).body.data).toMatchObject({
        status: 'paid',
        payoutId: payout.id,
      });
    }
    const again = await ctx.client.post('/api/v1/payouts', { commissionIds: ids });
    expect(again.status).toBe(422);
    expect(again.body.error.details[0].path).toBe('/commissionIds/0');
  });

  it('refuses pending commissions', async () => {
    const pending = (await ctx.client.get('/api/v1/commissions?status=pending&limit=1')).body.data[0];
    expect((await ctx.client.post('/api/v1/payouts', { commissionIds: [pending.id] })).status).toBe(422);
  });
});

describe('analytics', () => {
  it('summarises the default 30 days and refuses an inverted period', async () => {
    const summary = await ctx.client.get('/api/v1/analytics/summary');
    expect(summary.status).toBe(200);
    const data = summary.body.data;
    expect(data.orders.count).toBeGreaterThan(0);
    expect(data.averageOrderValue.amount).toBe(Math.round(data.orders.revenue.amount / data.orders.count));
    expect(data.topProducts.length).toBeLessThanOrEqual(10);
    const inverted = await ctx.client.get(
      '/api/v1/analytics/summary?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z',
    );
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.code).toBe('invalid_request');
  });
});
