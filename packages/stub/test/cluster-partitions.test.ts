/**
 * Writes lock only their own account and mode: with one account's partition locked in
 * PostgreSQL, that account's writes wait while another account's complete, on the same
 * instance and on another. Two stub processes, real PostgreSQL and Redis.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Instance, sharedStoreArgs, startInstance } from './support/cluster.ts';
import {
  createSandboxStores,
  holdInTransaction,
  queryDatabase,
  SHARED,
  setRedisKey,
} from './support/shared-stores.ts';
import { Client, eventually, type Reply } from './support/stub.ts';

const DEMO_LIVE = 'acct_5Tq8Wm2Rz4N/live';
const PASSWORD = 'regen-demo-password';
const ARGS = [
  '--rate-limits',
  'standard=100000/1h,burst=100000/1m,write=100000/1h,auth=1000/15m',
  '--log-level',
  'warn',
];

const product = (label: string) => ({
  name: `Partition ${label}`,
  sku: `PART-${randomUUID().slice(0, 8).toUpperCase()}`,
  price: { amount: 100, currency: 'USD' },
});

describe.skipIf(SHARED.skip)('writes of different accounts on PostgreSQL + Redis', () => {
  let stores: ReturnType<typeof createSandboxStores>;
  let instances: Instance[] = [];
  let demo: [Client, Client];
  /** The second seeded account (Northwind), test mode, signed in with a bearer token. */
  let other: [(path: string, body: unknown) => Promise<Reply>, (path: string) => Promise<Reply>][];

  beforeAll(async () => {
    stores = createSandboxStores();
    const args = [...sharedStoreArgs(stores), ...ARGS];
    instances.push(await startInstance(args));
    instances.push(await startInstance(args));
    demo = instances.map((i) => new Client(i.url)) as [Client, Client];
    const login = await demo[0].post(
      '/api/auth/login',
      { email: 'northwind@regen.test', password: PASSWORD, mode: 'test' },
      { key: null },
    );
    expect(login.status).toBe(200);
    const bearer = login.body.data.accessToken as string;
    other = demo.map((c) => [
      (path: string, body: unknown) => c.post(path, body, { key: null, bearer }),
      (path: string) => c.get(path, { key: null, bearer }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(instances.map((i) => i.stop()));
    instances = [];
    stores?.drop();
  });

  /** Stub transactions of this database waiting for a lock right now. */
  const waiting = () =>
    queryDatabase(
      stores.databaseUrl,
      `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND a.datname = current_database() AND a.application_name = 'regen-stub'`,
    )[0].n as number;

  it("completes another account's creates while one account's partition is locked, then the held ones", async () => {
    const held = await holdInTransaction(
      stores.databaseUrl,
      `SELECT version FROM regen_partitions WHERE partition = '${DEMO_LIVE}' FOR UPDATE`,
    );
    let blocked: Promise<Reply>[] = [];
    const settled: boolean[] = [];
    try {
      blocked = demo.map((client, i) => {
        settled[i] = false;
        return client.post('/api/v1/products', product(`demo ${i}`)).finally(() => {
          settled[i] = true;
        });
      });
      // Both demo creates (one per instance) are inside PostgreSQL, waiting for the partition row.
      await eventually(() => (waiting() >= 2 ? true : undefined), 15_000);

      const [onSame, onOther] = await Promise.all([
        other[0]?.[0]('/api/v1/products', product('northwind 0')),
        other[1]?.[0]('/api/v1/products', product('northwind 1')),
      ]);
      expect([onSame?.status, onOther?.status]).toEqual([201, 201]);
      // Visible at once on the instance that did not write it.
      expect((await other[0]?.[1](`/api/v1/products/${onOther?.body.data.id}`))?.status).toBe(200);
      expect(settled).toEqual([false, false]);
    } finally {
      await held.release();
    }
    const replies = await Promise.all(blocked);
    expect(replies.map((r) => r.status)).toEqual([201, 201]);
    for (const client of demo)
      for (const reply of replies)
        expect((await client.get(`/api/v1/products/${reply.body.data.id}`)).status).toBe(200);
  }, 60_000);

  it('does not wait for a partition another write holds: both instances then take the lock, and no update is lost', async () => {
    const productId = (await demo[0].get('/api/v1/inventory?limit=1')).body.data[0].productId as string;
    const onHand = async (client: Client) =>
      (await client.get(`/api/v1/inventory/${productId}`)).body.data.onHand as number;
    const before = await onHand(demo[0]);
    expect(await onHand(demo[1])).toBe(before);
    const held = await holdInTransaction(
      stores.databaseUrl,
      `SELECT version FROM regen_partitions WHERE partition = '${DEMO_LIVE}' FOR UPDATE`,
    );
    let adjusted: Reply[];
    try {
      const pending = [3, 5].map((delta, i) =>
        demo[i]?.post('/api/v1/inventory/adjustments', { productId, delta, reason: 'restock' }),
      ) as Promise<Reply>[];
      // Both wait for the row under the lock, not with their changes in memory: readers on
      // either instance still see the stock as committed.
      await eventually(() => (waiting() >= 2 ? true : undefined), 15_000);
      for (const client of demo) expect(await onHand(client)).toBe(before);
      await held.release();
      adjusted = await Promise.all(pending);
    } finally {
      await held.release();
    }
    expect(adjusted.map((r) => r.status)).toEqual([201, 201]);
    const resulting = adjusted.map((r) => r.body.data.resultingOnHand as number).sort((a, b) => a - b);
    expect([
      [before + 3, before + 8],
      [before + 5, before + 8],
    ]).toContainEqual(resulting);
    for (const client of demo) expect(await onHand(client)).toBe(before + 8);
  });

  it('runs a write again when its partition moved on after the instance read it: no update is lost', async () => {
    // Northwind's test partition (the demo account's was contended by the case above). A
    // product of its own, so its stock starts at 0 on both instances.
    const [[createOnFirst, getOnFirst], [createOnSecond, getOnSecond]] = other as [
      (typeof other)[0],
      (typeof other)[0],
    ];
    const created = await createOnFirst('/api/v1/products', product('claims'));
    expect(created.status).toBe(201);
    const productId = created.body.data.id as string;
    const onHand = async (get: (path: string) => Promise<Reply>) =>
      (await get(`/api/v1/inventory/${productId}`)).body.data.onHand as number;
    expect(await onHand(getOnSecond)).toBe(0);
    const restock = (delta: number) => ({ productId, delta, reason: 'restock' });
    expect((await createOnFirst('/api/v1/inventory/adjustments', restock(3)))?.status).toBe(201);
    // As if publishing that write's version had failed: the second instance is not told, so it
    // runs the next write on the stock it holds (0), and only the claim finds the partition moved.
    const [row] = queryDatabase(
      stores.databaseUrl,
      `SELECT p.partition, p.version::int AS v FROM regen_partitions p
        JOIN regen_records r ON r.partition = p.partition WHERE r.id = '${productId}'`,
    );
    setRedisKey(stores.redisUrl, `${stores.redisPrefix}data-version:${row.partition}`, String(row.v - 1));
    const second = await createOnSecond('/api/v1/inventory/adjustments', restock(5));
    expect(second.status).toBe(201);
    expect(second.body.data.resultingOnHand).toBe(8);
    expect(await onHand(getOnFirst)).toBe(8);
    expect(await onHand(getOnSecond)).toBe(8);
  });

  it('judges a refusal again when its partition moved on: no 422 for a product another instance created', async () => {
    const [[createOnFirst], [createOnSecond, getOnSecond]] = other as [(typeof other)[0], (typeof other)[0]];
    expect((await getOnSecond('/api/v1/products?limit=1')).status).toBe(200);
    const created = await createOnFirst('/api/v1/products', product('refusal'));
    expect(created.status).toBe(201);
    const productId = created.body.data.id as string;
    // The second instance is not told (a lost publish): it does not hold the product yet.
    const [row] = queryDatabase(
      stores.databaseUrl,
      `SELECT p.partition, p.version::int AS v FROM regen_partitions p
        JOIN regen_records r ON r.partition = p.partition WHERE r.id = '${productId}'`,
    );
    setRedisKey(stores.redisUrl, `${stores.redisPrefix}data-version:${row.partition}`, String(row.v - 1));
    const adjusted = await createOnSecond('/api/v1/inventory/adjustments', {
      productId,
      delta: 2,
      reason: 'restock',
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.data.resultingOnHand).toBe(2);
  });

  it('keeps one data version per partition, raised only by writes of that partition', async () => {
    const versions = () =>
      new Map(
        queryDatabase(stores.databaseUrl, 'SELECT partition, version::int AS v FROM regen_partitions').map(
          (r: { partition: string; v: number }) => [r.partition, r.v],
        ),
      );
    const before = versions();
    expect((await other[1]?.[0]('/api/v1/products', product('versions')))?.status).toBe(201);
    const after = versions();
    expect(after.get(DEMO_LIVE)).toBe(before.get(DEMO_LIVE));
    expect(after.get('global')).toBe(before.get('global'));
    const northwind = [...after.keys()].find((p) => p.endsWith('/test') && p !== 'acct_5Tq8Wm2Rz4N/test');
    expect(northwind).toBeDefined();
    expect(after.get(northwind as string)).toBe((before.get(northwind as string) ?? 0) + 1);
  });

  it("sees another instance's write whose published version was lost, by the next poll", async () => {
    const [[createOnFirst, getOnFirst], [, getOnSecond]] = other as [(typeof other)[0], (typeof other)[0]];
    // The second instance holds this partition already: it has served it before.
    expect((await getOnSecond('/api/v1/products?limit=1')).status).toBe(200);
    const created = await createOnFirst('/api/v1/products', product('lost version'));
    expect(created.status).toBe(201);
    const id = created.body.data.id as string;
    expect((await getOnFirst(`/api/v1/products/${id}`)).status).toBe(200);
    // As if publishing the new version to Redis had failed: Redis says the version before it.
    const [row] = queryDatabase(
      stores.databaseUrl,
      `SELECT p.partition, p.version::int AS v FROM regen_partitions p
        JOIN regen_records r ON r.partition = p.partition WHERE r.id = '${id}'`,
    );
    setRedisKey(stores.redisUrl, `${stores.redisPrefix}data-version:${row.partition}`, String(row.v - 1));
    // PostgreSQL's versions, polled every second, still bring it to the other instance.
    const seen = await eventually(async () => {
      const reply = await getOnSecond(`/api/v1/products/${id}`);
      return reply.status === 200 ? reply : undefined;
    }, 10_000);
    expect(seen.body.data.name).toBe(created.body.data.name);
  });
});
