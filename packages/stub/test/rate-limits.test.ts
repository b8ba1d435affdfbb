import { describe, expect, it } from 'vitest';
import { type StubServer, startStub } from '../src/index.ts';
import { ADMIN_KEY, Client } from './support/stub.ts';

async function withLimits<T>(
  rateLimits: string,
  run: (client: Client, stub: StubServer) => Promise<T>,
): Promise<T> {
  const stub = await startStub({ port: 0, adminKey: ADMIN_KEY, logLevel: 'silent', rateLimits });
  try {
    return await run(new Client(stub.url), stub);
  } finally {
    await stub.close();
    expect(stub.violations).toEqual([]);
  }
}

describe('rate limits', () => {
  it('admits exactly the limit out of 50 simultaneous requests', async () => {
    await withLimits('standard=1000/1h,burst=10/1m,write=1000/1h', async (client) => {
      const replies = await Promise.all(
        Array.from({ length: 50 }, () => client.get('/api/v1/products?limit=1')),
      );
      const statuses = replies.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(10);
      expect(statuses.filter((s) => s === 429)).toHaveLength(40);
      const refused = replies.find((r) => r.status === 429);
      expect(refused?.body.error).toMatchObject({
        code: 'rate_limit_exceeded',
        message: 'Rate limit exceeded',
      });
      const retryAfter = Number(refused?.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused?.headers.get('x-ratelimit-remaining')).toBe('0');
    });
  });

  it('sends X-RateLimit-* on every response, for the bucket closest to exhaustion', async () => {
    await withLimits('standard=100/1h,burst=10/1m,write=3/1h', async (client) => {
      const read = await client.get('/api/v1/products?limit=1');
      expect(read.headers.get('x-ratelimit-limit')).toBe('10');
      expect(read.headers.get('x-ratelimit-remaining')).toBe('9');
      const reset = Number(read.headers.get('x-ratelimit-reset'));
      expect(reset).toBeGreaterThan(Date.now() / 1000);
      expect(reset).toBeLessThanOrEqual(Date.now() / 1000 + 61);
      const write = await client.post('/api/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        events: ['order.created'],
      });
      expect(write.status).toBe(201);
      expect(write.headers.get('x-ratelimit-limit')).toBe('3');
      expect(write.headers.get('x-ratelimit-remaining')).toBe('2');
      const missing = await client.get('/api/v1/nothing-here');
      expect(missing.status).toBe(404);
      expect(missing.headers.get('x-ratelimit-limit')).not.toBeNull();
      const unauthenticated = await client.get('/api/v1/orders', { key: null });
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.get('x-ratelimit-remaining')).not.toBeNull();
    });
  });

  it('counts writes against the write tier and keeps identities apart', async () => {
    await withLimits('standard=100/1h,burst=100/1m,write=2/1h', async (client) => {
      const body = { url: 'http://127.0.0.1:9/hook', events: ['order.created'] };
      expect((await client.post('/api/v1/webhooks', body)).status).toBe(201);
      expect((await client.post('/api/v1/webhooks', body)).status).toBe(201);
      const third = await client.post('/api/v1/webhooks', body);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(60);
      // Reads still pass: the write tier applies to writes only.
      expect((await client.get('/api/v1/webhooks')).status).toBe(200);
      // Another credential has its own buckets (the demo user's JWT).
      const login = await client.post(
        '/api/auth/login',
        { email: 'demo@regen.test', password: 'regen-demo-password' },
        { key: null },
      );
      expect(login.status).toBe(200);
      expect(
        (await client.post('/api/v1/webhooks', body, { bearer: login.body.data.accessToken })).status,
      ).toBe(201);
    });
  });

  it('limits unauthenticated callers per client address', async () => {
    await withLimits('standard=100/1h,burst=3/1m,write=100/1h', async (client) => {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await client.get('/api/health', { key: null })).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      // The admin key is a different identity.
      expect((await client.get('/api/health')).status).toBe(200);
    });
  });
});
