/**
 * The client's traffic to the stub, through `prism proxy`: Prism checks every request against
 * the contract on the way in and every response on the way out, and reports what it finds in
 * `sl-violations`. A journey of typical calls must draw no report in either direction.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthenticationError, NotFoundError, PermissionDeniedError, RegenClient } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChildServer } from '../support/child-server.ts';
import { startPrismProxy } from '../support/prism.ts';
import { describeViolations, type RecordingFetch, recordingFetch } from '../support/recording-fetch.ts';
import { startTestStub, stubClient } from '../support/stub.ts';

let stub: StubServer;
let proxy: ChildServer;
let recorder: RecordingFetch;

beforeAll(async () => {
  stub = await startTestStub();
  proxy = await startPrismProxy(stub.url);
  recorder = recordingFetch();
});
afterAll(async () => {
  await proxy?.close();
  await stub?.close();
});

const through = () => ({
  baseUrl: proxy.url,
  fetch: recorder.fetch,
  logLevel: 'off' as const,
  maxRetries: 0,
});

describe('client → prism proxy → stub', () => {
  it('a journey of typical calls draws no violation in either direction', async () => {
    const admin = stubClient(stub, through());
    expect((await admin.health()).status).toBe('ok');

    // Catalogue and stock.
    const product = await admin.products.create({
      name: 'Proxy journey product',
      sku: 'RGN-PRX-001',
      price: { amount: 2500, currency: 'USD' },
      active: true,
    });
    expect((await admin.products.retrieve(product.id)).sku).toBe('RGN-PRX-001');
    await admin.products.update(product.id, { price: { amount: 2700, currency: 'USD' } });
    await admin.inventory.adjustments.create({ productId: product.id, delta: 10, reason: 'restock' });
    expect((await admin.inventory.retrieve(product.id)).productId).toBe(product.id);
    await admin.inventory.list({ limit: 5 });
    await admin.inventory.adjustments.list({ limit: 5 });

    // Orders: two pages, create, read, update, cancel.
    const firstPage = await admin.orders.list({ limit: 3 });
    if (firstPage.hasNextPage()) await firstPage.getNextPage();
    const customer = (await admin.customers.list({ limit: 1 })).data[0];
    if (!customer) throw new Error('the stub has no customers');
    await admin.customers.retrieve(customer.id);
    await admin.customers.update(customer.id, { phone: '+12065550111' });
    const order = await admin.orders.create({
      customerId: customer.id,
      items: [{ productId: product.id, quantity: 2 }],
      currency: 'USD',
      metadata: { source: 'proxy-journey' },
    });
    await admin.orders.retrieve(order.id);
    await admin.orders.update(order.id, { metadata: { source: 'proxy-journey', step: 'updated' } });
    expect((await admin.orders.cancel(order.id, { reason: 'Proxy journey' })).status).toBe('cancelled');

    // Commissions, payouts, analytics.
    const commissions = await admin.commissions.list({ limit: 5 });
    const commission = commissions.data[0];
    if (commission) await admin.commissions.retrieve(commission.id);
    const payouts = await admin.commissions.payouts.list({ limit: 5 });
    const payout = payouts.data[0];
    if (payout) await admin.commissions.payouts.retrieve(payout.id);
    await admin.analytics.summary();

    // Webhook endpoints.
    const endpoint = await admin.webhooks.create({
      url: 'https://partner.example.com/hooks/proxy',
      events: ['order.created'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    await admin.webhooks.retrieve(endpoint.id);
    await admin.webhooks.update(endpoint.id, { events: ['order.created', 'order.cancelled'] });
    await admin.webhooks.list();
    await admin.webhooks.delete(endpoint.id);

    // API keys: create, use, rotate, deactivate, delete.
    const key = await admin.apiKeys.create({
      name: 'proxy journey',
      scopes: ['read:orders'],
      environment: 'test',
    });
    const keyClient = stubClient(stub, { ...through(), apiKey: key.key });
    await keyClient.orders.list({ limit: 1 });
    await keyClient.users.me();
    await admin.apiKeys.retrieve(key.id);
    await admin.apiKeys.update(key.id, { name: 'proxy journey (renamed)' });
    await admin.apiKeys.rotate(key.id);
    await admin.apiKeys.deactivate(key.id);
    await admin.apiKeys.activate(key.id);
    await admin.apiKeys.list({ limit: 10 });
    await admin.apiKeys.delete(key.id);
    await admin.products.delete(product.id);

    // A user session: login, call, refresh, logout.
    const session = await RegenClient.login({ ...stub.demoUser, ...through() });
    await session.users.me();
    await session.auth.refresh();
    await session.orders.list({ limit: 1 });
    await session.logout();

    // OAuth client credentials.
    const oauth = new RegenClient({
      ...through(),
      clientId: 'cli_regen_demo',
      clientSecret: 'cs_regen_demo_secret',
      scopes: 'read:orders',
    });
    await oauth.orders.list({ limit: 1 });

    // Errors the contract documents are answered in its shape too.
    await expect(admin.orders.retrieve('ord_doesnotexist0')).rejects.toBeInstanceOf(NotFoundError);
    const reader = await admin.apiKeys.create({
      name: 'reader',
      scopes: ['read:orders'],
      environment: 'test',
    });
    const readerClient = stubClient(stub, { ...through(), apiKey: reader.key });
    await expect(readerClient.products.list()).rejects.toBeInstanceOf(PermissionDeniedError);
    await admin.apiKeys.deactivate(reader.id);
    await expect(readerClient.orders.list()).rejects.toBeInstanceOf(AuthenticationError);

    expect(recorder.exchanges.length).toBeGreaterThan(40);
    expect(describeViolations(recorder.violating())).toEqual([]);
    expect(stub.violations).toEqual([]);
  });
});

describe('the proxy check is live', () => {
  let fake: Server;
  let fakeProxy: ChildServer;
  beforeAll(async () => {
    // An upstream that answers one order with a wrong type and an undocumented field.
    fake = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_fake1' });
      res.end(JSON.stringify({ success: true, data: { id: 'ord_1', status: 42, surprise: true } }));
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    fakeProxy = await startPrismProxy(`http://127.0.0.1:${(fake.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await fakeProxy?.close();
    await new Promise((resolve) => fake?.close(resolve));
  });

  it('reports a response that breaks the contract', async () => {
    const probe = recordingFetch();
    const client = new RegenClient({
      apiKey: `rg_test_${'P'.repeat(32)}`,
      baseUrl: fakeProxy.url,
      fetch: probe.fetch,
      logLevel: 'off',
    });
    await client.orders.retrieve('ord_1');
    const reported = probe.violating().flatMap((e) => e.violations);
    expect(reported.some((v) => v.location[0] === 'response')).toBe(true);
  });

  it('reports a request that breaks the contract', async () => {
    const probe = recordingFetch();
    const client = stubClient(stub, { baseUrl: proxy.url, fetch: probe.fetch, logLevel: 'off' });
    await client.orders.create({ customerId: 'cus_x' } as never).catch(() => undefined);
    const reported = probe.violating().flatMap((e) => e.violations);
    expect(reported.some((v) => v.location[0] === 'request')).toBe(true);
  });
});
