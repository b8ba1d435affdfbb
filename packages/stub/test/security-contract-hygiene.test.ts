import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub({ chaos: true });
const fault = (value: string) => ({ headers: { 'regen-fault': value } });

// What Prism's proxy and outside linters flagged on the wire.
describe('contract hygiene on the wire', () => {
  it('a chaos 503 carries Retry-After even without a retry-after parameter', async () => {
    const reply = await ctx.client.get('/api/v1/orders?limit=1', fault('503'));
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('1');
  });

  it('a malformed Regen-Fault is a declared 400 carrying the X-RateLimit-* headers, on any operation', async () => {
    const products = await ctx.client.get('/api/v1/products', fault('explode'));
    const orders = await ctx.client.get('/api/v1/orders');
    const someId = orders.body.data[0].id as string;
    const order = await ctx.client.get(`/api/v1/orders/${someId}`, fault('explode')); // no query parameters
    const health = await ctx.client.get('/api/health', fault('explode'));
    for (const reply of [products, order, health]) {
      expect(reply.status).toBe(400);
      expect(reply.body.error.code).toBe('invalid_request');
      for (const name of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']) {
        expect(reply.headers.get(name), name).toMatch(/^\d+$/);
      }
    }
    // A 400 the contract did not declare would have been a violation (500, recorded by useStub).
    expect(ctx.stub.violations).toEqual([]);
  });

  it('Allow lists OPTIONS, which every routed path answers', async () => {
    const wrong = await ctx.client.call('DELETE', '/api/v1/orders');
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')?.split(', ')).toContain('OPTIONS');
    const options = await fetch(`${ctx.stub.url}/api/v1/orders`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')?.split(', ')).toContain('OPTIONS');
  });

  it('over-long credential inputs are refused as malformed, before any secret is compared', async () => {
    const form = (fields: Record<string, string>) =>
      ctx.client.call('POST', '/oauth/token', {
        key: null,
        rawBody: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    const longId = await form({
      grant_type: 'client_credentials',
      client_id: 'c'.repeat(129),
      client_secret: 'x',
    });
    expect(longId.status).toBe(400);
    expect(longId.body.error).toBe('invalid_request');
    const longSecret = await form({
      grant_type: 'client_credentials',
      client_id: 'cli_regen_demo',
      client_secret: 's'.repeat(257),
    });
    expect(longSecret.status).toBe(400);
    expect(longSecret.body.error).toBe('invalid_request');
    const longRefresh = await form({
      grant_type: 'refresh_token',
      refresh_token: 'r'.repeat(4097),
      client_id: 'cli_regen_demo',
      client_secret: 'cs_regen_demo_secret',
    });
    expect(longRefresh.body.error).toBe('invalid_request');
    const refresh = await ctx.client.post(
      '/api/auth/refresh',
      { refreshToken: 'r'.repeat(4097) },
      { key: null },
    );
    expect(refresh.status).toBe(400);
    expect(refresh.body.error.code).toBe('validation_error');
  });
});
