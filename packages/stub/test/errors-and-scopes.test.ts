import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub();

async function keyWith(scopes: string[]): Promise<string> {
  const reply = await ctx.client.post('/api/v1/api-keys', { name: `Scopes ${scopes.join(' ')}`, scopes });
  expect(reply.status).toBe(201);
  return reply.body.data.key;
}

describe("the contract's error-code table", () => {
  it('no credential → 401 "Missing API key" in the envelope, with the request id as a header', async () => {
    const reply = await ctx.client.get('/api/v1/orders', { key: null });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      success: false,
      error: {
        code: 'missing_api_key',
        message: 'Missing API key',
        requestId: expect.stringMatching(/^req_[A-Za-z0-9]+$/),
      },
    });
    expect(reply.headers.get('x-request-id')).toBe(reply.body.error.requestId);
  });

  it('wrong key → 401 "Invalid or inactive API key"', async () => {
    for (const key of ['rg_live_wrongwrongwrongwrongwrongwrong12', 'not-a-key']) {
      const reply = await ctx.client.get('/api/v1/orders', { key });
      expect(reply.status).toBe(401);
      expect(reply.body.error).toMatchObject({
        code: 'invalid_api_key',
        message: 'Invalid or inactive API key',
      });
    }
    const bearer = await ctx.client.get('/api/v1/orders', {
      bearer: 'rg_live_wrongwrongwrongwrongwrongwrong12',
    });
    expect(bearer.body.error.code).toBe('invalid_api_key');
  });

  it('valid key without the scope → 403 naming the scope', async () => {
    const key = await keyWith(['read:products']);
    const reply = await ctx.client.get('/api/v1/orders', { key });
    expect(reply.status).toBe(403);
    expect(reply.body.error).toMatchObject({
      code: 'insufficient_scope',
      message: 'API key lacks required permissions',
      scope: 'read:orders',
    });
    expect(reply.headers.get('x-request-id')).toBe(reply.body.error.requestId);
  });

  it('every request gets a distinct request id', async () => {
    const a = await ctx.client.get('/api/health');
    const b = await ctx.client.get('/api/health');
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });
});

describe('scopes', () => {
  it('accepts both spellings', async () => {
    const canonical = await keyWith(['read:orders']);
    const alias = await keyWith(['orders:read']);
    for (const key of [canonical, alias]) {
      expect((await ctx.client.get('/api/v1/orders?limit=1', { key })).status).toBe(200);
      expect((await ctx.client.post('/api/v1/orders/ord_x/cancel', undefined, { key })).status).toBe(403);
    }
  });

  it('read:* grants every read and no write; write:* grants writes and no read', async () => {
    const reader = await keyWith(['read:*']);
    for (const path of [
      '/api/v1/orders',
      '/api/v1/products',
      '/api/v1/inventory',
      '/api/v1/commissions',
      '/api/v1/customers',
      '/api/v1/webhooks',
      '/api/v1/analytics/summary',
      '/api/v1/api-keys',
    ]) {
      expect((await ctx.client.get(path, { key: reader })).status, path).toBe(200);
    }
    const denied = await ctx.client.post(
      '/api/v1/products',
      { name: 'X', sku: 'X-1', price: { amount: 1, currency: 'USD' } },
      { key: reader },
    );
    expect(denied.body.error.scope).toBe('write:products');

    const writer = await keyWith(['write']);
    expect((await ctx.client.get('/api/v1/products', { key: writer })).body.error.scope).toBe(
      'read:products',
    );
    const created = await ctx.client.post(
      '/api/v1/products',
      { name: 'Writer product', sku: 'WRITER-1', price: { amount: 100, currency: 'USD' } },
      { key: writer },
    );
    expect(created.status).toBe(201);
  });

  it('any valid credential may read /users/me, which reports the effective scopes', async () => {
    const key = await keyWith(['read:analytics']);
    const me = await ctx.client.get('/api/v1/users/me', { key });
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ role: 'CLIENT_OWNER', scopes: ['read:analytics'] });
  });

  it('health needs no credential and reports one when valid', async () => {
    const anonymous = await ctx.client.get('/api/health', { key: null });
    expect(anonymous.body.data).toMatchObject({ status: 'ok', authenticated: false, credential: null });
    const key = await keyWith(['read:orders']);
    const authed = await ctx.client.get('/api/health', { key });
    expect(authed.body.data).toMatchObject({
      authenticated: true,
      credential: { type: 'api_key', scopes: ['read:orders'], keyPrefix: key.slice(0, 12) },
    });
    const wrong = await ctx.client.get('/api/health', { key: 'rg_live_wrongwrongwrongwrongwrongwrong12' });
    expect(wrong.status).toBe(200);
    expect(wrong.body.data.authenticated).toBe(false);
  });
});
