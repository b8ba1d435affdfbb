import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub();
const origin = 'http://localhost:5173';

describe('CORS', () => {
  it('answers preflight requests for API routes', async () => {
    const response = await fetch(`${ctx.stub.url}/api/v1/orders`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-api-key, content-type, idempotency-key',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    expect(response.headers.get('access-control-max-age')).not.toBeNull();
  });

  it('exposes the rate-limit headers, Retry-After and X-Request-Id to browsers', async () => {
    const reply = await ctx.client.get('/api/v1/products?limit=1', { headers: { origin } });
    expect(reply.headers.get('access-control-allow-origin')).toBe(origin);
    const exposed = (reply.headers.get('access-control-expose-headers') ?? '').toLowerCase();
    for (const name of [
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'retry-after',
      'x-request-id',
    ]) {
      expect(exposed).toContain(name);
    }
    const error = await ctx.client.get('/api/v1/products', { key: null, headers: { origin } });
    expect(error.status).toBe(401);
    expect(error.headers.get('access-control-allow-origin')).toBe(origin);
  });

  it('404s a preflight for an unknown path', async () => {
    const response = await fetch(`${ctx.stub.url}/api/v1/nothing`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET' },
    });
    expect(response.status).toBe(404);
  });
});
