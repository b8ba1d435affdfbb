/**
 * The SDK model of today's contract, pinned: every operation's namespace and method name, HTTP
 * operation, parameters, success type, pagination, idempotency, credential and documented errors.
 * A contract change that moves any of these shows up here as a snapshot diff (`vitest -u` after review).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allMethods,
  buildSdkModel,
  type SdkMethod,
  type SdkResource,
} from '../../../scripts/generate/sdk-model.mjs';
import { className, nameOperation, resourceSegments } from '../../../scripts/generate/sdk-naming.mjs';

const doc = JSON.parse(readFileSync(new URL('../../contract/openapi.json', import.meta.url), 'utf8'));
const model = buildSdkModel(doc);

function describeMethod(m: SdkMethod): string {
  const params = [
    ...m.pathParams.map((p) => `path:${p.name}`),
    ...m.queryParams.map((p) => `query:${p.name}${p.required ? '' : '?'}`),
    ...m.headerParams.map((p) => `header:${p.name}${p.required ? '' : '?'}`),
    ...(m.body ? [`body${m.body.required ? '' : '?'}:${m.body.schemaRef}(${m.body.contentType})`] : []),
  ];
  const success =
    m.success.envelope === 'list'
      ? `page<${m.pagination?.itemRef}>`
      : m.success.envelope === 'data'
        ? `data<${m.success.dataRef}>`
        : m.success.envelope === 'none'
          ? `body<${m.success.schemaRef}>`
          : m.success.envelope;
  const credential =
    m.credential.mode === 'required'
      ? `required ${m.credential.schemes.join('|')} [${m.credential.scopes.join(' ')}]`
      : `${m.credential.mode}${m.credential.schemes.length ? ` ${m.credential.schemes.join('|')}` : ''}`;
  return [
    `${['client', ...m.resource, m.name].join('.')} = ${m.httpMethod} ${m.path} (${m.operationId})`,
    `  params ${params.join(', ') || '-'} → ${m.success.status} ${success}${m.idempotent ? ' idempotent' : ''}${m.deprecated ? ' deprecated' : ''}`,
    `  credential ${credential}; errors ${m.errors.map((e) => e.status).join(' ')}`,
  ].join('\n');
}

describe('the SDK model of the contract', () => {
  it('has one method per operation but the browser page, 47 in all', () => {
    expect(allMethods(model).length + model.unexposed.length).toBe(47);
    expect(model.unexposed.map((u) => `${u.operationId}: ${u.reason}`)).toEqual([
      'authorize: browser navigation (no JSON success response)',
    ]);
  });

  it('names namespaces and classes', () => {
    const tree = (r: SdkResource): string[] => [
      `${r.path.join('.')} ${r.className}`,
      ...r.resources.flatMap(tree),
    ];
    expect(model.resources.flatMap(tree)).toMatchInlineSnapshot(`
      [
        "auth Auth",
        "users Users",
        "oauth OAuth",
        "apiKeys ApiKeys",
        "orders Orders",
        "products Products",
        "inventory Inventory",
        "inventory.adjustments InventoryAdjustments",
        "commissions Commissions",
        "commissions.payouts Payouts",
        "customers Customers",
        "webhooks Webhooks",
        "analytics Analytics",
        "usage Usage",
        "usage.requests UsageRequests",
      ]
    `);
  });

  it('pins every method', () => {
    expect(`\n${allMethods(model).map(describeMethod).join('\n')}\n`).toMatchInlineSnapshot(`
      "
      client.health = GET /api/health (getHealth)
        params - → 200 data<Health>
        credential optional ApiKeyAuth|BearerAuth; errors 400 429 500 503
      client.auth.login = POST /api/auth/login (login)
        params body:LoginRequest(application/json) → 200 data<LoginResult>
        credential none; errors 400 401 413 415 422 429 500 503
      client.auth.refresh = POST /api/auth/refresh (refreshToken)
        params body:RefreshRequest(application/json) → 200 data<TokenPair>
        credential none; errors 400 401 413 415 422 429 500 503
      client.auth.logout = POST /api/auth/logout (logout)
        params body?:LogoutRequest(application/json) → 200 data<LogoutResult>
        credential required BearerAuth []; errors 400 401 403 413 415 422 429 500 503
      client.users.me = GET /api/v1/users/me (getCurrentUser)
        params - → 200 data<User>
        credential required ApiKeyAuth|BearerAuth|OAuth2 []; errors 400 401 403 429 500 503
      client.oauth.token = POST /oauth/token (createOAuthToken)
        params body:OAuthTokenRequest(application/x-www-form-urlencoded) → 200 body<OAuthTokenResponse>
        credential none; errors 400 401 413 415 429 500 503
      client.oauth.revoke = POST /oauth/revoke (revokeOAuthToken)
        params body:OAuthRevokeRequest(application/x-www-form-urlencoded) → 200 empty
        credential none; errors 400 401 413 415 429 500 503
      client.apiKeys.list = GET /api/v1/api-keys (listApiKeys)
        params query:limit?, query:cursor? → 200 page<ApiKey>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:api_keys]; errors 400 401 403 429 500 503
      client.apiKeys.create = POST /api/v1/api-keys (createApiKey)
        params header:Idempotency-Key?, body:ApiKeyCreate(application/json) → 201 data<ApiKeyWithSecret> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:api_keys]; errors 400 401 403 409 413 415 422 429 500 503
      client.apiKeys.retrieve = GET /api/v1/api-keys/{id} (getApiKey)
        params path:id → 200 data<ApiKey>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:api_keys]; errors 400 401 403 404 429 500 503
      client.apiKeys.update = PUT /api/v1/api-keys/{id} (updateApiKey)
        params path:id, body:ApiKeyUpdate(application/json) → 200 data<ApiKey>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:api_keys]; errors 400 401 403 404 413 415 422 429 500 503
      client.apiKeys.delete = DELETE /api/v1/api-keys/{id} (deleteApiKey)
        params path:id → 200 data<DeletedObject>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:api_keys]; errors 400 401 403 404 429 500 503
      client.apiKeys.rotate = POST /api/v1/api-keys/{id}/rotate (rotateApiKey)
        params path:id, header:Idempotency-Key? → 200 data<ApiKeyRotated> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:api_keys]; errors 400 401 403 404 409 422 429 500 503
      client.apiKeys.deactivate = POST /api/v1/api-keys/{id}/deactivate (deactivateApiKey)
        params path:id → 200 data<ApiKey>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:api_keys]; errors 400 401 403 404 429 500 503
      client.apiKeys.activate = POST /api/v1/api-keys/{id}/activate (activateApiKey)
        params path:id → 200 data<ApiKey>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:api_keys]; errors 400 401 403 404 429 500 503
      client.orders.list = GET /api/v1/orders (listOrders)
        params query:limit?, query:cursor?, query:status?, query:customerId?, query:createdAfter?, query:createdBefore? → 200 page<Order>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:orders]; errors 400 401 403 429 500 503
      client.orders.create = POST /api/v1/orders (createOrder)
        params header:Idempotency-Key?, body:OrderCreate(application/json) → 201 data<Order> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:orders]; errors 400 401 403 409 413 415 422 429 500 503
      client.orders.retrieve = GET /api/v1/orders/{id} (getOrder)
        params path:id → 200 data<Order>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:orders]; errors 400 401 403 404 429 500 503
      client.orders.update = PATCH /api/v1/orders/{id} (updateOrder)
        params path:id, body:OrderUpdate(application/json) → 200 data<Order>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:orders]; errors 400 401 403 404 409 413 415 422 429 500 503
      client.orders.cancel = POST /api/v1/orders/{id}/cancel (cancelOrder)
        params path:id, header:Idempotency-Key?, body?:OrderCancel(application/json) → 200 data<Order> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:orders]; errors 400 401 403 404 409 413 415 422 429 500 503
      client.products.list = GET /api/v1/products (listProducts)
        params query:limit?, query:cursor?, query:active? → 200 page<Product>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:products]; errors 400 401 403 429 500 503
      client.products.create = POST /api/v1/products (createProduct)
        params header:Idempotency-Key?, body:ProductCreate(application/json) → 201 data<Product> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:products]; errors 400 401 403 409 413 415 422 429 500 503
      client.products.retrieve = GET /api/v1/products/{id} (getProduct)
        params path:id → 200 data<Product>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:products]; errors 400 401 403 404 429 500 503
      client.products.delete = DELETE /api/v1/products/{id} (deleteProduct)
        params path:id → 200 data<DeletedObject>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:products]; errors 400 401 403 404 429 500 503
      client.products.update = PATCH /api/v1/products/{id} (updateProduct)
        params path:id, body:ProductUpdate(application/json) → 200 data<Product>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:products]; errors 400 401 403 404 409 413 415 422 429 500 503
      client.inventory.list = GET /api/v1/inventory (listInventoryLevels)
        params query:limit?, query:cursor?, query:lowStock? → 200 page<InventoryLevel>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:inventory]; errors 400 401 403 429 500 503
      client.inventory.retrieve = GET /api/v1/inventory/{productId} (getInventoryLevel)
        params path:productId → 200 data<InventoryLevel>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:inventory]; errors 400 401 403 404 429 500 503
      client.inventory.adjustments.list = GET /api/v1/inventory/adjustments (listInventoryAdjustments)
        params query:limit?, query:cursor? → 200 page<InventoryAdjustment>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:inventory]; errors 400 401 403 429 500 503
      client.inventory.adjustments.create = POST /api/v1/inventory/adjustments (createInventoryAdjustment)
        params header:Idempotency-Key?, body:InventoryAdjustmentCreate(application/json) → 201 data<InventoryAdjustment> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:inventory]; errors 400 401 403 409 413 415 422 429 500 503
      client.commissions.list = GET /api/v1/commissions (listCommissions)
        params query:limit?, query:cursor?, query:status? → 200 page<Commission>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:commissions]; errors 400 401 403 429 500 503
      client.commissions.retrieve = GET /api/v1/commissions/{id} (getCommission)
        params path:id → 200 data<Commission>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:commissions]; errors 400 401 403 404 429 500 503
      client.commissions.payouts.list = GET /api/v1/payouts (listPayouts)
        params query:limit?, query:cursor? → 200 page<Payout>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:commissions]; errors 400 401 403 429 500 503
      client.commissions.payouts.create = POST /api/v1/payouts (createPayout)
        params header:Idempotency-Key?, body:PayoutCreate(application/json) → 201 data<Payout> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:commissions]; errors 400 401 403 409 413 415 422 429 500 503
      client.commissions.payouts.retrieve = GET /api/v1/payouts/{id} (getPayout)
        params path:id → 200 data<Payout>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:commissions]; errors 400 401 403 404 429 500 503
      client.customers.list = GET /api/v1/customers (listCustomers)
        params query:limit?, query:cursor?, query:email? → 200 page<Customer>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:customers]; errors 400 401 403 429 500 503
      client.customers.retrieve = GET /api/v1/customers/{id} (getCustomer)
        params path:id → 200 data<Customer>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:customers]; errors 400 401 403 404 429 500 503
      client.customers.update = PATCH /api/v1/customers/{id} (updateCustomer)
        params path:id, body:CustomerUpdate(application/json) → 200 data<Customer>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:customers]; errors 400 401 403 404 409 413 415 422 429 500 503
      client.webhooks.list = GET /api/v1/webhooks (listWebhookEndpoints)
        params query:limit?, query:cursor? → 200 page<WebhookEndpoint>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:webhooks]; errors 400 401 403 429 500 503
      client.webhooks.create = POST /api/v1/webhooks (createWebhookEndpoint)
        params header:Idempotency-Key?, body:WebhookEndpointCreate(application/json) → 201 data<WebhookEndpointWithSecret> idempotent
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:webhooks]; errors 400 401 403 409 413 415 422 429 500 503
      client.webhooks.retrieve = GET /api/v1/webhooks/{id} (getWebhookEndpoint)
        params path:id → 200 data<WebhookEndpoint>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:webhooks]; errors 400 401 403 404 429 500 503
      client.webhooks.delete = DELETE /api/v1/webhooks/{id} (deleteWebhookEndpoint)
        params path:id → 200 data<DeletedObject>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:webhooks]; errors 400 401 403 404 429 500 503
      client.webhooks.update = PATCH /api/v1/webhooks/{id} (updateWebhookEndpoint)
        params path:id, body:WebhookEndpointUpdate(application/json) → 200 data<WebhookEndpoint>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [write:webhooks]; errors 400 401 403 404 413 415 422 429 500 503
      client.webhooks.deliveries = GET /api/v1/webhooks/{id}/deliveries (listWebhookDeliveries)
        params path:id → 200 data<null>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:webhooks]; errors 400 401 403 404 429 500 503
      client.analytics.summary = GET /api/v1/analytics/summary (getAnalyticsSummary)
        params query:from?, query:to? → 200 data<AnalyticsSummary>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:analytics]; errors 400 401 403 429 500 503
      client.usage.series = GET /api/v1/usage/series (getUsageSeries)
        params query:granularity?, query:from?, query:to?, query:keyId? → 200 data<UsageSeries>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:usage]; errors 400 401 403 429 500 503
      client.usage.requests.list = GET /api/v1/usage/requests (listRequestLogs)
        params query:limit?, query:cursor?, query:keyId?, query:status?, query:operationId?, query:from?, query:to? → 200 page<RequestLogEntry>
        credential required ApiKeyAuth|BearerAuth|OAuth2 [read:usage]; errors 400 401 403 429 500 503
      "
    `);
  });

  it('pins the documented error codes of a method and the ErrorCode enum', () => {
    const cancel = allMethods(model).find((m) => m.operationId === 'cancelOrder');
    expect(cancel?.errors.find((e) => e.status === 409)?.codes).toEqual([
      'conflict',
      'idempotency_key_in_use',
    ]);
    const token = allMethods(model).find((m) => m.operationId === 'createOAuthToken');
    expect(token?.errors.find((e) => e.status === 401)?.codes).toEqual(['invalid_client']);
    expect(model.errorCodes).toContain('idempotency_key_reused');
  });

  it('carries summary, description and examples', () => {
    const create = allMethods(model).find((m) => m.operationId === 'createOrder');
    expect(create?.summary).toBe('Create an order');
    expect(create?.description).toMatch(/Idempotency-Key/);
    expect(create?.body?.examples[0]?.value).toMatchObject({ currency: 'USD' });
    expect(create?.pathParams).toEqual([]);
    const retrieve = allMethods(model).find((m) => m.operationId === 'getOrder');
    expect(retrieve?.pathParams[0]).toMatchObject({ name: 'id', required: true, example: 'ord_8x2Kq9Lm3Np' });
    expect(retrieve?.success.examples.length).toBeGreaterThan(0);
  });
});

describe('the naming rule', () => {
  const never = (_prefix: string[]) => false;
  const name = (tag: string, route: string, method: string, extra: object = {}, isCollection = never) => {
    const n = nameOperation({ tag, route, method, isList: false, operationId: 'x', ...extra }, isCollection);
    return [...n.resource, n.name].join('.');
  };

  it('strips the API prefix', () => {
    expect(resourceSegments('/api/v1/orders/{id}')).toEqual(['orders', '{id}']);
    expect(resourceSegments('/api/auth/login')).toEqual(['auth', 'login']);
    expect(resourceSegments('/oauth/token')).toEqual(['oauth', 'token']);
  });

  it('gives CRUD verbs to collections and items, and a trailing literal its own name', () => {
    expect(name('orders', '/api/v1/orders', 'get', { isList: true })).toBe('orders.list');
    expect(name('orders', '/api/v1/orders', 'post')).toBe('orders.create');
    expect(name('orders', '/api/v1/orders/{id}', 'get')).toBe('orders.retrieve');
    expect(name('orders', '/api/v1/orders/{id}', 'patch')).toBe('orders.update');
    expect(name('apiKeys', '/api/v1/api-keys/{id}', 'put')).toBe('apiKeys.update');
    expect(name('orders', '/api/v1/orders/{id}', 'delete')).toBe('orders.delete');
    expect(name('orders', '/api/v1/orders/{id}/cancel', 'post')).toBe('orders.cancel');
    expect(name('users', '/api/v1/users/me', 'get')).toBe('users.me');
  });

  it('nests a collection tagged with another resource, and a literal sub-collection', () => {
    expect(name('commissions', '/api/v1/payouts/{id}', 'get')).toBe('commissions.payouts.retrieve');
    const adjustments = (p: string[]) => p.join('/') === 'inventory/adjustments';
    expect(name('inventory', '/api/v1/inventory/adjustments', 'post', {}, adjustments)).toBe(
      'inventory.adjustments.create',
    );
    expect(name('analytics', '/api/v1/analytics/summary', 'get')).toBe('analytics.summary');
  });

  it('obeys x-sdk-name and x-sdk-resource', () => {
    expect(name('health', '/api/health', 'get', { overrideResource: '', overrideName: 'health' })).toBe(
      'health',
    );
    expect(name('orders', '/api/v1/orders/{id}/cancel', 'post', { overrideName: 'void' })).toBe(
      'orders.void',
    );
    expect(() => name('orders', '/api/v1/orders/{id}/items/{itemId}/x/y', 'post')).toThrow(/x-sdk-name/);
  });

  it('names classes after the tag, or the collection for nested ones', () => {
    expect(className(['apiKeys'], [], undefined)).toBe('ApiKeys');
    expect(className(['oauth'], [], 'OAuth')).toBe('OAuth');
    expect(className(['inventory', 'adjustments'], ['inventory', 'adjustments'], undefined)).toBe(
      'InventoryAdjustments',
    );
    expect(className(['commissions', 'payouts'], ['payouts'], undefined)).toBe('Payouts');
  });
});
