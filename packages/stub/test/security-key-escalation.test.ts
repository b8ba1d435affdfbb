import { describe, expect, it } from 'vitest';
import { useStub } from './support/stub.ts';

const ctx = useStub();

async function createKey(scopes: string[]) {
  const reply = await ctx.client.post('/api/v1/api-keys', { name: `k ${scopes.join(' ')}`, scopes });
  expect(reply.status).toBe(201);
  return reply.body.data as { id: string; key: string };
}

// "Security": no escalation through key management. A key-management key must not rotate a broader
// key and take its secret.
describe('managing an API key needs every scope the key holds', () => {
  it('a read/write:api_keys key cannot read, change, rotate, (de)activate or delete a broader key', async () => {
    const broad = await createKey(['read:*', 'write:*']);
    const manager = await createKey(['read:api_keys', 'write:api_keys']);
    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/api-keys/${broad.id}`],
      ['PUT', `/api/v1/api-keys/${broad.id}`, { name: 'mine now' }],
      ['POST', `/api/v1/api-keys/${broad.id}/rotate`],
      ['POST', `/api/v1/api-keys/${broad.id}/deactivate`],
      ['POST', `/api/v1/api-keys/${broad.id}/activate`],
      ['DELETE', `/api/v1/api-keys/${broad.id}`],
    ];
    for (const [method, path, body] of attempts) {
      const reply = await ctx.client.call(method, path, { key: manager.key, body });
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body.error).toMatchObject({ code: 'insufficient_scope', scope: 'read:*' });
      expect(reply.text).not.toMatch(/rg_(live|test)_[A-Za-z0-9]{32}/);
    }
    // The broad key is untouched and still works.
    const after = await ctx.client.get(`/api/v1/api-keys/${broad.id}`);
    expect(after.body.data).toMatchObject({ name: 'k read:* write:*', status: 'active' });
    expect((await ctx.client.get('/api/v1/products?limit=1', { key: broad.key })).status).toBe(200);
  });

  it("a narrow key cannot take a broad key's secret by replaying its Idempotency-Key", async () => {
    const manager = await createKey(['write:api_keys']);
    const broad = await createKey(['read:*', 'write:*']);
    const create = { name: 'ci', scopes: ['read:*', 'write:*'] };
    const headers = { 'idempotency-key': 'deploy-2026-12-04' };
    const original = await ctx.client.post('/api/v1/api-keys', create, { headers });
    expect(original.status).toBe(201);
    const replayed = await ctx.client.post('/api/v1/api-keys', create, { headers, key: manager.key });
    expect(replayed.status).toBe(403);
    expect(replayed.headers.get('idempotent-replayed')).toBeNull();
    expect(replayed.text).not.toContain(original.body.data.key);
    // Rotation alike: the owner's rotation answer (the new secret) is not the manager's to replay.
    const rotateHeaders = { 'idempotency-key': 'rotate-1' };
    const rotated = await ctx.client.post(`/api/v1/api-keys/${broad.id}/rotate`, undefined, {
      headers: rotateHeaders,
    });
    expect(rotated.status).toBe(200);
    const again = await ctx.client.post(`/api/v1/api-keys/${broad.id}/rotate`, undefined, {
      headers: rotateHeaders,
      key: manager.key,
    });
    expect(again.status).toBe(403);
    expect(again.text).not.toContain(rotated.body.data.key);
  });

  it('the same key manages keys within its own scopes, and cannot create or widen past them', async () => {
    const manager = await createKey(['read:api_keys', 'write:api_keys', 'read:orders']);
    const narrow = await createKey(['read:orders']);
    const path = `/api/v1/api-keys/${narrow.id}`;
    expect((await ctx.client.get(path, { key: manager.key })).status).toBe(200);
    expect((await ctx.client.post(`${path}/rotate`, undefined, { key: manager.key })).status).toBe(200);
    expect((await ctx.client.post(`${path}/deactivate`, undefined, { key: manager.key })).status).toBe(200);
    expect((await ctx.client.post(`${path}/activate`, undefined, { key: manager.key })).status).toBe(200);
    const widen = await ctx.client.call('PUT', path, { key: manager.key, body: { scopes: ['write:*'] } });
    expect(widen.status).toBe(403);
    expect(widen.body.error).toMatchObject({ code: 'insufficient_scope', scope: 'write:*' });
    const create = await ctx.client.post(
      '/api/v1/api-keys',
      { name: 'wider', scopes: ['write:products'] },
      { key: manager.key },
    );
    expect(create.status).toBe(403);
    expect(create.body.error).toMatchObject({ code: 'insufficient_scope', scope: 'write:products' });
    expect((await ctx.client.call('DELETE', path, { key: manager.key })).status).toBe(200);
  });

  it("a JWT user's role is the caller's scope set", async () => {
    await ctx.stub.ready;
    const email = ctx.stub.demoUser.email.replace(/^[^@]+/, 'admin'); // CLIENT_ADMIN: no write:api_keys
    const login = await ctx.client.post(
      '/api/auth/login',
      { email, password: ctx.stub.demoUser.password },
      { key: null },
    );
    expect(login.status).toBe(200);
    const bearer = login.body.data.accessToken as string;
    const owner = await createKey(['read:*', 'write:*']);
    const reader = await createKey(['read:orders']);
    const refused = await ctx.client.get(`/api/v1/api-keys/${owner.id}`, { bearer });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'insufficient_scope', scope: 'write:*' });
    expect((await ctx.client.get(`/api/v1/api-keys/${reader.id}`, { bearer })).status).toBe(200);
  });
});
