/**
 * Test and live mode (the contract's "Accounts and modes"): every account has two data
 * partitions. An API key's `environment` fixes its mode, a JWT session chooses it at login and keeps
 * it through refresh, OAuth client-credentials tokens act in live mode. Data, key management,
 * webhook deliveries and `Idempotency-Key`s never cross from one mode to the other.
 */
import { zWebhookEvent } from '@regen/contract/zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from './support/receiver.ts';
import { Client, eventually, orderBody, sleep, useStub } from './support/stub.ts';

const ctx = useStub({ webhookBackoff: '50ms', webhookMaxAttempts: 2 });

const DEMO_ACCOUNT = 'acct_5Tq8Wm2Rz4N';
const PASSWORD = 'regen-demo-password';
/** The contract's documented ids: the demo account's live data only. */
const LIVE_IDS = {
  order: 'ord_8x2Kq9Lm3Np',
  products: ['prd_3Gt8Vn1Xc5B', 'prd_9Wq2Er5Ty7U'],
  customer: 'cus_4Fh7Jk2Lp9Q',
  commission: 'com_7Jk1Lz5Xc3V',
  payout: 'pay_9Mn4Bv6Cx2Z',
  apiKey: 'key_6Yb3Nm8Kd2S',
  webhook: 'whk_2Lp8Zx4Cv6B',
};
const ALL_SCOPES = ['read:*', 'write:*'];

/** Clients acting in each mode: API keys minted by the admin key (a live-mode credential). */
let testKey: { id: string; key: string };
let liveKey: { id: string; key: string };
let test: Client;
let live: Client;

async function mintKey(client: Client, body: Record<string, unknown>) {
  const created = await client.post('/api/v1/api-keys', { scopes: ALL_SCOPES, ...body });
  expect(created.status, created.text).toBe(201);
  return created.body.data as { id: string; key: string; environment: string };
}

async function login(email: string, mode?: 'test' | 'live') {
  const reply = await ctx.client.post(
    '/api/auth/login',
    { email, password: PASSWORD, ...(mode ? { mode } : {}) },
    { key: null },
  );
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data as { accessToken: string; refreshToken: string };
}

const ids = (reply: { body: { data: { id: string }[] } }) => reply.body.data.map((r) => r.id);

async function listIds(client: Client, path: string, bearer?: string): Promise<string[]> {
  const reply = await client.get(`${path}?limit=100`, bearer === undefined ? {} : { bearer });
  expect(reply.status, reply.text).toBe(200);
  return ids(reply);
}

const LISTS = [
  '/api/v1/orders',
  '/api/v1/products',
  '/api/v1/customers',
  '/api/v1/commissions',
  '/api/v1/payouts',
  '/api/v1/webhooks',
];

beforeAll(async () => {
  const t = await mintKey(ctx.client, { name: 'Test-mode key', environment: 'test' });
  const l = await mintKey(ctx.client, { name: 'Live-mode key', environment: 'live' });
  expect(t.key).toMatch(/^rg_test_/);
  expect(l.key).toMatch(/^rg_live_/);
  testKey = t;
  liveKey = l;
  test = new Client(ctx.stub.url, t.key);
  live = new Client(ctx.stub.url, l.key);
});

describe('health names the account and mode of the credential', () => {
  it('a test key acts in test mode, a live key and the admin key in live mode', async () => {
    const credential = async (client: Client) => (await client.get('/api/health')).body.data.credential;
    expect(await credential(test)).toMatchObject({ type: 'api_key', accountId: DEMO_ACCOUNT, mode: 'test' });
    expect(await credential(live)).toMatchObject({ type: 'api_key', accountId: DEMO_ACCOUNT, mode: 'live' });
    expect(await credential(ctx.client)).toMatchObject({ accountId: DEMO_ACCOUNT, mode: 'live' });
  });

  it('an OAuth client-credentials token acts in live mode', async () => {
    const token = await ctx.client.post(
      '/oauth/token',
      {
        grant_type: 'client_credentials',
        client_id: 'cli_regen_demo',
        client_secret: 'cs_regen_demo_secret',
        scope: 'read:orders',
      },
      { key: null },
    );
    expect(token.status, token.text).toBe(200);
    const health = await ctx.client.get('/api/health', { bearer: token.body.access_token });
    expect(health.body.data.credential).toMatchObject({
      type: 'oauth',
      accountId: DEMO_ACCOUNT,
      mode: 'live',
    });
    const order = await ctx.client.get(`/api/v1/orders/${LIVE_IDS.order}`, {
      bearer: token.body.access_token,
    });
    expect(order.status).toBe(200);
  });
});

describe('test and live data are separate partitions', () => {
  it('a test key gets 404 on the documented (live) ids', async () => {
    const paths = [
      `/api/v1/orders/${LIVE_IDS.order}`,
      ...LIVE_IDS.products.map((id) => `/api/v1/products/${id}`),
      `/api/v1/customers/${LIVE_IDS.customer}`,
      `/api/v1/commissions/${LIVE_IDS.commission}`,
      `/api/v1/payouts/${LIVE_IDS.payout}`,
      `/api/v1/webhooks/${LIVE_IDS.webhook}`,
    ];
    for (const path of paths) {
      expect((await live.get(path)).status, `live ${path}`).toBe(200);
      const refused = await test.get(path);
      expect(refused.status, `test ${path}`).toBe(404);
      expect(refused.body.error.code).toBe('not_found');
    }
  });

  it('lists of one mode contain none of the other mode’s ids, both ways', async () => {
    for (const path of LISTS) {
      const testIds = await listIds(test, path);
      const liveIds = await listIds(live, path);
      expect(
        liveIds.filter((id) => testIds.includes(id)),
        path,
      ).toEqual([]);
      for (const id of Object.values(LIVE_IDS).flat()) expect(testIds, path).not.toContain(id);
    }
    // Both partitions are seeded: the test lists are not empty.
    expect(await listIds(test, '/api/v1/orders')).not.toHaveLength(0);
    expect(await listIds(test, '/api/v1/products')).not.toHaveLength(0);
    expect(await listIds(live, '/api/v1/orders')).toContain(LIVE_IDS.order);
  });

  it('a live key gets 404 on test-mode ids', async () => {
    const [testOrder] = await listIds(test, '/api/v1/orders');
    const [testProduct] = await listIds(test, '/api/v1/products');
    const [testCustomer] = await listIds(test, '/api/v1/customers');
    expect((await test.get(`/api/v1/orders/${testOrder}`)).status).toBe(200);
    expect((await live.get(`/api/v1/orders/${testOrder}`)).status).toBe(404);
    expect((await live.get(`/api/v1/products/${testProduct}`)).status).toBe(404);
    expect((await live.get(`/api/v1/customers/${testCustomer}`)).status).toBe(404);
  });

  it('a product created with a test key is invisible to a live key (and its SKU is free in live mode)', async () => {
    const body = { name: 'Test-mode product', sku: 'MODE-TEST-1', price: { amount: 500, currency: 'USD' } };
    const created = await test.post('/api/v1/products', body);
    expect(created.status, created.text).toBe(201);
    const id = created.body.data.id as string;
    expect((await test.get(`/api/v1/products/${id}`)).status).toBe(200);
    expect(await listIds(test, '/api/v1/products')).toContain(id);
    const hidden = await live.get(`/api/v1/products/${id}`);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.code).toBe('not_found');
    expect(await listIds(live, '/api/v1/products')).not.toContain(id);
    // An order in live mode cannot reference it: like an id that does not exist.
    const customerId = (await listIds(live, '/api/v1/customers'))[0];
    const order = await live.post('/api/v1/orders', {
      customerId,
      currency: 'USD',
      items: [{ productId: id, quantity: 1 }],
    });
    expect(order.status).toBe(422);
    // The same SKU is another product in live mode (no conflict leaks across modes).
    const twin = await live.post('/api/v1/products', body);
    expect(twin.status, twin.text).toBe(201);
    expect(twin.body.data.id).not.toBe(id);
  });
});

describe('JWT sessions choose their mode at login', () => {
  it('login with mode test acts in test mode, and refresh keeps it', async () => {
    const session = await login('demo@regen.test', 'test');
    const health = await ctx.client.get('/api/health', { bearer: session.accessToken });
    expect(health.body.data.credential).toMatchObject({ type: 'jwt', accountId: DEMO_ACCOUNT, mode: 'test' });
    expect(
      (await ctx.client.get(`/api/v1/orders/${LIVE_IDS.order}`, { bearer: session.accessToken })).status,
    ).toBe(404);
    expect(await listIds(ctx.client, '/api/v1/orders', session.accessToken)).toEqual(
      await listIds(test, '/api/v1/orders'),
    );

    const refreshed = await ctx.client.post(
      '/api/auth/refresh',
      { refreshToken: session.refreshToken },
      { key: null },
    );
    expect(refreshed.status, refreshed.text).toBe(200);
    const access = refreshed.body.data.accessToken as string;
    const after = await ctx.client.get('/api/health', { bearer: access });
    expect(after.body.data.credential).toMatchObject({ accountId: DEMO_ACCOUNT, mode: 'test' });
    expect((await ctx.client.get(`/api/v1/orders/${LIVE_IDS.order}`, { bearer: access })).status).toBe(404);
    expect(await listIds(ctx.client, '/api/v1/products', access)).toEqual(
      await listIds(test, '/api/v1/products'),
    );
  });

  it('login without mode (or mode live) acts in live mode', async () => {
    for (const mode of [undefined, 'live'] as const) {
      const session = await login('admin@regen.test', mode);
      const health = await ctx.client.get('/api/health', { bearer: session.accessToken });
      expect(health.body.data.credential).toMatchObject({ accountId: DEMO_ACCOUNT, mode: 'live' });
      const order = await ctx.client.get(`/api/v1/orders/${LIVE_IDS.order}`, { bearer: session.accessToken });
      expect(order.status).toBe(200);
    }
  });

  it('refuses an unknown mode at login', async () => {
    const reply = await ctx.client.post(
      '/api/auth/login',
      { email: 'demo@regen.test', password: PASSWORD, mode: 'staging' },
      { key: null },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_error');
  });
});

describe('API keys are managed per mode', () => {
  it('a key created without environment takes the mode of its creator', async () => {
    const fromTest = await mintKey(test, { name: 'Minted in test mode' });
    expect(fromTest.environment).toBe('test');
    expect(fromTest.key).toMatch(/^rg_test_/);
    const fromLive = await mintKey(live, { name: 'Minted in live mode' });
    expect(fromLive.environment).toBe('live');
    expect(fromLive.key).toMatch(/^rg_live_/);
    const session = await login('demo@regen.test', 'test');
    const fromSession = await ctx.client.post(
      '/api/v1/api-keys',
      { name: 'Minted by a test session', scopes: ['read:orders'] },
      { bearer: session.accessToken },
    );
    expect(fromSession.status, fromSession.text).toBe(201);
    expect(fromSession.body.data.environment).toBe('test');
  });

  it('a test-mode credential cannot create a live key (422)', async () => {
    const refused = await test.post('/api/v1/api-keys', {
      name: 'Escape to live',
      scopes: ['read:orders'],
      environment: 'live',
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('unprocessable_entity');
    const session = await login('demo@regen.test', 'test');
    const bySession = await ctx.client.post(
      '/api/v1/api-keys',
      { name: 'Escape to live', scopes: ['read:orders'], environment: 'live' },
      { bearer: session.accessToken },
    );
    expect(bySession.status).toBe(422);
    expect(bySession.body.error.code).toBe('unprocessable_entity');
    // Nothing was created.
    const names = (await live.get('/api/v1/api-keys?limit=100')).body.data.map(
      (k: { name: string }) => k.name,
    );
    expect(names).not.toContain('Escape to live');
  });

  it('a test-mode credential sees only test keys; a live key is 404 to it', async () => {
    const listed = await test.get('/api/v1/api-keys?limit=100');
    expect(listed.status).toBe(200);
    const environments = new Set(listed.body.data.map((k: { environment: string }) => k.environment));
    expect([...environments]).toEqual(['test']);
    expect(ids(listed)).toContain(testKey.id);
    expect(ids(listed)).not.toContain(liveKey.id);
    expect(ids(listed)).not.toContain(LIVE_IDS.apiKey);
    for (const id of [liveKey.id, LIVE_IDS.apiKey]) {
      const read = await test.get(`/api/v1/api-keys/${id}`);
      expect(read.status, id).toBe(404);
      expect(read.body.error.code).toBe('not_found');
      expect((await test.post(`/api/v1/api-keys/${id}/rotate`)).status, id).toBe(404);
      expect(
        (await test.call('PUT', `/api/v1/api-keys/${id}`, { body: { name: 'Renamed' } })).status,
        id,
      ).toBe(404);
      expect((await test.post(`/api/v1/api-keys/${id}/deactivate`)).status, id).toBe(404);
      expect((await test.post(`/api/v1/api-keys/${id}/activate`)).status, id).toBe(404);
      expect((await test.call('DELETE', `/api/v1/api-keys/${id}`)).status, id).toBe(404);
    }
    // The live key survived all of that.
    expect((await live.get('/api/health')).body.data.authenticated).toBe(true);
  });

  it('a live-mode credential sees and manages keys of both environments', async () => {
    const listed = await live.get('/api/v1/api-keys?limit=100');
    expect(listed.status).toBe(200);
    const environments = new Set(listed.body.data.map((k: { environment: string }) => k.environment));
    expect(environments).toEqual(new Set(['test', 'live']));
    expect(ids(listed)).toEqual(expect.arrayContaining([testKey.id, liveKey.id, LIVE_IDS.apiKey]));
    expect((await live.get(`/api/v1/api-keys/${testKey.id}`)).body.data.environment).toBe('test');
    const minted = await mintKey(live, { name: 'Test key from live', environment: 'test' });
    expect(minted.environment).toBe('test');
    const health = await ctx.client.get('/api/health', { key: minted.key });
    expect(health.body.data.credential).toMatchObject({ mode: 'test' });
  });
});

describe('webhooks are per mode', () => {
  const receivers: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const r of receivers) await r.close();
  });

  it('an event carries the mode of its data and reaches only that mode’s endpoints', async () => {
    const testReceiver = await startReceiver();
    const liveReceiver = await startReceiver();
    receivers.push(testReceiver, liveReceiver);
    const events = ['order.created'];
    const testHook = await test.post('/api/v1/webhooks', { url: testReceiver.url, events });
    const liveHook = await live.post('/api/v1/webhooks', { url: liveReceiver.url, events });
    expect(testHook.status, testHook.text).toBe(201);
    expect(liveHook.status, liveHook.text).toBe(201);
    // Endpoints belong to one mode too.
    expect((await live.get(`/api/v1/webhooks/${testHook.body.data.id}`)).status).toBe(404);
    expect((await test.get(`/api/v1/webhooks/${liveHook.body.data.id}`)).status).toBe(404);

    const testOrder = await test.post('/api/v1/orders', await orderBody(test));
    expect(testOrder.status, testOrder.text).toBe(201);
    await eventually(() => (testReceiver.received.length >= 1 ? true : undefined));
    await sleep(300);
    expect(testReceiver.received).toHaveLength(1);
    expect(liveReceiver.received).toHaveLength(0);
    const testEvent = zWebhookEvent.parse(JSON.parse(testReceiver.received[0]?.body ?? '{}'));
    expect(testEvent).toMatchObject({ type: 'order.created', mode: 'test' });
    expect(testEvent.data.object).toMatchObject({ id: testOrder.body.data.id });

    const liveOrder = await live.post('/api/v1/orders', await orderBody(live));
    expect(liveOrder.status, liveOrder.text).toBe(201);
    await eventually(() => (liveReceiver.received.length >= 1 ? true : undefined));
    await sleep(300);
    expect(liveReceiver.received).toHaveLength(1);
    expect(testReceiver.received).toHaveLength(1);
    const liveEvent = zWebhookEvent.parse(JSON.parse(liveReceiver.received[0]?.body ?? '{}'));
    expect(liveEvent).toMatchObject({ type: 'order.created', mode: 'live' });
    expect(liveEvent.data.object).toMatchObject({ id: liveOrder.body.data.id });
  });

  it('follow-up events of test data (cancel, payout, a test key’s rotation) stay in test mode', async () => {
    const testReceiver = await startReceiver();
    const liveReceiver = await startReceiver();
    receivers.push(testReceiver, liveReceiver);
    const events = ['order.cancelled', 'payout.paid', 'api_key.rotated'];
    expect((await test.post('/api/v1/webhooks', { url: testReceiver.url, events })).status).toBe(201);
    expect((await live.post('/api/v1/webhooks', { url: liveReceiver.url, events })).status).toBe(201);

    const order = (await test.post('/api/v1/orders', await orderBody(test))).body.data;
    expect((await test.post(`/api/v1/orders/${order.id}/cancel`)).status).toBe(200);
    const approved = await test.get('/api/v1/commissions?status=approved&limit=1');
    const commissionId = approved.body.data[0]?.id as string;
    expect(commissionId).toBeDefined();
    // A live commission is not there for a test-mode payout.
    const across = await test.post('/api/v1/payouts', { commissionIds: ['com_7Jk1Lz5Xc3V'] });
    expect(across.status).toBe(422);
    const payout = await test.post('/api/v1/payouts', { commissionIds: [commissionId] });
    expect(payout.status, payout.text).toBe(201);
    // A test key rotated by a live-mode credential: the event concerns test data.
    const key = await mintKey(live, { name: 'Rotated test key', environment: 'test' });
    const rotated = await live.post(`/api/v1/api-keys/${key.id}/rotate`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.data).toMatchObject({ environment: 'test', key: expect.stringMatching(/^rg_test_/) });

    await eventually(() => (testReceiver.received.length >= 3 ? true : undefined));
    await sleep(300);
    const seen = testReceiver.received.map((r) => zWebhookEvent.parse(JSON.parse(r.body)));
    expect(seen.map((e) => `${e.type}:${e.mode}`).sort()).toEqual([
      'api_key.rotated:test',
      'order.cancelled:test',
      'payout.paid:test',
    ]);
    expect(liveReceiver.received).toHaveLength(0);
  });
});

describe('Idempotency-Keys are scoped per mode', () => {
  it('the same key and body in test and in live mode create two resources', async () => {
    const body = {
      name: 'Idempotent in both modes',
      sku: 'MODE-IDEM-1',
      price: { amount: 700, currency: 'USD' },
    };
    const headers = { 'idempotency-key': 'mode-idem-1' };
    const inTest = await test.post('/api/v1/products', body, { headers });
    const inLive = await live.post('/api/v1/products', body, { headers });
    expect(inTest.status, inTest.text).toBe(201);
    expect(inLive.status, inLive.text).toBe(201);
    expect(inTest.headers.get('idempotent-replayed')).toBeNull();
    expect(inLive.headers.get('idempotent-replayed')).toBeNull();
    expect(inLive.body.data.id).not.toBe(inTest.body.data.id);
    expect(await listIds(test, '/api/v1/products')).toContain(inTest.body.data.id);
    expect(await listIds(live, '/api/v1/products')).toContain(inLive.body.data.id);

    // Within a mode the key still replays, and a different body is still refused.
    const replay = await test.post('/api/v1/products', body, { headers });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.data.id).toBe(inTest.body.data.id);
    const reused = await live.post('/api/v1/products', { ...body, name: 'Other' }, { headers });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('another credential of the same account and mode does not share the key (scoped per credential)', async () => {
    const body = { name: 'Shared idempotency', sku: 'MODE-IDEM-2', price: { amount: 800, currency: 'USD' } };
    const headers = { 'idempotency-key': 'mode-idem-2' };
    const first = await live.post('/api/v1/products', body, { headers });
    expect(first.status, first.text).toBe(201);
    const again = await ctx.client.post('/api/v1/products', { ...body, sku: 'MODE-IDEM-3' }, { headers });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.data.id).not.toBe(first.body.data.id);
  });
});

describe('contract', () => {
  it('no response broke the contract', () => {
    expect(ctx.stub.violations).toEqual([]);
  });
});
