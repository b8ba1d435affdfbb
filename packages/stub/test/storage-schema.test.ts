/**
 * The PostgreSQL schema an operator sees: versioned migrations applied in order, the
 * account, mode and resource of every row as columns with one view per resource, and a database
 * written before accounts existed (schema 1) carried over into the demo account's live data, and
 * one written by schema 4 (one global data version) upgraded to versions per partition.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { type Instance, sharedStoreArgs, startInstance } from './support/cluster.ts';
import { createSandboxStores, queryDatabase, SHARED } from './support/shared-stores.ts';
import { Client } from './support/stub.ts';

const DEMO = 'acct_5Tq8Wm2Rz4N';
const NORTHWIND = 'acct_8Hn3Vb6Kx1P';
const PASSWORD = 'regen-demo-password';
const LIMITS = ['--rate-limits', 'standard=100000/1h,burst=100000/1m,write=100000/1h,auth=1000/15m'];

describe.skipIf(SHARED.skip)('PostgreSQL schema', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function start(stores: ReturnType<typeof createSandboxStores>): Promise<Instance> {
    const instance = await startInstance([...sharedStoreArgs(stores), ...LIMITS, '--log-level', 'warn']);
    cleanups.push(() => instance.stop());
    return instance;
  }

  it('applies every migration once, and shows each tenant its own rows in the per-resource views', async () => {
    const stores = createSandboxStores();
    cleanups.push(() => stores.drop());
    const instance = await start(stores);
    const admin = new Client(instance.url);
    const northwind = await admin.post(
      '/api/auth/login',
      { email: 'northwind@regen.test', password: PASSWORD, mode: 'test' },
      { key: null },
    );
    expect(northwind.status).toBe(200);
    const product = (sku: string) => ({ name: 'Schema probe', sku, price: { amount: 100, currency: 'USD' } });
    const demoProduct = await admin.post('/api/v1/products', product('SCHEMA-1'));
    const northwindProduct = await admin.post('/api/v1/products', product('SCHEMA-1'), {
      key: null,
      bearer: northwind.body.data.accessToken,
    });
    expect([demoProduct.status, northwindProduct.status]).toEqual([201, 201]);

    const applied = queryDatabase(
      stores.databaseUrl,
      'SELECT version FROM regen_migrations ORDER BY version',
    );
    expect(applied.map((r) => r.version)).toEqual([1, 2, 3, 4, 5, 6]);
    const rows = queryDatabase(
      stores.databaseUrl,
      `SELECT account_id, mode, id FROM regen_products WHERE data ->> 'sku' = 'SCHEMA-1' ORDER BY account_id`,
    );
    expect(rows).toEqual([
      { account_id: DEMO, mode: 'live', id: demoProduct.body.data.id },
      { account_id: NORTHWIND, mode: 'test', id: northwindProduct.body.data.id },
    ]);
    const users = queryDatabase(
      stores.databaseUrl,
      'SELECT account_id, count(*)::int AS n FROM regen_users GROUP BY 1 ORDER BY 1',
    );
    expect(users).toEqual([
      { account_id: DEMO, n: 4 },
      { account_id: NORTHWIND, n: 4 },
    ]);
    // Secrets stay digests in the database too.
    const keys = queryDatabase(stores.databaseUrl, 'SELECT data FROM regen_api_keys');
    for (const { data } of keys) expect(data.hash).toMatch(/^[0-9a-f]{64}$/);
  }, 120_000);

  it("carries a schema-1 database (one account, no modes) into the demo account's live data", async () => {
    const stores = createSandboxStores();
    cleanups.push(() => stores.drop());
    // The database as schema 1 left it: migration 001 applied, one user and one order, no account ids.
    const init = readFileSync(new URL('../migrations/001_init.sql', import.meta.url), 'utf8');
    const order = {
      id: 'ord_Schema1Order00',
      status: 'pending',
      customerId: 'cus_Schema1Cust000',
      items: [{ productId: 'prd_Schema1Prod000', quantity: 1, unitPrice: { amount: 900, currency: 'USD' } }],
      total: { amount: 900, currency: 'USD' },
      metadata: { from: 'schema 1' },
      shippingAddress: null,
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
      cancelledAt: null,
      cancellationReason: null,
    };
    const owner = {
      id: 'usr_Schema1Owner00',
      email: 'demo@regen.test',
      name: 'Avery Chen',
      role: 'CLIENT_OWNER',
      passwordHash: '',
      createdAt: '2025-01-01T00:00:00.000Z',
    };
    const json = (value: unknown) => `'${JSON.stringify(value).replaceAll("'", "''")}'`;
    queryDatabase(
      stores.databaseUrl,
      `CREATE TABLE regen_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
       ${init}
       INSERT INTO regen_migrations (version, name) VALUES (1, '001_init.sql');
       INSERT INTO regen_meta (key, value) VALUES ('seeded', now()::text), ('jwt_secret', 'schema-one-secret-schema-one-secret-0123');
       INSERT INTO regen_records (kind, id, data, version) VALUES
         ('users', '${owner.id}', ${json(owner)}, nextval('regen_version')),
         ('orders', '${order.id}', ${json(order)}, nextval('regen_version'));
       SELECT 1`,
    );
    const instance = await start(stores);
    const admin = new Client(instance.url);
    const read = await admin.get(`/api/v1/orders/${order.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toEqual(order);
    const login = await admin.post(
      '/api/auth/login',
      { email: owner.email, password: PASSWORD },
      { key: null },
    );
    expect(login.status).toBe(200);
    const me = await admin.get('/api/v1/users/me', { key: null, bearer: login.body.data.accessToken });
    expect(me.body.data).toMatchObject({ id: owner.id, accountId: DEMO });
    // Test mode and the other account start without it.
    const test = await admin.post(
      '/api/auth/login',
      { email: owner.email, password: PASSWORD, mode: 'test' },
      { key: null },
    );
    expect(
      (await admin.get(`/api/v1/orders/${order.id}`, { key: null, bearer: test.body.data.accessToken }))
        .status,
    ).toBe(404);
  }, 120_000);
  it('upgrades a schema-4 database (one global version) to versions per partition, and writes go on', async () => {
    const stores = createSandboxStores();
    cleanups.push(() => stores.drop());
    // The database as schema 4 left it: rows numbered by the one global sequence.
    const migration = (file: string) =>
      readFileSync(new URL(`../migrations/${file}`, import.meta.url), 'utf8');
    const files = ['001_init.sql', '002_accounts.sql', '003_tenant_columns.sql', '004_usage.sql'];
    const product = {
      id: 'prd_Schema4Prod000',
      name: 'Schema 4 product',
      sku: 'SCHEMA-4',
      description: null,
      price: { amount: 700, currency: 'USD' },
      active: true,
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T10:00:00.000Z',
    };
    const json = (value: unknown) => `'${JSON.stringify(value).replaceAll("'", "''")}'`;
    queryDatabase(
      stores.databaseUrl,
      `CREATE TABLE regen_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
       ${files.map(migration).join('\n')}
       INSERT INTO regen_migrations (version, name) VALUES ${files.map((f, i) => `(${i + 1}, '${f}')`).join(', ')};
       INSERT INTO regen_meta (key, value) VALUES ('seeded', now()::text), ('jwt_secret', 'schema-four-secret-schema-four-secret-01');
       SELECT setval('regen_version', 41);
       INSERT INTO regen_records (kind, id, data, version) VALUES
         ('${DEMO}/live/products', '${product.id}', ${json(product)}, nextval('regen_version'));
       SELECT 1`,
    );
    const instance = await start(stores);
    const admin = new Client(instance.url);
    const read = await admin.get(`/api/v1/products/${product.id}`);
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ sku: 'SCHEMA-4', price: product.price });
    const created = await admin.post('/api/v1/products', {
      name: 'After the upgrade',
      sku: 'SCHEMA-5',
      price: { amount: 100, currency: 'USD' },
    });
    expect(created.status).toBe(201);
    const [partition] = queryDatabase(
      stores.databaseUrl,
      `SELECT version::int AS v FROM regen_partitions WHERE partition = '${DEMO}/live'`,
    );
    // The old row was version 42; the first write after the upgrade is the partition's next.
    expect(partition.v).toBe(43);
    const rows = queryDatabase(
      stores.databaseUrl,
      `SELECT id, version::int AS v FROM regen_records WHERE kind = '${DEMO}/live/products' AND id IN ('${product.id}', '${created.body.data.id}') ORDER BY v`,
    );
    expect(rows).toEqual([
      { id: product.id, v: 42 },
      { id: created.body.data.id, v: 43 },
    ]);
  }, 120_000);
});
