/** Sessions, OAuth and webhooks against the reference stub, end to end over real HTTP. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AuthenticationError, RegenClient, type TokenSet } from '../src/index.ts';
import { createAuthorizationRequest, exchangeCode, oauthRefresher, parseCallback } from '../src/oauth.ts';
import { constructEvent } from '../src/webhooks.ts';
import { ADMIN_KEY, countingFetch, startTestStub } from './support/stub.ts';
import { countingTransport, transportOptions } from './support/transport.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub({ accessTokenTtl: '2s', webhookBackoff: '50ms' });
});
afterAll(async () => {
  expect(stub.violations).toEqual([]);
  await stub.close();
});

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('JWT: login, tokens persisted through onTokens, session resumed in a new client', async () => {
  let saved: TokenSet | undefined;
  const client = await RegenClient.login({
    ...transportOptions(),
    ...stub.demoUser,
    baseUrl: stub.url,
    onTokens: (t) => {
      saved = t;
    },
  });
  await expect(client.users.me()).resolves.toMatchObject({ email: stub.demoUser.email });
  expect(saved?.accessToken).toMatch(/^ey/);
  const resumed = new RegenClient({
    ...transportOptions(),
    baseUrl: stub.url,
    accessToken: saved?.accessToken,
    refreshToken: saved?.refreshToken,
  });
  await expect(resumed.users.me()).resolves.toMatchObject({ email: stub.demoUser.email });
});

test('JWT: a test-mode session sees test data only, and keeps its mode across a refresh', async () => {
  const live = await RegenClient.login({ ...transportOptions(), ...stub.demoUser, baseUrl: stub.url });
  const test = await RegenClient.login({
    ...transportOptions(),
    ...stub.demoUser,
    mode: 'test',
    baseUrl: stub.url,
  });
  const liveHealth = await live.health();
  const testHealth = await test.health();
  expect(liveHealth.credential).toMatchObject({ mode: 'live', accountId: testHealth.credential?.accountId });
  expect(testHealth.credential?.mode).toBe('test');
  const liveIds = new Set((await live.orders.list({ limit: 100 })).data.map((o) => o.id));
  const testOrders = (await test.orders.list({ limit: 100 })).data;
  expect(testOrders.length).toBeGreaterThan(0);
  expect(testOrders.some((o) => liveIds.has(o.id))).toBe(false);
  await wait(2100); // expired: the next call refreshes
  expect((await test.health()).credential?.mode).toBe('test');
});

test('JWT: after real expiry, 50 concurrent calls share exactly one refresh', async () => {
  const counter = countingTransport();
  const seen: TokenSet[] = [];
  const client = await RegenClient.login({
    ...stub.demoUser,
    baseUrl: stub.url,
    transport: counter.transport,
    onTokens: (t) => void seen.push(t),
  });
  await wait(2100); // the 2 s access token is now expired
  const results = await Promise.all(Array.from({ length: 50 }, () => client.users.me()));
  expect(results.every((u) => u.email === stub.demoUser.email)).toBe(true);
  expect(counter.count('/api/auth/refresh')).toBe(1);
  expect(counter.count('/api/v1/users/me')).toBe(50);
  expect(seen).toHaveLength(2);
  expect(seen[1]?.refreshToken).not.toBe(seen[0]?.refreshToken);
});

test('JWT: logout revokes the session; the old refresh token is refused', async () => {
  let saved: TokenSet | undefined;
  const client = await RegenClient.login({
    ...transportOptions(),
    ...stub.demoUser,
    baseUrl: stub.url,
    onTokens: (t) => {
      saved = t;
    },
  });
  await client.logout();
  await expect(client.users.me()).rejects.toBeInstanceOf(AuthenticationError);
  const stale = new RegenClient({
    ...transportOptions(),
    baseUrl: stub.url,
    refreshToken: saved?.refreshToken,
    maxRetries: 0,
  });
  await expect(stale.users.me()).rejects.toBeInstanceOf(AuthenticationError);
});

test('JWT: a wrong password is an AuthenticationError with code invalid_credentials', async () => {
  const error = await RegenClient.login({
    ...transportOptions(),
    email: stub.demoUser.email,
    password: 'not-the-password',
    baseUrl: stub.url,
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ code: 'invalid_credentials' });
});

test('OAuth client credentials: one token for concurrent calls; a bad secret keeps the RFC 6749 error', async () => {
  const counter = countingTransport();
  const client = new RegenClient({
    baseUrl: stub.url,
    clientId: 'cli_regen_demo',
    clientSecret: 'cs_regen_demo_secret',
    scopes: ['read:orders'],
    transport: counter.transport,
  });
  await Promise.all(Array.from({ length: 10 }, () => client.orders.list({ limit: 1 })));
  expect(counter.count('/oauth/token')).toBe(1);

  const bad = new RegenClient({
    ...transportOptions(),
    baseUrl: stub.url,
    clientId: 'cli_regen_demo',
    clientSecret: 'cs_wrong',
    maxRetries: 0,
  });
  const error = (await bad.orders.list().catch((e: unknown) => e)) as AuthenticationError;
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error.error).toBe('invalid_client');
  expect(error.error_description).toBeTypeOf('string');
});

test('OAuth authorization code + PKCE: authorize, callback, exchange, call, refresh', async () => {
  const redirectUri = 'http://127.0.0.1:9/callback';
  const request = await createAuthorizationRequest({
    baseUrl: stub.url,
    clientId: 'cli_regen_demo',
    redirectUri,
    scopes: ['read:orders'],
  });
  const approve = await fetch(`${request.url}&auto_approve=true`, { redirect: 'manual' });
  expect(approve.status).toBe(302);
  const { code } = parseCallback(approve.headers.get('location') ?? '', request.state);
  const tokens = await exchangeCode({
    baseUrl: stub.url,
    clientId: 'cli_regen_demo',
    clientSecret: 'cs_regen_demo_secret',
    code,
    redirectUri,
    codeVerifier: request.codeVerifier,
  });
  expect(tokens.access_token).toBeTypeOf('string');
  const counter = countingFetch();
  const client = new RegenClient({
    ...transportOptions(),
    baseUrl: stub.url,
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    refresh: oauthRefresher({
      baseUrl: stub.url,
      clientId: 'cli_regen_demo',
      clientSecret: 'cs_regen_demo_secret',
      fetch: counter.fetch,
    }),
  });
  await expect(client.orders.list({ limit: 1 })).resolves.toBeDefined();
  await client.auth.refresh();
  expect(counter.count('/oauth/token')).toBe(1);
  await expect(client.orders.list({ limit: 1 })).resolves.toBeDefined();
});

test('webhooks: create an endpoint, receive a signed delivery, constructEvent verifies it', async () => {
  const received: { body: string; signature: string | undefined }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c));
    req.on('end', () => {
      received.push({ body, signature: req.headers['regen-signature'] as string | undefined });
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  try {
    const client = new RegenClient({ ...transportOptions(), apiKey: ADMIN_KEY, baseUrl: stub.url });
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
    const endpoint = await client.webhooks.create({ url, events: ['order.created'] });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const customers = await client.customers.list({ limit: 1 });
    const products = await client.products.list({ limit: 1, active: true });
    const order = await client.orders.create({
      customerId: customers.data[0]?.id ?? '',
      currency: 'USD',
      items: [{ productId: products.data[0]?.id ?? '', quantity: 1 }],
    });
    for (let i = 0; i < 100 && received.length === 0; i++) await wait(50);
    const delivery = received[0];
    expect(delivery).toBeDefined();
    const event = await constructEvent(delivery?.body ?? '', delivery?.signature, endpoint.secret);
    expect(event.type).toBe('order.created');
    if (event.type === 'order.created') expect(event.data.object.id).toBe(order.id);
    await expect(constructEvent(delivery?.body ?? '', delivery?.signature, 'whsec_wrong')).rejects.toThrow();
    await client.webhooks.delete(endpoint.id);
  } finally {
    await new Promise((r) => receiver.close(r));
  }
});
