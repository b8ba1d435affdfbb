/**
 * The whole public surface of the client's namespaces, pinned: every namespace, every method, and
 * each method's parameter and return types. The surface is generated from the contract; a rename
 * by the naming rule, a lost method or a changed signature is a compile error here.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { FormBody } from '../src/core/form-body.ts';
import type { APIResource } from '../src/core/resource.ts';
import type {
  Analytics,
  APIPromise,
  ApiKeys,
  Auth,
  BodyInput,
  Commissions,
  Customers,
  Data,
  Inventory,
  InventoryAdjustments,
  Item,
  OAuth,
  Orders,
  PagePromise,
  Payouts,
  Products,
  Query,
  RegenClient,
  RequestOptions,
  SuccessBody,
  Usage,
  UsageRequests,
  Users,
  Webhooks,
} from '../src/index.ts';

type O = RequestOptions;
type Namespaces<C> = { [K in keyof C]: C[K] extends APIResource ? K : never }[keyof C];

describe('the public surface of RegenClient', () => {
  it('has exactly these namespaces, of these classes', () => {
    expectTypeOf<Namespaces<RegenClient>>().toEqualTypeOf<
      | 'orders'
      | 'products'
      | 'inventory'
      | 'commissions'
      | 'customers'
      | 'webhooks'
      | 'analytics'
      | 'usage'
      | 'apiKeys'
      | 'auth'
      | 'users'
      | 'oauth'
    >();
    expectTypeOf<RegenClient['orders']>().toEqualTypeOf<Orders>();
    expectTypeOf<RegenClient['products']>().toEqualTypeOf<Products>();
    expectTypeOf<RegenClient['inventory']>().toEqualTypeOf<Inventory>();
    expectTypeOf<RegenClient['inventory']['adjustments']>().toEqualTypeOf<InventoryAdjustments>();
    expectTypeOf<RegenClient['commissions']>().toEqualTypeOf<Commissions>();
    expectTypeOf<RegenClient['commissions']['payouts']>().toEqualTypeOf<Payouts>();
    expectTypeOf<RegenClient['customers']>().toEqualTypeOf<Customers>();
    expectTypeOf<RegenClient['webhooks']>().toEqualTypeOf<Webhooks>();
    expectTypeOf<RegenClient['analytics']>().toEqualTypeOf<Analytics>();
    expectTypeOf<RegenClient['usage']>().toEqualTypeOf<Usage>();
    expectTypeOf<RegenClient['usage']['requests']>().toEqualTypeOf<UsageRequests>();
    expectTypeOf<RegenClient['apiKeys']>().toEqualTypeOf<ApiKeys>();
    expectTypeOf<RegenClient['auth']>().toEqualTypeOf<Auth>();
    expectTypeOf<RegenClient['users']>().toEqualTypeOf<Users>();
    expectTypeOf<RegenClient['oauth']>().toEqualTypeOf<OAuth>();
  });

  it('health() on the client', () => {
    expectTypeOf<RegenClient['health']>().toEqualTypeOf<(options?: O) => APIPromise<Data<'getHealth'>>>();
  });

  it('orders', () => {
    expectTypeOf<keyof Orders>().toEqualTypeOf<'list' | 'create' | 'retrieve' | 'update' | 'cancel'>();
    expectTypeOf<Orders['list']>().toEqualTypeOf<
      (query?: Query<'listOrders'>, options?: O) => PagePromise<Item<'listOrders'>>
    >();
    expectTypeOf<Orders['create']>().toEqualTypeOf<
      (body: BodyInput<'createOrder'>, options?: O) => APIPromise<Data<'createOrder'>>
    >();
    expectTypeOf<Orders['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getOrder'>>
    >();
    expectTypeOf<Orders['update']>().toEqualTypeOf<
      (id: string, body: BodyInput<'updateOrder'>, options?: O) => APIPromise<Data<'updateOrder'>>
    >();
    expectTypeOf<Orders['cancel']>().toEqualTypeOf<
      (id: string, body?: BodyInput<'cancelOrder'>, options?: O) => APIPromise<Data<'cancelOrder'>>
    >();
  });

  it('products', () => {
    expectTypeOf<keyof Products>().toEqualTypeOf<'list' | 'create' | 'retrieve' | 'update' | 'delete'>();
    expectTypeOf<Products['list']>().toEqualTypeOf<
      (query?: Query<'listProducts'>, options?: O) => PagePromise<Item<'listProducts'>>
    >();
    expectTypeOf<Products['create']>().toEqualTypeOf<
      (body: BodyInput<'createProduct'>, options?: O) => APIPromise<Data<'createProduct'>>
    >();
    expectTypeOf<Products['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getProduct'>>
    >();
    expectTypeOf<Products['update']>().toEqualTypeOf<
      (id: string, body: BodyInput<'updateProduct'>, options?: O) => APIPromise<Data<'updateProduct'>>
    >();
    expectTypeOf<Products['delete']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'deleteProduct'>>
    >();
  });

  it('inventory and inventory.adjustments', () => {
    expectTypeOf<keyof Inventory>().toEqualTypeOf<'adjustments' | 'list' | 'retrieve'>();
    expectTypeOf<Inventory['list']>().toEqualTypeOf<
      (query?: Query<'listInventoryLevels'>, options?: O) => PagePromise<Item<'listInventoryLevels'>>
    >();
    expectTypeOf<Inventory['retrieve']>().toEqualTypeOf<
      (productId: string, options?: O) => APIPromise<Data<'getInventoryLevel'>>
    >();
    expectTypeOf<keyof InventoryAdjustments>().toEqualTypeOf<'list' | 'create'>();
    expectTypeOf<InventoryAdjustments['list']>().toEqualTypeOf<
      (
        query?: Query<'listInventoryAdjustments'>,
        options?: O,
      ) => PagePromise<Item<'listInventoryAdjustments'>>
    >();
    expectTypeOf<InventoryAdjustments['create']>().toEqualTypeOf<
      (
        body: BodyInput<'createInventoryAdjustment'>,
        options?: O,
      ) => APIPromise<Data<'createInventoryAdjustment'>>
    >();
  });

  it('commissions and commissions.payouts', () => {
    expectTypeOf<keyof Commissions>().toEqualTypeOf<'payouts' | 'list' | 'retrieve'>();
    expectTypeOf<Commissions['list']>().toEqualTypeOf<
      (query?: Query<'listCommissions'>, options?: O) => PagePromise<Item<'listCommissions'>>
    >();
    expectTypeOf<Commissions['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getCommission'>>
    >();
    expectTypeOf<keyof Payouts>().toEqualTypeOf<'list' | 'create' | 'retrieve'>();
    expectTypeOf<Payouts['list']>().toEqualTypeOf<
      (query?: Query<'listPayouts'>, options?: O) => PagePromise<Item<'listPayouts'>>
    >();
    expectTypeOf<Payouts['create']>().toEqualTypeOf<
      (body: BodyInput<'createPayout'>, options?: O) => APIPromise<Data<'createPayout'>>
    >();
    expectTypeOf<Payouts['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getPayout'>>
    >();
  });

  it('customers', () => {
    expectTypeOf<keyof Customers>().toEqualTypeOf<'list' | 'retrieve' | 'update'>();
    expectTypeOf<Customers['list']>().toEqualTypeOf<
      (query?: Query<'listCustomers'>, options?: O) => PagePromise<Item<'listCustomers'>>
    >();
    expectTypeOf<Customers['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getCustomer'>>
    >();
    expectTypeOf<Customers['update']>().toEqualTypeOf<
      (id: string, body: BodyInput<'updateCustomer'>, options?: O) => APIPromise<Data<'updateCustomer'>>
    >();
  });

  it('webhooks', () => {
    expectTypeOf<keyof Webhooks>().toEqualTypeOf<
      'list' | 'create' | 'retrieve' | 'update' | 'delete' | 'deliveries'
    >();
    expectTypeOf<Webhooks['deliveries']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'listWebhookDeliveries'>>
    >();
    expectTypeOf<Webhooks['list']>().toEqualTypeOf<
      (query?: Query<'listWebhookEndpoints'>, options?: O) => PagePromise<Item<'listWebhookEndpoints'>>
    >();
    expectTypeOf<Webhooks['create']>().toEqualTypeOf<
      (body: BodyInput<'createWebhookEndpoint'>, options?: O) => APIPromise<Data<'createWebhookEndpoint'>>
    >();
    expectTypeOf<Webhooks['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getWebhookEndpoint'>>
    >();
    expectTypeOf<Webhooks['update']>().toEqualTypeOf<
      (
        id: string,
        body: BodyInput<'updateWebhookEndpoint'>,
        options?: O,
      ) => APIPromise<Data<'updateWebhookEndpoint'>>
    >();
    expectTypeOf<Webhooks['delete']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'deleteWebhookEndpoint'>>
    >();
  });

  it('analytics', () => {
    expectTypeOf<keyof Analytics>().toEqualTypeOf<'summary'>();
    expectTypeOf<Analytics['summary']>().toEqualTypeOf<
      (query?: Query<'getAnalyticsSummary'>, options?: O) => APIPromise<Data<'getAnalyticsSummary'>>
    >();
  });

  it('usage', () => {
    expectTypeOf<keyof Usage>().toEqualTypeOf<'requests' | 'series'>();
    expectTypeOf<Usage['series']>().toEqualTypeOf<
      (query?: Query<'getUsageSeries'>, options?: O) => APIPromise<Data<'getUsageSeries'>>
    >();
    expectTypeOf<UsageRequests['list']>().toEqualTypeOf<
      (query?: Query<'listRequestLogs'>, options?: O) => PagePromise<Item<'listRequestLogs'>>
    >();
    // A status class the contract does not have is a type error.
    // @ts-expect-error — '3xx' is not a StatusClass
    expectTypeOf<Query<'listRequestLogs'>>().toMatchTypeOf<{ status?: '3xx' }>();
  });

  it('apiKeys', () => {
    expectTypeOf<keyof ApiKeys>().toEqualTypeOf<
      'list' | 'create' | 'retrieve' | 'update' | 'delete' | 'rotate' | 'deactivate' | 'activate'
    >();
    expectTypeOf<ApiKeys['list']>().toEqualTypeOf<
      (query?: Query<'listApiKeys'>, options?: O) => PagePromise<Item<'listApiKeys'>>
    >();
    expectTypeOf<ApiKeys['create']>().toEqualTypeOf<
      (body: BodyInput<'createApiKey'>, options?: O) => APIPromise<Data<'createApiKey'>>
    >();
    expectTypeOf<ApiKeys['retrieve']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'getApiKey'>>
    >();
    expectTypeOf<ApiKeys['update']>().toEqualTypeOf<
      (id: string, body: BodyInput<'updateApiKey'>, options?: O) => APIPromise<Data<'updateApiKey'>>
    >();
    expectTypeOf<ApiKeys['delete']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'deleteApiKey'>>
    >();
    expectTypeOf<ApiKeys['rotate']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'rotateApiKey'>>
    >();
    expectTypeOf<ApiKeys['deactivate']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'deactivateApiKey'>>
    >();
    expectTypeOf<ApiKeys['activate']>().toEqualTypeOf<
      (id: string, options?: O) => APIPromise<Data<'activateApiKey'>>
    >();
  });

  it('auth (custom session calls) and users', () => {
    expectTypeOf<keyof Auth>().toEqualTypeOf<'login' | 'refresh' | 'logout' | 'me'>();
    expectTypeOf<Auth['login']>().toEqualTypeOf<
      (body: BodyInput<'login'>, options?: O) => Promise<Data<'login'>>
    >();
    expectTypeOf<Auth['refresh']>().toEqualTypeOf<
      (body?: BodyInput<'refreshToken'>, options?: O) => Promise<Data<'refreshToken'>>
    >();
    expectTypeOf<Auth['logout']>().toEqualTypeOf<(options?: O) => Promise<void>>();
    expectTypeOf<Auth['me']>().toEqualTypeOf<(options?: O) => APIPromise<Data<'getCurrentUser'>>>();
    expectTypeOf<keyof Users>().toEqualTypeOf<'me'>();
    expectTypeOf<Users['me']>().toEqualTypeOf<(options?: O) => APIPromise<Data<'getCurrentUser'>>>();
  });

  it('oauth', () => {
    expectTypeOf<keyof OAuth>().toEqualTypeOf<'token' | 'revoke'>();
    expectTypeOf<OAuth['token']>().toEqualTypeOf<
      (body: FormBody<'createOAuthToken'>, options?: O) => APIPromise<SuccessBody<'createOAuthToken'>>
    >();
    expectTypeOf<OAuth['revoke']>().toEqualTypeOf<
      (body: FormBody<'revokeOAuthToken'>, options?: O) => APIPromise<undefined>
    >();
  });
});
