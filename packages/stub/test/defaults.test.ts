import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, useStub } from './support/stub.ts';

// No overrides: the contract's rate limits and its 5-minute rotation grace.
const ctx = useStub({}, { productDefaults: true });

describe('defaults', () => {
  it('limits to burst 10/minute and reports it', async () => {
    const reply = await ctx.client.get('/api/v1/products?limit=1');
    expect(reply.headers.get('x-ratelimit-limit')).toBe('10');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('9');
  });

  it('keeps a rotated key valid for 5 minutes', async () => {
    const created = (await ctx.client.post('/api/v1/api-keys', { name: 'Grace', scopes: ['read:orders'] }))
      .body.data;
    const before = Date.now();
    const rotated = await ctx.client.post(`/api/v1/api-keys/${created.id}/rotate`);
    const grace = Date.parse(rotated.body.data.previousKeyExpiresAt) - before;
    expect(grace).toBeGreaterThan(299_000);
    expect(grace).toBeLessThanOrEqual(301_000);
    expect((await ctx.client.get('/api/v1/users/me', { key: created.key })).status).toBe(200);
  });

  it('seeds demo data and demo users of every role', async () => {
    expect((await ctx.client.get('/api/v1/products?limit=100')).body.data.length).toBeGreaterThanOrEqual(10);
    for (const role of ['admin', 'member', 'viewer']) {
      const login = await ctx.client.post(
        '/api/auth/login',
        { email: `${role}@regen.test`, password: ctx.stub.demoUser.password },
        { key: null },
      );
      expect(login.body.data.user.role).toBe(`CLIENT_${role.toUpperCase()}`);
    }
    expect(ADMIN_KEY).toMatch(/^rg_test_/);
  });
});

describe('--no-seed', () => {
  const empty = useStub({ seed: false });

  it('starts without demo data, but with the demo users', async () => {
    for (const path of ['/api/v1/products', '/api/v1/orders', '/api/v1/customers', '/api/v1/api-keys']) {
      expect((await empty.client.get(path)).body.data, path).toEqual([]);
    }
    const login = await empty.client.post('/api/auth/login', empty.stub.demoUser, { key: null });
    expect(login.status).toBe(200);
  });
});
