/**
 * Scopes against the stub: a credential without the scope an operation requires gets 403
 * `insufficient_scope` naming that scope, as `PermissionDeniedError.scope`; what it holds works.
 */
import { PermissionDeniedError, RegenClient } from '@regen/client';
import type { StubServer } from '@regen/stub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStub, stubClient } from '../support/stub.ts';

let stub: StubServer;
beforeAll(async () => {
  stub = await startTestStub();
});
afterAll(() => stub?.close());

async function denied(p: PromiseLike<unknown>): Promise<PermissionDeniedError> {
  const error = await Promise.resolve(p).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PermissionDeniedError);
  const e = error as PermissionDeniedError;
  expect(e.status).toBe(403);
  expect(e.code).toBe('insufficient_scope');
  expect(e.requestId).toMatch(/^req_/);
  return e;
}

describe('scopes give 403 naming the scope', () => {
  it('an API key with read:orders can read orders but not write them or read anything else', async () => {
    const admin = stubClient(stub);
    // The resource:action alias on input (contract, "Scopes"); the server answers with the canonical one.
    const created = await admin.apiKeys.create({
      name: 'reader',
      scopes: ['orders:read'],
      environment: 'test',
    });
    expect(created.scopes).toEqual(['read:orders']);
    const reader = stubClient(stub, { apiKey: created.key });

    const orders = await reader.orders.list({ limit: 1 });
    expect(orders.data).toHaveLength(1);
    const order = orders.data[0];
    if (!order) throw new Error('the stub has no orders');
    expect((await reader.orders.retrieve(order.id)).id).toBe(order.id);

    expect((await denied(reader.orders.update(order.id, { metadata: { a: 'b' } }))).scope).toBe(
      'write:orders',
    );
    expect((await denied(reader.products.list())).scope).toBe('read:products');
    expect((await denied(reader.apiKeys.list())).scope).toBe('read:api_keys');
    expect((await denied(reader.analytics.summary())).scope).toBe('read:analytics');
    // Nothing changed behind the refusal (read with the test key: the order is test-mode data).
    expect((await reader.orders.retrieve(order.id)).metadata).toEqual(order.metadata);
  });

  it('a key cannot grant a scope it does not hold', async () => {
    const admin = stubClient(stub);
    const manager = await admin.apiKeys.create({
      name: 'key manager',
      scopes: ['read:orders', 'write:api_keys'],
      environment: 'test',
    });
    const client = stubClient(stub, { apiKey: manager.key });
    expect(
      (await denied(client.apiKeys.create({ name: 'x', scopes: ['write:orders'], environment: 'test' })))
        .scope,
    ).toBe('write:orders');
    const child = await client.apiKeys.create({
      name: 'child',
      scopes: ['read:orders'],
      environment: 'test',
    });
    expect(child.scopes).toEqual(['read:orders']);
  });

  it('a JWT user gets the scopes of its role: a viewer reads but cannot write', async () => {
    const domain = stub.demoUser.email.slice(stub.demoUser.email.indexOf('@'));
    const viewer = await RegenClient.login({
      email: `viewer${domain}`,
      password: stub.demoUser.password,
      baseUrl: stub.url,
      logLevel: 'off',
      maxRetries: 0,
    });
    expect((await viewer.users.me()).role).toBe('CLIENT_VIEWER');
    expect((await viewer.products.list({ limit: 1 })).data).toHaveLength(1);
    const error = await denied(
      viewer.products.create({
        name: 'n',
        sku: 'RGN-VIEW-1',
        price: { amount: 100, currency: 'USD' },
        active: true,
      }),
    );
    expect(error.scope).toBe('write:products');
    expect((await denied(viewer.apiKeys.list())).scope).toBe('read:api_keys');
  });

  it('the stub answered every response within the contract', () => {
    expect(stub.violations).toEqual([]);
  });
});
