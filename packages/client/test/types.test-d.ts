/** Compile-time contract: wrong paths, parameters, body fields and missing required fields do not compile. */
import type { ApiKey, Order, OrderCreate, Product, User, WebhookEvent } from '@regen/contract';
import { describe, expectTypeOf, test } from 'vitest';
import type { ClientCore } from '../src/core/client-core.ts';
import {
  type APIPromise,
  type Page,
  type PagePromise,
  type PermissionDeniedError,
  type RateLimit,
  type RateLimitError,
  RegenClient,
  type WithResponse,
} from '../src/index.ts';
import { constructEvent } from '../src/webhooks.ts';

declare const client: RegenClient;
const order: OrderCreate = {
  customerId: 'cus_1',
  currency: 'USD',
  items: [{ productId: 'prd_1', quantity: 1 }],
};

describe('resource methods', () => {
  test('return the unwrapped, typed data', () => {
    expectTypeOf(client.orders.retrieve('ord_1')).toEqualTypeOf<APIPromise<Order>>();
    expectTypeOf(client.orders.create(order)).resolves.toEqualTypeOf<Order>();
    expectTypeOf(client.products.retrieve('prd_1')).resolves.toEqualTypeOf<Product>();
    expectTypeOf(client.apiKeys.retrieve('key_1')).resolves.toEqualTypeOf<ApiKey>();
    expectTypeOf(client.users.me()).resolves.toEqualTypeOf<User>();
  });

  test('lists give a Page promise whose items are typed', async () => {
    expectTypeOf(client.orders.list({ limit: 10 })).toEqualTypeOf<PagePromise<Order>>();
    expectTypeOf(client.orders.list()).resolves.toEqualTypeOf<Page<Order>>();
    for await (const o of client.orders.list()) expectTypeOf(o).toEqualTypeOf<Order>();
  });

  test('withResponse and rateLimit', () => {
    expectTypeOf(client.orders.retrieve('x').withResponse()).resolves.toEqualTypeOf<WithResponse<Order>>();
    expectTypeOf(client.rateLimit).toEqualTypeOf<RateLimit | undefined>();
  });

  test('a missing required body field does not compile', () => {
    // @ts-expect-error items is required
    client.orders.create({ customerId: 'cus_1', currency: 'USD' });
    // @ts-expect-error name is required for an API key
    client.apiKeys.create({ scopes: ['read:orders'], environment: 'test' });
  });

  test('an unknown or mistyped body field does not compile', () => {
    // @ts-expect-error no such field
    client.orders.create({ ...order, discount: 5 });
    // @ts-expect-error quantity is a number
    client.orders.create({ ...order, items: [{ productId: 'prd_1', quantity: '1' }] });
    // @ts-expect-error unknown scope name
    client.apiKeys.create({ name: 'k', scopes: ['read:everything'], environment: 'test' });
  });

  test('an unknown or mistyped query parameter does not compile', () => {
    // @ts-expect-error no such query parameter
    client.orders.list({ sort: 'asc' });
    // @ts-expect-error status is an enum
    client.orders.list({ status: 'lost' });
    // @ts-expect-error limit is a number
    client.orders.list({ limit: '10' });
  });

  test('a missing id does not compile', () => {
    // @ts-expect-error id is required
    client.orders.retrieve();
  });
});

describe('readonly bodies (`as const`)', () => {
  const frozen = {
    customerId: 'cus_1',
    currency: 'USD',
    items: [{ productId: 'prd_1', quantity: 1 }],
    metadata: { source: 'test' },
  } as const;
  const key = { name: 'k', scopes: ['read:orders', 'write:orders'], environment: 'test' } as const;

  test('resource methods and typed low-level calls accept deeply readonly bodies', () => {
    client.orders.create(frozen);
    client.apiKeys.create(key);
    client.apiKeys.update('key_1', { scopes: key.scopes });
    client.webhooks.create({ url: 'https://example.com/hook', events: ['order.created'] } as const);
    client.POST('/api/v1/orders', { body: frozen });
    client.PUT('/api/v1/api-keys/{id}', { params: { path: { id: 'key_1' } }, body: { scopes: key.scopes } });
    const readonlyItems: readonly OrderCreate['items'][number][] = order.items;
    client.orders.create({ ...order, items: readonlyItems });
  });

  test('readonly does not loosen anything else', () => {
    // @ts-expect-error quantity is a number, readonly or not
    client.orders.create({ ...frozen, items: [{ productId: 'prd_1', quantity: '1' }] } as const);
    // @ts-expect-error unknown scope name
    client.apiKeys.create({ ...key, scopes: ['read:everything'] } as const);
    // @ts-expect-error items is still required
    client.orders.create({ customerId: 'cus_1', currency: 'USD' } as const);
    // @ts-expect-error no such field
    client.POST('/api/v1/orders', { body: { ...frozen, discount: 5 } });
  });
});

describe('low-level calls', () => {
  test('typed by path and method', () => {
    expectTypeOf(
      client.GET('/api/v1/orders/{id}', { params: { path: { id: 'ord_1' } } }),
    ).resolves.toEqualTypeOf<{
      success: true;
      data: Order;
    }>();
    client.GET('/api/v1/orders', { params: { query: { limit: 5, status: 'paid' } } });
    client.GET('/api/v1/orders');
    client.POST('/api/v1/orders', { body: order, idempotencyKey: 'k1', signal: AbortSignal.timeout(1000) });
  });

  test('a wrong path does not compile', () => {
    // @ts-expect-error no such path
    client.GET('/api/v1/order');
    // @ts-expect-error the path exists, but not for DELETE
    client.DELETE('/api/v1/orders/{id}', { params: { path: { id: 'x' } } });
    // @ts-expect-error no PUT on orders
    client.PUT('/api/v1/orders/{id}', { params: { path: { id: 'x' } }, body: {} });
  });

  test('/oauth/authorize is not a typed call (a browser page; use buildAuthorizeUrl / parseCallback)', () => {
    const query = {
      response_type: 'code',
      client_id: 'cli_1',
      redirect_uri: 'https://app.example.com/cb',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    } as const;
    // @ts-expect-error it answers an HTML page or a 302 redirect, never JSON: not a typed call
    client.GET('/oauth/authorize', { params: { query } });
  });

  test('missing or wrong parameters do not compile', () => {
    // @ts-expect-error path parameters are required
    client.GET('/api/v1/orders/{id}');
    // @ts-expect-error the path parameter is id, not orderId
    client.GET('/api/v1/orders/{id}', { params: { path: { orderId: 'x' } } });
    // @ts-expect-error no such query parameter
    client.GET('/api/v1/orders', { params: { query: { page: 2 } } });
  });

  test('a missing or wrong body does not compile', () => {
    // @ts-expect-error the body is required
    client.POST('/api/v1/orders', {});
    // @ts-expect-error currency is required
    client.POST('/api/v1/orders', { body: { customerId: 'cus_1', items: [] } });
    // @ts-expect-error GET takes no body
    client.GET('/api/v1/orders', { body: {} });
  });
});

describe('errors and webhooks', () => {
  test('error fields', () => {
    expectTypeOf<PermissionDeniedError['scope']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<RateLimitError['retryAfterMs']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<RateLimitError['status']>().toEqualTypeOf<number | undefined>();
  });

  test('constructEvent returns the typed event union', () => {
    expectTypeOf(constructEvent('{}', 't=1,v1=00', 'whsec_x')).resolves.toEqualTypeOf<WebhookEvent>();
  });
});

test('constructor forms', () => {
  new RegenClient('rg_test_x');
  new RegenClient({ apiKey: 'k', authScheme: 'bearer' });
  new RegenClient({ accessToken: 'a', refreshToken: 'r', onTokens: (t) => void t.refreshToken });
  new RegenClient({ clientId: 'c', clientSecret: 's', scopes: ['read:orders'] });
  // @ts-expect-error unknown auth scheme
  new RegenClient({ apiKey: 'k', authScheme: 'basic' });
});

test('the client is what its generated namespaces are handed', () => {
  // The namespaces hold a ClientCore so that they and the client never import each other;
  // the client must keep every member they call.
  expectTypeOf<RegenClient>().toExtend<ClientCore>();
});
