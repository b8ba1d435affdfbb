/**
 * Limits are exact across instances: counters live in Redis and each check-and-count is one
 * atomic script. Three instances behind a round-robin proxy, real HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStoreArgs, startCluster } from './support/cluster.ts';
import { createSandboxStores, SHARED } from './support/shared-stores.ts';
import { Client } from './support/stub.ts';

describe.skipIf(SHARED.skip)('limits across three instances', () => {
  let stores: ReturnType<typeof createSandboxStores>;
  let cluster: Awaited<ReturnType<typeof startCluster>>;
  let proxy: Client;

  beforeAll(async () => {
    stores = createSandboxStores();
    cluster = await startCluster(3, [
      ...sharedStoreArgs(stores),
      '--rate-limits',
      'standard=1000000/1h,burst=10/1m,write=1000000/1h,auth=5/15m',
      '--log-level',
      'warn',
    ]);
    proxy = new Client(cluster.url);
  }, 180_000);

  afterAll(async () => {
    await cluster?.close();
    stores?.drop();
  });

  it('admits exactly the burst budget of 50 concurrent requests spread over the instances', async () => {
    const created = await proxy.post('/api/v1/api-keys', {
      name: 'limits',
      scopes: ['read:products'],
      environment: 'test',
    });
    expect(created.status).toBe(201);
    const key = created.body.data.key;
    const before = [...cluster.proxy.counts];
    const replies = await Promise.all(
      Array.from({ length: 50 }, () => proxy.get('/api/v1/products?limit=1', { key })),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    for (const r of replies.filter((x) => x.status === 429)) {
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    }
    // Every instance took part.
    for (const [i, c] of cluster.proxy.counts.entries())
      expect(c - (before[i] ?? 0)).toBeGreaterThanOrEqual(15);
  });

  it('shares the failed-authentication budget: concurrent wrong passwords over three instances get exactly 5 tries', async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, () =>
        proxy.post(
          '/api/auth/login',
          { email: 'admin@regen.test', password: 'wrong-password!' },
          { key: null },
        ),
      ),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
  });
});
