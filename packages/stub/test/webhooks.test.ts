import { zWebhookEvent } from '@regen/contract/zod';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../src/index.ts';
import { startReceiver } from './support/receiver.ts';
import { eventually, orderBody, useStub } from './support/stub.ts';

const ctx = useStub({ webhookBackoff: '50ms', webhookMaxAttempts: 4 });
const receivers: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const r of receivers) await r.close();
});

async function endpoint(events: string[], statusFor?: (n: number) => number) {
  const receiver = await startReceiver(statusFor);
  receivers.push(receiver);
  const created = await ctx.client.post('/api/v1/webhooks', {
    url: receiver.url,
    events,
    description: 'test',
  });
  expect(created.status).toBe(201);
  return { receiver, endpoint: created.body.data as { id: string; secret: string } };
}

describe('webhook endpoints', () => {
  it('get a whsec_ secret once, never listed or read back', async () => {
    const { endpoint: created } = await endpoint(['order.created']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9]{32}$/);
    const read = await ctx.client.get(`/api/v1/webhooks/${created.id}`);
    expect(read.body.data).not.toHaveProperty('secret');
    expect((await ctx.client.get('/api/v1/webhooks')).text).not.toContain(created.secret);
  });
});

describe('webhook deliveries', () => {
  it('delivers contract events, signed with the endpoint secret', async () => {
    const { receiver, endpoint: hook } = await endpoint(['order.created', 'order.cancelled']);
    const order = (await ctx.client.post('/api/v1/orders', await orderBody(ctx.client))).body.data;
    await ctx.client.post(`/api/v1/orders/${order.id}/cancel`);
    await eventually(() => (receiver.received.length >= 2 ? true : undefined));
    const types = [];
    for (const delivery of receiver.received) {
      const signature = String(delivery.headers['regen-signature']);
      expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(signature, delivery.body, hook.secret)).toBe(true);
      expect(verifyWebhookSignature(signature, delivery.body, 'whsec_wrong')).toBe(false);
      const event = zWebhookEvent.parse(JSON.parse(delivery.body));
      expect(delivery.headers['regen-event-id']).toBe(event.id);
      expect(event.data.object).toMatchObject({ id: order.id });
      types.push(event.type);
    }
    expect(types).toEqual(['order.created', 'order.cancelled']);
  });

  it('retries failed deliveries with backoff, keeping the event id', async () => {
    const { receiver, endpoint: hook } = await endpoint(['api_key.rotated'], (n) => (n < 3 ? 500 : 200));
    const key = (await ctx.client.post('/api/v1/api-keys', { name: 'Rotated', scopes: ['read:orders'] })).body
      .data;
    await ctx.client.post(`/api/v1/api-keys/${key.id}/rotate`);
    await eventually(() => (receiver.received.length >= 3 ? true : undefined));
    const [a, b, c] = receiver.received;
    expect(new Set(receiver.received.map((r) => r.headers['regen-event-id'])).size).toBe(1);
    expect((b?.at ?? 0) - (a?.at ?? 0)).toBeGreaterThanOrEqual(45);
    expect((c?.at ?? 0) - (b?.at ?? 0)).toBeGreaterThanOrEqual(90);
    const event = zWebhookEvent.parse(JSON.parse(c?.body ?? '{}'));
    expect(event.type).toBe('api_key.rotated');
    expect(c?.body).not.toContain('"key"');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received).toHaveLength(3);
    // listWebhookDeliveries shows the event once, with its three attempts, delivered.
    const deliveries = await ctx.client.get(`/api/v1/webhooks/${hook.id}/deliveries`);
    expect(deliveries.status, deliveries.text).toBe(200);
    expect(deliveries.body.data).toHaveLength(1);
    expect(deliveries.body.data[0]).toMatchObject({
      eventId: event.id,
      eventType: 'api_key.rotated',
      status: 'delivered',
    });
    expect(
      deliveries.body.data[0].attempts.map((a: { attempt: number; statusCode: number }) => [
        a.attempt,
        a.statusCode,
      ]),
    ).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ]);
    expect(deliveries.text).not.toContain('whsec_');
  });

  it('gives up after the maximum number of attempts', async () => {
    const { receiver, endpoint: hook } = await endpoint(['inventory.low'], () => 503);
    const level = (await ctx.client.get('/api/v1/inventory?lowStock=false&limit=1')).body.data[0];
    await ctx.client.post('/api/v1/inventory/adjustments', {
      productId: level.productId,
      delta: -(level.onHand - 1),
      reason: 'correction',
    });
    await eventually(() => (receiver.received.length >= 4 ? true : undefined));
    await new Promise((r) => setTimeout(r, 600));
    expect(receiver.received).toHaveLength(4);
    expect(zWebhookEvent.parse(JSON.parse(receiver.received[0]?.body ?? '{}')).type).toBe('inventory.low');
    const deliveries = (await ctx.client.get(`/api/v1/webhooks/${hook.id}/deliveries`)).body.data;
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0].status).toBe('failed');
    expect(deliveries[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
      503, 503, 503, 503,
    ]);
  });

  it('shows a delivery still being retried, and a network error instead of a status', async () => {
    const { receiver, endpoint: hook } = await endpoint(['order.created'], () => 200);
    await receiver.close();
    await ctx.client.post('/api/v1/orders', await orderBody(ctx.client));
    const first = await eventually(async () => {
      const reply = await ctx.client.get(`/api/v1/webhooks/${hook.id}/deliveries`);
      return reply.body.data.length > 0 ? reply.body.data[0] : undefined;
    });
    expect(first.attempts[0]).toMatchObject({ attempt: 1, statusCode: null });
    expect(first.attempts[0].error).toEqual(expect.any(String));
    if (first.attempts.length < 4) expect(first.status).toBe('retrying');
    const unknown = await ctx.client.get('/api/v1/webhooks/whk_doesNotExist1/deliveries');
    expect(unknown.status).toBe(404);
  });

  it('sends nothing to disabled or unsubscribed endpoints, and fires payout.paid', async () => {
    const { receiver: disabled, endpoint: hook } = await endpoint(['payout.paid']);
    await ctx.client.call('PATCH', `/api/v1/webhooks/${hook.id}`, { body: { status: 'disabled' } });
    const { receiver: other } = await endpoint(['order.updated']);
    const { receiver: payouts } = await endpoint(['payout.paid']);
    const commission = (await ctx.client.get('/api/v1/commissions?status=approved&limit=1')).body.data[0];
    await ctx.client.post('/api/v1/payouts', { commissionIds: [commission.id] });
    await eventually(() => (payouts.received.length >= 1 ? true : undefined));
    expect(zWebhookEvent.parse(JSON.parse(payouts.received[0]?.body ?? '{}'))).toMatchObject({
      type: 'payout.paid',
      data: { object: { status: 'paid' } },
    });
    expect(disabled.received).toHaveLength(0);
    expect(other.received).toHaveLength(0);
  });
});
