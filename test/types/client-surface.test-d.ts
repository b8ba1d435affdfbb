/**
 * Type tests of what a user of the client relies on: resource methods resolve to the contract's
 * schemas, low-level calls demand the parameters the contract requires, and typos in bodies,
 * paths and scopes do not compile.
 */
import {
  type APIPromise,
  type Page,
  type PagePromise,
  type PermissionDeniedError,
  type RateLimitError,
  RegenClient,
} from '@regen/client';
import type {
  ApiKey,
  ApiKeyCreate,
  ErrorEnvelope,
  Order,
  PayoutCreate,
  Product,
  ProductCreate,
} from '@regen/contract';
import { describe, expectTypeOf, it } from 'vitest';

const client = new RegenClient({
  apiKey: 'rg_test_00000000000000000000000000000000',
  baseUrl: 'http://127.0.0.1:1',
});

describe('client types follow the contract', () => {
  it('resource methods resolve to the contract schemas', () => {
    expectTypeOf(client.orders.retrieve('ord_1')).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(client.products.retrieve('prd_1')).resolves.toEqualTypeOf<Product>();
    expectTypeOf(client.orders.list()).toEqualTypeOf<PagePromise<Order>>();
    expectTypeOf<Awaited<ReturnType<typeof client.apiKeys.list>>>().toEqualTypeOf<Page<ApiKey>>();
    // Only create and rotate return the secret.
    expectTypeOf<Awaited<ReturnType<typeof client.apiKeys.create>>>().toHaveProperty('key').toBeString();
    expectTypeOf<ApiKey>().not.toHaveProperty('key');
  });

  it('low-level calls type paths, parameters and bodies', () => {
    expectTypeOf(
      client.GET('/api/v1/orders/{id}', { params: { path: { id: 'ord_1' } } }),
    ).resolves.toHaveProperty('data');
    // @ts-expect-error the path parameter is required
    client.GET('/api/v1/orders/{id}');
    // @ts-expect-error not a path of the contract
    client.GET('/api/v1/order');
    // @ts-expect-error no PUT on orders (updates are PATCH)
    client.PUT('/api/v1/orders/{id}', { params: { path: { id: 'ord_1' } }, body: {} });
  });

  it('request bodies reject what the contract rejects', () => {
    // @ts-expect-error items is required
    client.orders.create({ customerId: 'cus_1', currency: 'USD' });
    client.apiKeys.create({
      name: 'x',
      // @ts-expect-error not a scope spelling the contract accepts
      scopes: ['orders:readwrite'],
      environment: 'test',
    });
    client.apiKeys.create({ name: 'x', scopes: ['orders:read', 'read:*', 'write'], environment: 'live' });
  });

  it('errors expose what the error envelope carries', () => {
    expectTypeOf<PermissionDeniedError['scope']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ErrorEnvelope['error']>().toHaveProperty('requestId').toBeString();
  });

  it('lets bodies omit fields that have a contract default', () => {
    expectTypeOf<{ name: string; scopes: ['read:orders'] }>().toExtend<ApiKeyCreate>();
    expectTypeOf<{
      name: string;
      sku: string;
      price: { amount: number; currency: 'USD' };
    }>().toExtend<ProductCreate>();
    expectTypeOf<{ commissionIds: ['com_1'] }>().toExtend<PayoutCreate>();
    // @ts-expect-error `name` has no default: still required
    expectTypeOf<{ scopes: ['read:orders'] }>().toExtend<ApiKeyCreate>();
  });
});
