/**
 * One call per contract operation, made the way a user makes it: through the resource method
 * where the client has one, through the typed low-level call (`client.GET(path, …)`) otherwise.
 * Typed as a `Record` over every operationId, so a new operation without a call here fails to
 * compile; the bodies and parameters are valid per the contract, so Prism answers with the
 * response a test asks for (`Prefer`) instead of a request violation.
 */
import { type ClientOptions, type Page, RegenClient, type RequestOptions } from '@regen/client';
import { buildAuthorizeUrl, parseCallback } from '@regen/client/oauth';
import type { OperationId } from '@regen/contract/operations';

/** What a call produced, so a test can compare it with the response example Prism served. */
export type Outcome =
  /** The envelope's `data` (resource methods). */
  | { kind: 'data'; value: unknown }
  /** The whole JSON body (low-level calls, OAuth endpoints). */
  | { kind: 'body'; value: unknown }
  /** The first page of a list. */
  | { kind: 'page'; page: Page<unknown> }
  /** A browser navigation (`/oauth/authorize`): status, body text and the parsed callback. */
  | { kind: 'navigation'; status: number; text: string; code: string | undefined };

export interface Clients {
  /** API-key client (X-API-Key). */
  apiKey: RegenClient;
  /** A fresh JWT session (email + password login), for operations that need a Bearer JWT. */
  session: () => Promise<RegenClient>;
  baseUrl: string;
  fetch: typeof fetch;
}

export type Call = (clients: Clients, options: RequestOptions) => Promise<Outcome>;

const data = async (p: PromiseLike<unknown>): Promise<Outcome> => ({ kind: 'data', value: await p });
const body = async (p: PromiseLike<unknown>): Promise<Outcome> => ({ kind: 'body', value: await p });
const page = async (p: PromiseLike<Page<unknown>>): Promise<Outcome> => ({ kind: 'page', page: await p });

export const DEMO = {
  email: 'demo@regen.test',
  password: 'regen-demo-password',
  clientId: 'cli_regen_demo',
  clientSecret: 'cs_regen_demo_secret',
  redirectUri: 'https://partner.example.com/oauth/callback',
  state: 'xyzABC123',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
} as const;

const ids = {
  order: 'ord_8x2Kq9Lm3Np',
  product: 'prd_3Gt8Vn1Xc5B',
  customer: 'cus_4Fh7Jk2Lp9Q',
  key: 'key_6Yb3Nm8Kd2S',
  commission: 'com_7Jk1Lz5Xc3V',
  payout: 'pay_9Mn4Bv6Cx2Z',
  webhook: 'whk_2Lp8Zx4Cv6B',
} as const;

/** Query of `/oauth/authorize`, valid per the contract. */
export const authorizeQuery = {
  response_type: 'code',
  client_id: DEMO.clientId,
  redirect_uri: DEMO.redirectUri,
  code_challenge: DEMO.codeChallenge,
  code_challenge_method: 'S256',
  state: DEMO.state,
} as const;

/** The authorize request a browser makes; the client builds the URL, the browser follows it. */
async function navigateAuthorize({ baseUrl, fetch }: Clients, options: RequestOptions): Promise<Outcome> {
  const url = buildAuthorizeUrl({
    baseUrl,
    clientId: DEMO.clientId,
    redirectUri: DEMO.redirectUri,
    codeChallenge: DEMO.codeChallenge,
    scopes: ['read:orders'],
    state: DEMO.state,
  });
  const headers: Record<string, string> = { accept: 'text/html' };
  for (const [k, v] of Object.entries(options.headers ?? {})) if (typeof v === 'string') headers[k] = v;
  const response = await fetch(url, { headers, redirect: 'manual' });
  const text = await response.text();
  const location = response.headers.get('location');
  const code = response.status === 302 && location ? parseCallback(location, DEMO.state).code : undefined;
  return { kind: 'navigation', status: response.status, text, code };
}

export const operationCalls: Record<OperationId, Call> = {
  getHealth: ({ apiKey }, o) => data(apiKey.health(o)),
  login: ({ apiKey }, o) => data(apiKey.auth.login({ email: DEMO.email, password: DEMO.password }, o)),
  refreshToken: ({ apiKey }, o) => data(apiKey.auth.refresh({ refreshToken: 'rt_contract_test' }, o)),
  // The resource method `logout()` resolves to nothing; the low-level call shows the body.
  logout: async ({ session }, o) => body((await session()).POST('/api/auth/logout', { body: {}, ...o })),
  getCurrentUser: ({ apiKey }, o) => data(apiKey.users.me(o)),
  createOAuthToken: ({ apiKey }, o) =>
    body(
      apiKey.oauth.token(
        {
          grant_type: 'client_credentials',
          client_id: DEMO.clientId,
          client_secret: DEMO.clientSecret,
          scope: 'read:orders',
        },
        o,
      ),
    ),
  authorize: navigateAuthorize,
  revokeOAuthToken: ({ apiKey }, o) =>
    body(
      apiKey.POST('/oauth/revoke', {
        body: { token: 'rt_contract_test', token_type_hint: 'refresh_token' },
        ...o,
      }),
    ),
  listApiKeys: ({ apiKey }, o) => page(apiKey.apiKeys.list({ limit: 10 }, o)),
  createApiKey: ({ apiKey }, o) =>
    // `environment` has a default in the contract; the generated type wrongly requires it (reported).
    data(
      apiKey.apiKeys.create(
        { name: 'Contract test', scopes: ['read:orders', 'write:orders'], environment: 'test' },
        o,
      ),
    ),
  getApiKey: ({ apiKey }, o) => data(apiKey.apiKeys.retrieve(ids.key, o)),
  updateApiKey: ({ apiKey }, o) => data(apiKey.apiKeys.update(ids.key, { name: 'Renamed' }, o)),
  deleteApiKey: ({ apiKey }, o) => data(apiKey.apiKeys.delete(ids.key, o)),
  rotateApiKey: ({ apiKey }, o) => data(apiKey.apiKeys.rotate(ids.key, o)),
  deactivateApiKey: ({ apiKey }, o) => data(apiKey.apiKeys.deactivate(ids.key, o)),
  activateApiKey: ({ apiKey }, o) => data(apiKey.apiKeys.activate(ids.key, o)),
  listOrders: ({ apiKey }, o) => page(apiKey.orders.list({ limit: 5, status: 'paid' }, o)),
  createOrder: ({ apiKey }, o) =>
    data(
      apiKey.orders.create(
        { customerId: ids.customer, items: [{ productId: ids.product, quantity: 2 }], currency: 'USD' },
        o,
      ),
    ),
  getOrder: ({ apiKey }, o) => data(apiKey.orders.retrieve(ids.order, o)),
  updateOrder: ({ apiKey }, o) =>
    data(apiKey.orders.update(ids.order, { metadata: { crmReference: 'SF-1' } }, o)),
  cancelOrder: ({ apiKey }, o) =>
    data(apiKey.orders.cancel(ids.order, { reason: 'Customer changed their mind' }, o)),
  listProducts: ({ apiKey }, o) => page(apiKey.products.list({ active: true }, o)),
  createProduct: ({ apiKey }, o) =>
    data(
      apiKey.products.create(
        // `active` has a default in the contract; the generated type wrongly requires it (reported).
        {
          name: 'Contract test product',
          sku: 'RGN-CT-001',
          price: { amount: 1200, currency: 'USD' },
          active: true,
        },
        o,
      ),
    ),
  getProduct: ({ apiKey }, o) => data(apiKey.products.retrieve(ids.product, o)),
  updateProduct: ({ apiKey }, o) =>
    data(apiKey.products.update(ids.product, { price: { amount: 5200, currency: 'USD' } }, o)),
  deleteProduct: ({ apiKey }, o) => data(apiKey.products.delete(ids.product, o)),
  listInventoryLevels: ({ apiKey }, o) => page(apiKey.inventory.list({ lowStock: true }, o)),
  getInventoryLevel: ({ apiKey }, o) => data(apiKey.inventory.retrieve(ids.product, o)),
  listInventoryAdjustments: ({ apiKey }, o) => page(apiKey.inventory.adjustments.list({ limit: 20 }, o)),
  createInventoryAdjustment: ({ apiKey }, o) =>
    data(apiKey.inventory.adjustments.create({ productId: ids.product, delta: 48, reason: 'restock' }, o)),
  listCommissions: ({ apiKey }, o) => page(apiKey.commissions.list({ status: 'approved' }, o)),
  getCommission: ({ apiKey }, o) => data(apiKey.commissions.retrieve(ids.commission, o)),
  listPayouts: ({ apiKey }, o) => page(apiKey.commissions.payouts.list({}, o)),
  createPayout: ({ apiKey }, o) =>
    data(apiKey.commissions.payouts.create({ commissionIds: [ids.commission], currency: 'USD' }, o)),
  getPayout: ({ apiKey }, o) => data(apiKey.commissions.payouts.retrieve(ids.payout, o)),
  listCustomers: ({ apiKey }, o) => page(apiKey.customers.list({ email: 'dana.whitfield@example.com' }, o)),
  getCustomer: ({ apiKey }, o) => data(apiKey.customers.retrieve(ids.customer, o)),
  updateCustomer: ({ apiKey }, o) =>
    data(apiKey.customers.update(ids.customer, { phone: '+12065550199' }, o)),
  listWebhookEndpoints: ({ apiKey }, o) => page(apiKey.webhooks.list(undefined, o)),
  createWebhookEndpoint: ({ apiKey }, o) =>
    data(
      apiKey.webhooks.create(
        { url: 'https://partner.example.com/hooks/regen', events: ['order.created'] },
        o,
      ),
    ),
  getWebhookEndpoint: ({ apiKey }, o) => data(apiKey.webhooks.retrieve(ids.webhook, o)),
  updateWebhookEndpoint: ({ apiKey }, o) =>
    data(apiKey.webhooks.update(ids.webhook, { events: ['order.created', 'order.cancelled'] }, o)),
  deleteWebhookEndpoint: ({ apiKey }, o) => data(apiKey.webhooks.delete(ids.webhook, o)),
  getAnalyticsSummary: ({ apiKey }, o) =>
    data(apiKey.analytics.summary({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' }, o)),
};

/** Clients for `baseUrl` whose traffic goes through `fetchImpl`, with extra client options (e.g. `validate`). */
export function makeClients(baseUrl: string, fetchImpl: typeof fetch, extra: ClientOptions = {}): Clients {
  const common: ClientOptions = { baseUrl, fetch: fetchImpl, logLevel: 'off', ...extra };
  return {
    baseUrl,
    fetch: fetchImpl,
    apiKey: new RegenClient({ ...common, apiKey: `rg_test_${'C'.repeat(32)}` }),
    session: () => RegenClient.login({ ...common, email: DEMO.email, password: DEMO.password }),
  };
}
