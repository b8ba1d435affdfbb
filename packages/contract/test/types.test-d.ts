import createClient from 'openapi-fetch';
import { describe, expectTypeOf, it } from 'vitest';
import type { ApiKey, Order, OrderCreate, operations, paths, Scope } from '../src/index.ts';

const client = createClient<paths>({ baseUrl: 'http://127.0.0.1:4010' });

describe('contract types', () => {
  it('name the schemas', () => {
    expectTypeOf<Order['status']>().toEqualTypeOf<
      'pending' | 'paid' | 'fulfilled' | 'cancelled' | 'refunded'
    >();
    expectTypeOf<ApiKey['environment']>().toEqualTypeOf<'live' | 'test'>();
    expectTypeOf<'read:orders'>().toExtend<Scope>();
    // @ts-expect-error the resource:action spelling is an input alias, not a canonical Scope
    expectTypeOf<'orders:read'>().toExtend<Scope>();
  });

  it('type a response body from its operation', () => {
    type Created = operations['createOrder']['responses'][201]['content']['application/json'];
    expectTypeOf<Created['data']>().toEqualTypeOf<Order>();
  });

  it('reject a wrong path, method, parameter or body field at compile time', () => {
    async function calls() {
      await client.GET('/api/v1/orders', { params: { query: { limit: 10, status: 'paid' } } });
      // @ts-expect-error unknown path
      await client.GET('/api/v1/order');
      // @ts-expect-error orders cannot be deleted: no DELETE on this path
      await client.DELETE('/api/v1/orders/{id}', { params: { path: { id: 'ord_1' } } });
      // @ts-expect-error wrong enum value for a query parameter
      await client.GET('/api/v1/orders', { params: { query: { status: 'shipped' } } });
      // @ts-expect-error missing required path parameter
      await client.GET('/api/v1/orders/{id}', { params: { path: {} } });
      const withUnknownField: OrderCreate = {
        customerId: 'cus_1',
        currency: 'USD',
        items: [{ productId: 'prd_1', quantity: 1 }],
        // @ts-expect-error unknown body field
        discount: 5,
      };
      await client.POST('/api/v1/orders', { body: withUnknownField });
      await client.POST('/api/v1/orders', {
        // @ts-expect-error missing required body field `items`
        body: { customerId: 'cus_1', currency: 'USD' },
      });
    }
    expectTypeOf(calls).toBeFunction();
  });
});
