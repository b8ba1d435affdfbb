/**
 * The request log and usage series (the contract's "Usage"), over real HTTP: in memory, and on
 * three instances sharing PostgreSQL + Redis behind a proxy (so an entry written by one instance is
 * read through another). What is recorded, what never is (secrets, query strings, bodies), failed
 * authentications of known keys, filters and paging, isolation between accounts and modes, the
 * series' counts and percentiles, and the retention the database enforces.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StubServer } from '../src/index.ts';
import { useSharedCluster } from './support/shared-cluster.ts';
import { queryDatabase, SHARED } from './support/shared-stores.ts';
import { Client, eventually, HIGH_LIMITS, startTestStub } from './support/stub.ts';

const PASSWORD = 'regen-demo-password';

/** A fresh key of the demo account (live unless `environment` says otherwise). */
async function mintKey(client: Client, scopes: string[], environment = 'live') {
  const created = await client.post('/api/v1/api-keys', {
    name: `usage ${randomBytes(3).toString('hex')}`,
    scopes,
    environment,
  });
  expect(created.status, created.text).toBe(201);
  return created.body.data as { id: string; key: string; keyPrefix: string };
}

async function logOf(client: Client, query: string, key?: string) {
  const reply = await client.get(`/api/v1/usage/requests?${query}`, key === undefined ? {} : { key });
  expect(reply.status, reply.text).toBe(200);
  return reply.body as { data: Entry[]; hasMore: boolean; nextCursor: string | null };
}

interface Entry {
  requestId: string;
  createdAt: string;
  mode: string;
  method: string;
  operationId: string;
  path: string;
  status: number;
  durationMs: number;
  credential: { type: string; id: string; keyPrefix: string | null };
  clientAddress: string;
  userAgent: string | null;
  errorCode: string | null;
}

function usageSuite(url: () => string) {
  let admin: Client;
  let key: { id: string; key: string; keyPrefix: string };
  let caller: Client;
  const requestIds: string[] = [];

  beforeAll(async () => {
    admin = new Client(url());
    key = await mintKey(admin, ['read:orders', 'read:usage']);
    caller = new Client(url(), key.key);
    for (const path of [
      '/api/v1/orders?limit=2&status=paid',
      '/api/v1/orders/ord_doesNotExist1',
      '/api/v1/products',
    ]) {
      const reply = await caller.get(path, { headers: { 'user-agent': `usage-test/1.0 (${key.key})` } });
      requestIds.push(reply.headers.get('x-request-id') as string);
    }
  });

  it('lists the key’s requests newest first: template path, status, credential, error code; never a secret or query value', async () => {
    const log = await eventually(async () => {
      const page = await logOf(admin, `keyId=${key.id}&limit=10`);
      return page.data.length >= 3 ? page : undefined;
    });
    const [products, missing, orders] = log.data;
    expect(log.data.map((e) => e.requestId).slice(0, 3)).toEqual([...requestIds].reverse());
    expect(orders).toMatchObject({
      method: 'GET',
      operationId: 'listOrders',
      path: '/api/v1/orders',
      status: 200,
      errorCode: null,
      mode: 'live',
    });
    expect(missing).toMatchObject({
      operationId: 'getOrder',
      path: '/api/v1/orders/{id}',
      status: 404,
      errorCode: 'not_found',
    });
    expect(products).toMatchObject({
      operationId: 'listProducts',
      status: 403,
      errorCode: 'insufficient_scope',
    });
    for (const entry of log.data.slice(0, 3)) {
      expect(entry.credential).toEqual({ type: 'api_key', id: key.id, keyPrefix: key.keyPrefix });
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
      expect(entry.clientAddress).toMatch(/127\.0\.0\.1/);
      expect(entry.userAgent).toBe('usage-test/1.0 ([masked])');
    }
    const text = JSON.stringify(log);
    expect(text).not.toContain(key.key);
    expect(text).not.toContain(key.key.slice(8));
    expect(text).not.toContain('paid');
  });

  it('records a refused deactivated key against that key, and nothing for an unknown key', async () => {
    const doomed = await mintKey(admin, ['read:orders']);
    expect((await admin.post(`/api/v1/api-keys/${doomed.id}/deactivate`)).status).toBe(200);
    expect((await new Client(url(), doomed.key).get('/api/v1/orders')).status).toBe(401);
    const unknown = `rg_live_${'Z'.repeat(32)}`;
    expect((await new Client(url(), unknown).get('/api/v1/orders')).status).toBe(401);
    const log = await eventually(async () => {
      const page = await logOf(admin, `keyId=${doomed.id}`);
      return page.data.length > 0 ? page : undefined;
    });
    expect(log.data[0]).toMatchObject({
      status: 401,
      errorCode: 'invalid_api_key',
      credential: { id: doomed.id },
    });
    const all = await logOf(admin, 'limit=100&status=4xx');
    expect(JSON.stringify(all)).not.toContain('ZZZZ');
  });

  it('records a refused expired key against that key', async () => {
    const created = await admin.post('/api/v1/api-keys', {
      name: 'usage expiring',
      scopes: ['read:orders'],
      expiresAt: new Date(Date.now() + 1500).toISOString(),
    });
    expect(created.status, created.text).toBe(201);
    const expiring = created.body.data as { id: string; key: string };
    await new Promise((r) => setTimeout(r, 1700));
    expect((await new Client(url(), expiring.key).get('/api/v1/orders')).status).toBe(401);
    const log = await eventually(async () => {
      const page = await logOf(admin, `keyId=${expiring.id}`);
      return page.data.length > 0 ? page : undefined;
    });
    expect(log.data[0]).toMatchObject({
      status: 401,
      errorCode: 'invalid_api_key',
      operationId: 'listOrders',
    });
  });

  it('filters by status class, operation and time, and pages without gaps or repeats', async () => {
    const notFound = await logOf(caller, `keyId=${key.id}&status=4xx&operationId=getOrder`);
    expect(notFound.data.map((e) => e.requestId)).toEqual([requestIds[1]]);
    const future = await logOf(caller, `keyId=${key.id}&from=${new Date(Date.now() + 60_000).toISOString()}`);
    expect(future.data).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof logOf>> = await logOf(
        admin,
        `limit=2&keyId=${key.id}${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.data.map((e) => e.requestId));
      cursor = page.nextCursor;
      expect(page.hasMore).toBe(cursor !== null);
    } while (cursor !== null);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.slice(-3)).toEqual([...requestIds].reverse());
    const bad = await admin.get('/api/v1/usage/requests?cursor=bm90LWEtY3Vyc29y');
    expect(bad.status).toBe(400);
  });

  it('keeps accounts and modes apart', async () => {
    const login = await admin.post(
      '/api/auth/login',
      { email: 'northwind@regen.test', password: PASSWORD },
      { key: null },
    );
    expect(login.status, login.text).toBe(200);
    const token = login.body.data.accessToken as string;
    await admin.get('/api/v1/orders', { bearer: token });
    const theirs = await admin.get('/api/v1/usage/requests?limit=100', { bearer: token });
    expect(theirs.status).toBe(200);
    expect(theirs.body.data.every((e: Entry) => e.credential.id !== key.id)).toBe(true);
    const ours = await logOf(admin, 'limit=100');
    expect(JSON.stringify(ours)).not.toContain(login.body.data.user.id);
    const testKey = await mintKey(admin, ['read:usage'], 'test');
    const testLog = await logOf(admin, 'limit=100', testKey.key);
    expect(testLog.data.every((e) => e.mode === 'test')).toBe(true);
    expect(testLog.data.some((e) => e.credential.id === key.id)).toBe(false);
  });

  it('counts requests per bucket by status class, with p50/p95, for one key or all', async () => {
    const reply = await eventually(async () => {
      const r = await admin.get(`/api/v1/usage/series?granularity=minute&keyId=${key.id}`);
      return r.status === 200 && r.body.data.totals.requests >= 4 ? r : undefined;
    });
    const series = reply.body.data;
    expect(series.buckets).toHaveLength(60);
    expect(series.keyId).toBe(key.id);
    expect(series.totals.statuses.status2xx).toBeGreaterThanOrEqual(1);
    expect(series.totals.statuses.status4xx).toBeGreaterThanOrEqual(2);
    expect(series.totals.p50Ms).toBeGreaterThan(0);
    expect(series.totals.p95Ms).toBeGreaterThanOrEqual(series.totals.p50Ms);
    const sum = series.buckets.reduce((n: number, b: { requests: number }) => n + b.requests, 0);
    expect(sum).toBe(series.totals.requests);
    const all = await admin.get('/api/v1/usage/series?granularity=hour');
    expect(all.body.data.buckets).toHaveLength(24);
    expect(all.body.data.totals.requests).toBeGreaterThan(series.totals.requests);
    const week = await admin.get('/api/v1/usage/series?granularity=day');
    expect(week.body.data.buckets).toHaveLength(7);
  });

  it('starts a too long range 1,440 buckets before its end, and refuses a reversed one with 400', async () => {
    const long = await admin.get(
      '/api/v1/usage/series?granularity=minute&from=2026-01-01T00:00:00Z&to=2026-01-03T00:00:30Z',
    );
    expect(long.status, long.text).toBe(200);
    expect(long.body.data).toMatchObject({
      from: '2026-01-02T00:01:00.000Z',
      to: '2026-01-03T00:01:00.000Z',
    });
    expect(long.body.data.buckets).toHaveLength(1440);
    const reversed = await admin.get(
      '/api/v1/usage/series?from=2026-01-03T00:00:00Z&to=2026-01-01T00:00:00Z',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('invalid_request');
  });

  it('needs read:usage', async () => {
    const narrow = await mintKey(admin, ['read:orders']);
    const reply = await new Client(url(), narrow.key).get('/api/v1/usage/series');
    expect(reply.status).toBe(403);
    expect(reply.body.error.scope).toBe('read:usage');
  });
}

describe('usage, in memory', () => {
  let stub: StubServer;
  beforeAll(async () => {
    stub = await startTestStub();
    await stub.ready;
  });
  afterAll(async () => {
    await stub?.close();
    expect(stub?.violations ?? []).toEqual([]);
  });
  usageSuite(() => stub.url);
});

describe.skipIf(SHARED.skip)('usage, three instances on PostgreSQL + Redis', () => {
  const shared = useSharedCluster(['--rate-limits', HIGH_LIMITS, '--log-level', 'warn']);
  usageSuite(() => shared.url);

  it('the database keeps what the newest 10,000 entries per account and mode need, and nothing older than 7 days', () => {
    const chunk = (account: string, count: number, ageMs: number) => `
      INSERT INTO regen_request_log (account_id, mode, first_at_ms, last_at_ms, entries_count, entries)
      VALUES ('${account}', 'test', (extract(epoch FROM now()) * 1000)::bigint - ${ageMs},
        (extract(epoch FROM now()) * 1000)::bigint - ${ageMs}, ${count}, '[]');`;
    const kept = (account: string) =>
      queryDatabase(
        shared.stores.databaseUrl,
        `SELECT count(*)::int AS chunks, coalesce(sum(entries_count), 0)::int AS entries FROM regen_request_log WHERE account_id = '${account}'`,
      )[0];
    // What the instances wrote: never a secret, in any column (the suite's keys start rg_live_).
    const leaked = queryDatabase(
      shared.stores.databaseUrl,
      `SELECT count(*)::int AS n FROM regen_request_log WHERE row_to_json(regen_request_log)::text ~ 'rg_(live|test)_[A-Za-z0-9]{5,}'`,
    );
    expect(leaked[0].n).toBe(0);
    expect(kept('acct_5Tq8Wm2Rz4N').entries).toBeGreaterThan(10);
    queryDatabase(shared.stores.databaseUrl, chunk('acct_retentionOld1', 5, 8 * 86_400_000));
    expect(kept('acct_retentionOld1')).toEqual({ chunks: 0, entries: 0 });
    for (let i = 0; i < 11; i++)
      queryDatabase(shared.stores.databaseUrl, chunk('acct_retentionCap1', 1000, 60_000 - i));
    expect(kept('acct_retentionCap1')).toEqual({ chunks: 10, entries: 10_000 });
    queryDatabase(shared.stores.databaseUrl, chunk('acct_retentionCap1', 1, 1000));
    // The oldest batch of 1,000 is still needed: the newer ones hold 9,001.
    expect(kept('acct_retentionCap1')).toEqual({ chunks: 11, entries: 10_001 });
    // About 25 psql processes one after another: 5 s alone, over 20 s on a loaded 2-core machine.
  }, 90_000);
});
