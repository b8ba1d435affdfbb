import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Client, sleep, useStub } from './support/stub.ts';

const ctx = useStub({ rotationGrace: '1s' });

async function createKey(client: Client, body: Record<string, unknown> = {}) {
  const reply = await client.post('/api/v1/api-keys', { name: 'Test key', scopes: ['read:orders'], ...body });
  expect(reply.status).toBe(201);
  return reply.body.data as { id: string; key: string; keyPrefix: string; lastFour: string };
}

describe('API key lifecycle', () => {
  it('creates rg_live_ and rg_test_ keys, returning the key only at creation', async () => {
    const { client } = ctx;
    const live = await createKey(client);
    const test = await createKey(client, { environment: 'test' });
    expect(live.key).toMatch(/^rg_live_[A-Za-z0-9]{32}$/);
    expect(test.key).toMatch(/^rg_test_[A-Za-z0-9]{32}$/);
    expect(live.keyPrefix).toBe(live.key.slice(0, 12));
    expect(live.lastFour).toBe(live.key.slice(-4));

    const read = await client.get(`/api/v1/api-keys/${live.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).not.toHaveProperty('key');
    expect(read.text).not.toContain(live.key);
    const listed = await client.get('/api/v1/api-keys?limit=100');
    expect(listed.body.data.map((k: { id: string }) => k.id)).toContain(live.id);
    expect(listed.text).not.toContain(live.key);
    expect(listed.text).not.toContain(test.key);
  });

  it('accepts the key as X-API-Key and as Bearer, and updates lastUsedAt', async () => {
    const { client } = ctx;
    const created = await createKey(client);
    expect((await client.get(`/api/v1/api-keys/${created.id}`)).body.data.lastUsedAt).toBeNull();
    expect((await client.get('/api/v1/orders?limit=1', { key: created.key })).status).toBe(200);
    expect((await client.get('/api/v1/orders?limit=1', { bearer: created.key })).status).toBe(200);
    const after = await client.get(`/api/v1/api-keys/${created.id}`);
    expect(after.body.data.lastUsedAt).toEqual(expect.any(String));
    expect(Date.parse(after.body.data.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('refuses a key whose expiresAt has passed, and refuses to create one already expired', async () => {
    const { client } = ctx;
    const past = await client.post('/api/v1/api-keys', {
      name: 'Old',
      scopes: ['read:orders'],
      expiresAt: '2020-01-01T00:00:00Z',
    });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('unprocessable_entity');

    const expiresAt = Date.now() + 2000;
    const soon = await createKey(client, { expiresAt: new Date(expiresAt).toISOString() });
    expect((await client.get('/api/v1/orders?limit=1', { key: soon.key })).status).toBe(200);
    await sleep(expiresAt - Date.now() + 100);
    const expired = await client.get('/api/v1/orders?limit=1', { key: soon.key });
    expect(expired.status).toBe(401);
    expect(expired.body.error).toMatchObject({
      code: 'invalid_api_key',
      message: 'Invalid or inactive API key',
    });
  });

  it('rotates: a new key works, the old one works for the grace period, then 401', async () => {
    const { client } = ctx;
    const created = await createKey(client);
    const rotated = await client.post(`/api/v1/api-keys/${created.id}/rotate`);
    expect(rotated.status).toBe(200);
    const fresh = rotated.body.data.key as string;
    expect(fresh).not.toBe(created.key);
    expect(rotated.body.data.keyPrefix).toBe(fresh.slice(0, 12));
    expect(Date.parse(rotated.body.data.previousKeyExpiresAt)).toBeGreaterThan(Date.now() - 1000);
    expect((await client.get('/api/v1/orders?limit=1', { key: created.key })).status).toBe(200);
    expect((await client.get('/api/v1/orders?limit=1', { key: fresh })).status).toBe(200);
    await sleep(Date.parse(rotated.body.data.previousKeyExpiresAt) - Date.now() + 100);
    const old = await client.get('/api/v1/orders?limit=1', { key: created.key });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('invalid_api_key');
    expect((await client.get('/api/v1/orders?limit=1', { key: fresh })).status).toBe(200);
    expect((await client.get(`/api/v1/api-keys/${created.id}`)).text).not.toContain(fresh);
  });

  it('deactivates (401) and activates again (200)', async () => {
    const { client } = ctx;
    const created = await createKey(client);
    const off = await client.post(`/api/v1/api-keys/${created.id}/deactivate`);
    expect(off.body.data.status).toBe('inactive');
    const refused = await client.get('/api/v1/orders?limit=1', { key: created.key });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toBe('Invalid or inactive API key');
    const on = await client.post(`/api/v1/api-keys/${created.id}/activate`);
    expect(on.body.data.status).toBe('active');
    expect((await client.get('/api/v1/orders?limit=1', { key: created.key })).status).toBe(200);
  });

  it('judges every request of one keep-alive connection by the key it sends', async () => {
    const { client, stub } = ctx;
    const orders = await createKey(client, { scopes: ['read:orders'] });
    const products = await createKey(client, { scopes: ['read:products'] });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const get = (key: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request(`${stub.url}/api/v1/orders?limit=1`, { agent, headers: { 'x-api-key': key } });
        req.on('socket', (socket) => sockets.add(socket));
        req.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode ?? 0)));
        req.on('error', reject).end();
      });
    try {
      expect(await get(orders.key)).toBe(200);
      expect(await get(products.key)).toBe(403);
      const forged = `${orders.key.slice(0, -1)}${orders.key.endsWith('a') ? 'b' : 'a'}`;
      expect(await get(forged)).toBe(401);
      expect(await get(orders.key)).toBe(200);
      expect((await client.post(`/api/v1/api-keys/${orders.id}/deactivate`)).status).toBe(200);
      expect(await get(orders.key)).toBe(401);
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
  });

  it('deletes: the key is refused and no longer found', async () => {
    const { client } = ctx;
    const created = await createKey(client);
    const deleted = await client.call('DELETE', `/api/v1/api-keys/${created.id}`);
    expect(deleted.body).toEqual({ success: true, data: { id: created.id, deleted: true } });
    expect((await client.get('/api/v1/orders?limit=1', { key: created.key })).status).toBe(401);
    expect((await client.get(`/api/v1/api-keys/${created.id}`)).status).toBe(404);
  });

  it('normalises scopes to the canonical spelling and updates with PUT', async () => {
    const { client } = ctx;
    const created = await client.post('/api/v1/api-keys', {
      name: 'Aliases',
      scopes: ['orders:read', 'read', 'inventory:write'],
    });
    expect(created.body.data.scopes).toEqual(['read:orders', 'read:*', 'write:inventory']);
    const updated = await client.call('PUT', `/api/v1/api-keys/${created.body.data.id}`, {
      body: { name: 'Renamed', scopes: ['products:read'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.data).toMatchObject({ name: 'Renamed', scopes: ['read:products'] });
    expect((await client.get('/api/v1/orders?limit=1', { key: created.body.data.key })).status).toBe(403);
  });

  it('lets a key grant only scopes it holds (403 naming the scope)', async () => {
    const { client } = ctx;
    const manager = await createKey(client, { scopes: ['read:api_keys', 'write:api_keys', 'read:orders'] });
    const ok = await client.post(
      '/api/v1/api-keys',
      { name: 'Narrow', scopes: ['orders:read'] },
      { key: manager.key },
    );
    expect(ok.status).toBe(201);
    const tooMuch = await client.post(
      '/api/v1/api-keys',
      { name: 'Wide', scopes: ['write:orders'] },
      { key: manager.key },
    );
    expect(tooMuch.status).toBe(403);
    expect(tooMuch.body.error).toMatchObject({ code: 'insufficient_scope', scope: 'write:orders' });
    expect(ADMIN_KEY).not.toBe(manager.key);
  });
});
