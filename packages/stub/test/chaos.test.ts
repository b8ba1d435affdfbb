import { describe, expect, it } from 'vitest';
import { startStub } from '../src/index.ts';
import { ADMIN_KEY, Client, useStub } from './support/stub.ts';

const ctx = useStub({ chaos: true });
const fault = (value: string) => ({ headers: { 'regen-fault': value } });

describe('chaos mode: Regen-Fault header', () => {
  it('429 with Retry-After in seconds, as an HTTP date, and past any sane cap', async () => {
    const seconds = await ctx.client.get('/api/v1/orders?limit=1', fault('429; retry-after=3'));
    expect(seconds.status).toBe(429);
    expect(seconds.headers.get('retry-after')).toBe('3');
    expect(seconds.body.error).toMatchObject({
      code: 'rate_limit_exceeded',
      requestId: seconds.headers.get('x-request-id'),
    });

    const date = await ctx.client.get('/api/v1/orders?limit=2', fault('429; retry-after=5; format=date'));
    const header = date.headers.get('retry-after') ?? '';
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
    const delta = (Date.parse(header) - Date.now()) / 1000;
    expect(delta).toBeGreaterThan(2);
    expect(delta).toBeLessThanOrEqual(6);

    const huge = await ctx.client.get('/api/v1/orders?limit=3', fault('429; retry-after=huge'));
    expect(Number(huge.headers.get('retry-after'))).toBeGreaterThanOrEqual(31_536_000);
  });

  it('retry-after-ms: the milliseconds form beside Retry-After (rounded up, or as given)', async () => {
    const ms = await ctx.client.get('/api/v1/orders?limit=4', fault('429; retry-after-ms=1500'));
    expect(ms.status).toBe(429);
    expect(ms.headers.get('retry-after-ms')).toBe('1500');
    expect(ms.headers.get('retry-after')).toBe('2');
    const both = await ctx.client.get(
      '/api/v1/orders?limit=5',
      fault('503; retry-after=30; retry-after-ms=200'),
    );
    expect(both.status).toBe(503);
    expect([both.headers.get('retry-after-ms'), both.headers.get('retry-after')]).toEqual(['200', '30']);
    const none = await ctx.client.get('/api/v1/orders?limit=6', fault('429'));
    expect(none.headers.get('retry-after-ms')).toBeNull();
  });

  it('injected 429 and 503 still carry the X-RateLimit-* headers the contract promises on every response', async () => {
    const limited = await ctx.client.get('/api/v1/orders?limit=1', fault('429; retry-after=4'));
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(limited.headers.get('x-ratelimit-limit'))).toBeGreaterThan(0);
    const reset = Number(limited.headers.get('x-ratelimit-reset'));
    expect(reset - Date.now() / 1000).toBeGreaterThan(2);
    expect(reset - Date.now() / 1000).toBeLessThanOrEqual(5);

    const unavailable = await ctx.client.get('/api/v1/orders?limit=1', fault('503'));
    for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
      expect(unavailable.headers.get(name), name).toMatch(/^\d+$/);
    }
  });

  it('runs of 503: count=3 fails three times, then lets one through, then starts over', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await ctx.client.get('/api/v1/products?limit=1', fault('503; count=3'))).status);
    expect(statuses).toEqual([503, 503, 503, 200, 503]);
    const reply = await ctx.client.get('/api/v1/products?limit=2', fault('503; retry-after=2'));
    expect(reply.body.error.code).toBe('service_unavailable');
    expect(reply.headers.get('retry-after')).toBe('2');
  });

  it('drops the connection after doing the work; an idempotent retry gets the result', async () => {
    const body = { name: 'Chaos reset', sku: 'CHAOS-RESET', price: { amount: 100, currency: 'USD' } };
    const headers = {
      'idempotency-key': 'chaos-reset',
      'content-type': 'application/json',
      'x-api-key': ADMIN_KEY,
    };
    await expect(
      fetch(`${ctx.stub.url}/api/v1/products`, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { ...headers, 'regen-fault': 'reset' },
      }),
    ).rejects.toThrow();
    const retry = await ctx.client.post('/api/v1/products', body, {
      headers: { 'idempotency-key': 'chaos-reset' },
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    await expect(
      fetch(`${ctx.stub.url}/api/v1/products`, {
        headers: { 'x-api-key': ADMIN_KEY, 'regen-fault': 'reset; when=before' },
      }),
    ).rejects.toThrow();
  });

  it('slow responses take at least the delay', async () => {
    const started = Date.now();
    const reply = await ctx.client.get('/api/v1/products?limit=1', fault('slow; delay=300ms'));
    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('hanging responses never answer', async () => {
    const hung = fetch(`${ctx.stub.url}/api/v1/products`, {
      headers: { 'x-api-key': ADMIN_KEY, 'regen-fault': 'hang' },
      signal: AbortSignal.timeout(300),
    });
    await expect(hung).rejects.toThrow(/timeout|aborted/i);
  });

  it('truncated bodies: the connection closes before Content-Length bytes', async () => {
    const response = await fetch(`${ctx.stub.url}/api/v1/products?limit=5`, {
      headers: { 'x-api-key': ADMIN_KEY, 'regen-fault': 'truncate' },
    });
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBeGreaterThan(0);
    await expect(response.text()).rejects.toThrow();
  });

  it('expires an access token mid-session; a refresh recovers', async () => {
    const login = await ctx.client.post('/api/auth/login', ctx.stub.demoUser, { key: null });
    const { accessToken, refreshToken } = login.body.data;
    expect((await ctx.client.get('/api/v1/users/me', { bearer: accessToken })).status).toBe(200);
    const expired = await ctx.client.get('/api/v1/users/me', {
      bearer: accessToken,
      ...fault('expire-token'),
    });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({ code: 'invalid_token', message: 'Token expired' });
    expect((await ctx.client.get('/api/v1/users/me', { bearer: accessToken })).status).toBe(401);
    const refreshed = await ctx.client.post('/api/auth/refresh', { refreshToken }, { key: null });
    expect(
      (await ctx.client.get('/api/v1/users/me', { bearer: refreshed.body.data.accessToken })).status,
    ).toBe(200);
  });

  it('rejects a malformed Regen-Fault header with 400', async () => {
    const reply = await ctx.client.get('/api/v1/products', fault('explode'));
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
    expect(reply.body.error.message).toContain('Regen-Fault');
  });
});

describe('chaos mode: random rates and off switch', () => {
  it('injects faults at random at the --chaos rates (100% here), sparing the health check', async () => {
    const stub = await startStub({ port: 0, adminKey: ADMIN_KEY, logLevel: 'silent', chaos: '503=100%' });
    try {
      const client = new Client(stub.url);
      expect((await client.get('/api/v1/products')).status).toBe(503);
      expect((await client.get('/api/health')).status).toBe(200);
    } finally {
      await stub.close();
    }
  });

  it('ignores Regen-Fault without --chaos', async () => {
    const stub = await startStub({ port: 0, adminKey: ADMIN_KEY, logLevel: 'silent' });
    try {
      const client = new Client(stub.url);
      for (const value of ['429', '503', 'reset', 'hang', 'truncate', 'explode']) {
        expect((await client.get('/api/v1/products?limit=1', fault(value))).status).toBe(200);
      }
    } finally {
      await stub.close();
    }
  });
});
