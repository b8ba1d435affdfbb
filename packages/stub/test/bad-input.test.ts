import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, orderBody, useStub } from './support/stub.ts';

const ctx = useStub();

describe('bad input is answered in the envelope, never with a 500', () => {
  it('malformed JSON → 400 invalid_request', async () => {
    const reply = await ctx.client.call('POST', '/api/v1/products', {
      rawBody: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid_request');
    expect(reply.body.error.message).toMatch(/JSON/);
  });

  it('wrong content type → 415', async () => {
    const reply = await ctx.client.call('POST', '/api/v1/products', {
      rawBody: 'name=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(reply.status).toBe(415);
    expect(reply.body.error.code).toBe('unsupported_media_type');
    const missing = await ctx.client.call('POST', '/api/v1/products', { rawBody: Buffer.from('{}') });
    expect(missing.status).toBe(415);
  });

  it('body over 1 MiB → 413', async () => {
    const big = JSON.stringify({
      name: 'x'.repeat(1024 * 1024 + 10),
      sku: 'BIG',
      price: { amount: 1, currency: 'USD' },
    });
    const reply = await ctx.client.call('POST', '/api/v1/products', {
      rawBody: big,
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.error.code).toBe('payload_too_large');
    // The server is still fine afterwards.
    expect((await ctx.client.get('/api/health')).status).toBe(200);
  });

  it('unknown route → 404, wrong method → 405 with Allow', async () => {
    const missing = await ctx.client.get('/api/v1/unicorns');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    const wrong = await ctx.client.call('DELETE', '/api/v1/orders');
    expect(wrong.status).toBe(405);
    expect(wrong.body.error.code).toBe('method_not_allowed');
    // OPTIONS is answered on every routed path (preflights), so Allow lists it.
    expect(wrong.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect((await ctx.client.call('PUT', '/api/v1/orders/ord_x')).headers.get('allow')).toBe(
      'GET, PATCH, HEAD, OPTIONS',
    );
  });

  it('unknown or invalid fields → 400 validation_error naming the field path', async () => {
    const body = await orderBody(ctx.client);
    const unknown = await ctx.client.post('/api/v1/orders', { ...body, colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('validation_error');
    expect(unknown.body.error.details).toContainEqual({ path: '/colour', message: 'is not a known field' });
    const nested = await ctx.client.post('/api/v1/orders', {
      ...body,
      items: [{ productId: body.items[0]?.productId, quantity: 0 }],
    });
    expect(nested.body.error.details[0].path).toBe('/items/0/quantity');
    const wrongType = await ctx.client.post('/api/v1/orders', { ...body, currency: 42 });
    expect(wrongType.body.error.details[0].path).toBe('/currency');
    const missing = await ctx.client.post('/api/v1/orders', { customerId: body.customerId, currency: 'USD' });
    expect(missing.body.error.details).toContainEqual({ path: '/items', message: 'is required' });
  });

  it('invalid or unknown query parameters → 400 naming the parameter', async () => {
    const limit = await ctx.client.get('/api/v1/orders?limit=1000');
    expect(limit.status).toBe(400);
    expect(limit.body.error.details[0].path).toBe('limit');
    const status = await ctx.client.get('/api/v1/orders?status=lost');
    expect(status.body.error.details[0].path).toBe('status');
    const unknown = await ctx.client.get('/api/v1/orders?colour=red');
    expect(unknown.body.error.details[0].path).toBe('colour');
    const cursor = await ctx.client.get('/api/v1/orders?cursor=bm90LWEtY3Vyc29y');
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.details[0].path).toBe('cursor');
  });

  it('a malformed id is simply not found', async () => {
    expect((await ctx.client.get('/api/v1/orders/not-an-id')).status).toBe(404);
    expect((await ctx.client.get('/api/v1/orders/ord_doesnotexist')).status).toBe(404);
  });

  it('a header that is too long → 400 naming it', async () => {
    const reply = await ctx.client.post(
      '/api/v1/webhooks',
      { url: 'http://127.0.0.1:9/x', events: ['order.created'] },
      { headers: { 'idempotency-key': 'k'.repeat(300) } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.details[0].path).toBe('Idempotency-Key');
  });

  it('never answers 500 to arbitrary bodies, paths and methods (property test)', async () => {
    const json = fc.jsonValue({ maxDepth: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/v1/orders',
          '/api/v1/products',
          '/api/v1/api-keys',
          '/api/v1/inventory/adjustments',
          '/api/v1/payouts',
          '/api/v1/webhooks',
          '/api/auth/login',
          '/oauth/token',
          '/api/auth/refresh',
        ),
        fc.oneof(
          json.map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
        ),
        fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain'),
        async (path, rawBody, type) => {
          const reply = await ctx.client.call('POST', path, { rawBody, headers: { 'content-type': type } });
          expect(reply.status).toBeLessThan(500);
          expect(reply.status).toBeGreaterThanOrEqual(200);
        },
      ),
      { numRuns: 150 },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
        fc.array(fc.stringMatching(/^[A-Za-z0-9_%.-]{0,12}$/), { maxLength: 5 }),
        fc.string({ maxLength: 40 }),
        async (method, segments, query) => {
          const response = await fetch(
            `${ctx.stub.url}/api/v1/${segments.join('/')}?${encodeURIComponent(query)}`,
            {
              method,
              headers: { 'x-api-key': ADMIN_KEY },
            },
          );
          await response.arrayBuffer();
          expect(response.status).toBeLessThan(500);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('invalid headers', () => {
  it('answer 400 naming the header, on an operation whose only input is a header', async () => {
    const key = (await ctx.client.post('/api/v1/api-keys', { name: 'Rotate me', scopes: ['read:orders'] }))
      .body.data;
    const reply = await ctx.client.post(`/api/v1/api-keys/${key.id}/rotate`, undefined, {
      headers: { 'idempotency-key': 'k'.repeat(300) },
    });
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('validation_error');
    expect(reply.body.error.details[0].path).toBe('Idempotency-Key');
    expect(ctx.stub.violations).toEqual([]);
  });
});
