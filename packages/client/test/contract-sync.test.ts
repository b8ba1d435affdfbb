/** The client against the contract: every operation reachable, and the literal tables in the core in sync. */
import { operationIndex } from '@regen/contract/operations';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { RegenClient } from '../src/index.ts';
import { IDEMPOTENT_POSTS, OPTIONAL_AUTH_PATHS, UNAUTHENTICATED_PATHS } from '../src/internal/path-flags.ts';
import { testClient } from './support/client.ts';
import { json, startServer, type TestServer } from './support/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.handle(json(200, { success: true, data: [], hasMore: false, nextCursor: null }));
});
afterAll(() => server.close());

const ops = Object.values(operationIndex);

test('IDEMPOTENT_POSTS are exactly the operations the contract marks idempotent', () => {
  expect(new Set(ops.filter((o) => o.idempotent).map((o) => o.path))).toEqual(new Set(IDEMPOTENT_POSTS));
  expect(ops.filter((o) => o.idempotent).every((o) => o.method === 'POST')).toBe(true);
});

test('UNAUTHENTICATED_PATHS / OPTIONAL_AUTH_PATHS are exactly the operations without / with optional auth', () => {
  expect(new Set(ops.filter((o) => o.auth === 'none').map((o) => o.path))).toEqual(
    new Set(UNAUTHENTICATED_PATHS),
  );
  expect(new Set(ops.filter((o) => o.auth === 'optional').map((o) => o.path))).toEqual(
    new Set(OPTIONAL_AUTH_PATHS),
  );
  expect(new Set(ops.map((o) => o.auth))).toEqual(new Set(['none', 'optional', 'required']));
});

/** One call per resource method; `authorize` is a browser redirect, built by `buildAuthorizeUrl` in ./oauth. */
const calls: ((c: RegenClient) => Promise<unknown>)[] = [
  (c) => c.health(),
  (c) => c.auth.login({ email: 'a@b.c', password: 'pw-123456' }),
  (c) => c.auth.refresh({ refreshToken: 'rt' }),
  (c) => c.POST('/api/auth/logout', { body: {} }),
  (c) => c.auth.me(),
  (c) => c.users.me(),
  (c) => c.oauth.token({ grant_type: 'client_credentials' }),
  (c) => c.oauth.revoke({ token: 't' }),
  (c) => c.apiKeys.list(),
  (c) => c.apiKeys.create({ name: 'k', scopes: ['read:orders'], environment: 'test' }),
  (c) => c.apiKeys.retrieve('key_1'),
  (c) => c.apiKeys.update('key_1', { name: 'k2' }),
  (c) => c.apiKeys.delete('key_1'),
  (c) => c.apiKeys.rotate('key_1'),
  (c) => c.apiKeys.deactivate('key_1'),
  (c) => c.apiKeys.activate('key_1'),
  (c) => c.orders.list(),
  (c) => c.orders.create({} as never),
  (c) => c.orders.retrieve('ord_1'),
  (c) => c.orders.update('ord_1', {}),
  (c) => c.orders.cancel('ord_1', { reason: 'x' }),
  (c) => c.products.list(),
  (c) => c.products.create({} as never),
  (c) => c.products.retrieve('prd_1'),
  (c) => c.products.delete('prd_1'),
  (c) => c.products.update('prd_1', {}),
  (c) => c.inventory.list(),
  (c) => c.inventory.adjustments.list(),
  (c) => c.inventory.adjustments.create({} as never),
  (c) => c.inventory.retrieve('prd_1'),
  (c) => c.commissions.list(),
  (c) => c.commissions.retrieve('com_1'),
  (c) => c.commissions.payouts.list(),
  (c) => c.commissions.payouts.create({} as never),
  (c) => c.commissions.payouts.retrieve('pay_1'),
  (c) => c.customers.list(),
  (c) => c.customers.retrieve('cus_1'),
  (c) => c.customers.update('cus_1', {}),
  (c) => c.webhooks.list(),
  (c) => c.webhooks.create({} as never),
  (c) => c.webhooks.retrieve('whk_1'),
  (c) => c.webhooks.delete('whk_1'),
  (c) => c.webhooks.update('whk_1', {}),
  (c) => c.analytics.summary(),
];

test('every operation of the contract is reachable from a namespace method', async () => {
  const client = testClient(server.url);
  for (const call of calls) await call(client);
  const hit = new Set<string>();
  for (const r of server.requests) {
    const path = (r.url ?? '').split('?')[0] ?? '';
    const op = ops.find(
      (o) =>
        o.method === r.method &&
        new RegExp(`^${o.path.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path) &&
        !(o.path.includes('{') && ops.some((p) => p.method === r.method && p.path === path)),
    );
    if (op) hit.add(op.operationId);
  }
  const missing = ops.map((o) => o.operationId).filter((id) => !hit.has(id) && id !== 'authorize');
  expect(missing).toEqual([]);
});
