/**
 * The fixture corpus: pairs of contract versions made from our bundled contract by one small
 * mutation each. Each pair names the rules it must be classified by, exactly; together they
 * cover every rule, so a rule that stops firing fails its pair.
 *
 * Built in memory rather than committed as files: each pair is a few lines here instead of two
 * 200 kB documents, and the pairs follow the contract as it evolves.
 */
import { readFileSync } from 'node:fs';
import type { Json, JsonObject, RuleId } from '../src/index.ts';

/** The contract every pair starts from. */
export const CONTRACT = JSON.parse(
  readFileSync(new URL('../../contract/openapi.json', import.meta.url), 'utf8'),
) as JsonObject;

/** One pair: `before` edits the old version (optional), `after` the new one. */
export interface Mutation {
  readonly name: string;
  readonly rules: readonly RuleId[];
  readonly before?: (doc: JsonObject) => void;
  readonly after: (doc: JsonObject) => void;
}

/** The object at a path of keys; throws when the contract no longer has it (the pair needs updating). */
export function at(doc: JsonObject, ...keys: string[]): JsonObject {
  let node: Json | undefined = doc;
  for (const key of keys) {
    node = node !== null && typeof node === 'object' && !Array.isArray(node) ? node[key] : undefined;
  }
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new Error(`the contract has no object at ${keys.join('/')}`);
  }
  return node;
}

/** The array at a path of keys. */
export function list(doc: JsonObject, ...keys: string[]): Json[] {
  const parent = at(doc, ...keys.slice(0, -1));
  const value = parent[keys.at(-1) ?? ''];
  if (!Array.isArray(value)) throw new Error(`the contract has no array at ${keys.join('/')}`);
  return value;
}

/** Builds the pair of a mutation. */
export function pairOf(mutation: Mutation): { oldDoc: JsonObject; newDoc: JsonObject } {
  const oldDoc = structuredClone(CONTRACT);
  mutation.before?.(oldDoc);
  const newDoc = structuredClone(oldDoc);
  mutation.after(newDoc);
  return { oldDoc, newDoc };
}

const schema = (doc: JsonObject, name: string) => at(doc, 'components', 'schemas', name);
const prop = (doc: JsonObject, name: string, property: string) =>
  at(doc, 'components', 'schemas', name, 'properties', property);
const parameter = (doc: JsonObject, name: string) => at(doc, 'components', 'parameters', name);
const operation = (doc: JsonObject, method: string, path: string) => at(doc, 'paths', path, method);
const remove = (items: Json[], predicate: (item: Json) => boolean) => {
  const index = items.findIndex(predicate);
  if (index < 0) throw new Error('nothing to remove');
  items.splice(index, 1);
};
const refTo = (name: string) => (item: Json) =>
  item !== null && typeof item === 'object' && !Array.isArray(item) && item.$ref === name;
const ORDERS = '/api/v1/orders';
const PAYOUTS = '/api/v1/payouts';
const SUMMARY = '/api/v1/analytics/summary';
const variants = () => [
  { type: 'object', properties: { kind: { const: 'card' } } },
  { type: 'object', properties: { kind: { const: 'bank' } } },
];
const withSource = (extra: JsonObject[]) => (doc: JsonObject) => {
  prop(doc, 'Payout', 'createdAt'); // the schema still exists
  at(doc, 'components', 'schemas', 'Payout', 'properties').source = { oneOf: [...variants(), ...extra] };
};

/** `Payout.source`: a response `oneOf` told apart by `kind`, with the given discriminator mapping. */
const withDiscriminatedSource = (mapping: JsonObject) => (doc: JsonObject) => {
  withSource([{ type: 'object', properties: { kind: { const: 'wallet' } } }])(doc);
  prop(doc, 'Payout', 'source').discriminator = { propertyName: 'kind', mapping };
};
const OAUTH_REQUEST = 'OAuthTokenRequest';
const mapping = (doc: JsonObject, name: string) =>
  at(doc, 'components', 'schemas', name, 'discriminator', 'mapping');
const responseOf = (doc: JsonObject, method: string, path: string, status: string) =>
  at(doc, 'paths', path, method, 'responses', status);
/** A callback on `createOrder`: the API posts the order's state to a URL the client gave. */
const withCallback = (name: string) => (doc: JsonObject) => {
  operation(doc, 'post', ORDERS).callbacks = {
    [name]: {
      '{$request.body#/callbackUrl}': {
        post: {
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['orderId', 'status'],
                  properties: { orderId: { type: 'string' }, status: { type: 'string' } },
                },
              },
            },
          },
          responses: { '204': { description: 'Received.' } },
        },
      },
    },
  };
};
const callbackPayload = (doc: JsonObject) =>
  at(
    doc,
    'paths',
    ORDERS,
    'post',
    'callbacks',
    'orderState',
    '{$request.body#/callbackUrl}',
    'post',
    'requestBody',
    'content',
    'application/json',
    'schema',
  );

/** The corpus. */
export const MUTATIONS: readonly Mutation[] = [
  // breaking
  {
    name: 'remove an operation',
    rules: ['operation-removed'],
    after: (d) => delete at(d, 'paths', SUMMARY).get,
  },
  {
    name: 'remove a query parameter',
    rules: ['parameter-removed'],
    after: (d) =>
      remove(
        list(d, 'paths', ORDERS, 'get', 'parameters'),
        refTo('#/components/parameters/CreatedBeforeQuery'),
      ),
  },
  {
    name: 'remove a request media type',
    rules: ['request-media-type-removed'],
    after: (d) => delete at(d, 'paths', '/oauth/token', 'post', 'requestBody', 'content')['application/json'],
  },
  {
    name: 'remove a response status',
    rules: ['response-status-removed'],
    after: (d) => delete at(d, 'paths', ORDERS, 'get', 'responses')['503'],
  },
  {
    name: 'remove a response media type',
    rules: ['response-media-type-removed'],
    after: (d) => delete at(d, 'paths', ORDERS, 'get', 'responses', '200', 'content')['application/json'],
  },
  {
    name: 'require an optional request body',
    rules: ['request-body-became-required'],
    after: (d) => {
      at(d, 'paths', '/api/v1/orders/{id}/cancel', 'post', 'requestBody').required = true;
    },
  },
  {
    name: 'require a parameter',
    rules: ['parameter-became-required'],
    after: (d) => {
      parameter(d, 'Limit').required = true;
    },
  },
  {
    name: 'add a required query parameter',
    rules: ['parameter-added-required'],
    after: (d) =>
      void list(d, 'paths', ORDERS, 'get', 'parameters').push({
        name: 'region',
        in: 'query',
        required: true,
        schema: { type: 'string' },
      }),
  },
  {
    name: 'require a request property',
    rules: ['request-property-became-required'],
    after: (d) => void list(d, 'components', 'schemas', 'OrderCreate', 'required').push('metadata'),
  },
  {
    name: 'add a required request property',
    rules: ['request-property-added-required'],
    after: (d) => {
      at(d, 'components', 'schemas', 'OrderCreate', 'properties').channel = { type: 'string' };
      list(d, 'components', 'schemas', 'OrderCreate', 'required').push('channel');
    },
  },
  {
    name: 'remove a property of a closed request schema',
    rules: ['request-property-removed'],
    after: (d) => delete at(d, 'components', 'schemas', 'InventoryAdjustmentCreate', 'properties').note,
  },
  {
    name: 'make a nullable request property non-null',
    rules: ['request-type-narrowed'],
    after: (d) => {
      prop(d, 'ProductCreate', 'description').type = 'string';
    },
  },
  {
    name: 'change a request format',
    rules: ['request-format-narrowed'],
    after: (d) => {
      at(parameter(d, 'CreatedAfterQuery'), 'schema').format = 'date';
    },
  },
  {
    name: 'tighten a request pattern',
    rules: ['request-pattern-narrowed'],
    after: (d) => {
      at(parameter(d, 'UsageOperationIdQuery'), 'schema').pattern = '^[a-z][A-Za-z0-9]*$';
    },
  },
  {
    name: 'remove a request enum value',
    rules: ['request-enum-narrowed'],
    after: (d) => remove(list(d, 'components', 'schemas', 'StatusClass', 'enum'), (v) => v === '429'),
  },
  {
    name: 'add an enum to a request string',
    rules: ['request-enum-narrowed'],
    after: (d) => {
      at(parameter(d, 'UsageOperationIdQuery'), 'schema').enum = ['createOrder'];
    },
  },
  {
    name: 'lower a request maxLength',
    rules: ['request-length-narrowed'],
    after: (d) => {
      at(parameter(d, 'Cursor'), 'schema').maxLength = 256;
    },
  },
  {
    name: 'raise a request minItems',
    rules: ['request-length-narrowed'],
    after: (d) => {
      prop(d, 'PayoutCreate', 'commissionIds').minItems = 2;
    },
  },
  {
    name: 'lower a request maximum',
    rules: ['request-range-narrowed'],
    after: (d) => {
      at(parameter(d, 'Limit'), 'schema').maximum = 50;
    },
  },
  {
    name: 'remove a request oneOf alternative',
    rules: ['request-variant-removed'],
    after: (d) => void list(d, 'components', 'schemas', 'OAuthTokenRequest', 'oneOf').pop(),
  },
  {
    name: 'remove a response property',
    rules: ['response-property-removed'],
    after: (d) => {
      delete at(d, 'components', 'schemas', 'Payout', 'properties').paidAt;
      remove(list(d, 'components', 'schemas', 'Payout', 'required'), (v) => v === 'paidAt');
    },
  },
  {
    name: 'make a response property optional',
    rules: ['response-property-became-optional'],
    after: (d) => remove(list(d, 'components', 'schemas', 'Payout', 'required'), (v) => v === 'paidAt'),
  },
  {
    name: 'make a response property nullable',
    rules: ['response-property-became-nullable'],
    after: (d) => {
      prop(d, 'Payout', 'createdAt').type = ['string', 'null'];
    },
  },
  {
    name: 'change a response property type',
    rules: ['response-type-changed'],
    after: (d) => {
      prop(d, 'OrderItem', 'quantity').type = 'string';
    },
  },
  {
    name: 'require one more scope',
    rules: ['security-scope-added'],
    after: (d) => {
      for (const alternative of list(d, 'paths', PAYOUTS, 'post', 'security')) {
        for (const scopes of Object.values(alternative as JsonObject))
          (scopes as Json[]).push('read:commissions');
      }
    },
  },
  {
    name: 'require credentials on a public operation',
    rules: ['security-requirement-added'],
    after: (d) => void list(d, 'paths', '/api/health', 'get', 'security').shift(),
  },
  {
    name: 'change a parameter default',
    rules: ['default-changed'],
    after: (d) => {
      at(parameter(d, 'Limit'), 'schema').default = 50;
    },
  },
  {
    name: 'change a request property default',
    rules: ['default-changed'],
    after: (d) => {
      prop(d, 'ProductCreate', 'active').default = false;
    },
  },
  {
    name: 'remove a webhook payload property',
    rules: ['response-property-removed'],
    after: (d) => {
      delete at(d, 'components', 'schemas', 'PayoutPaidEvent', 'properties').createdAt;
      remove(list(d, 'components', 'schemas', 'PayoutPaidEvent', 'required'), (v) => v === 'createdAt');
    },
  },
  // breaking: headers, callbacks, discriminators, exclusions
  {
    name: 'remove a required response header',
    rules: ['response-header-removed'],
    after: (d) => delete at(responseOf(d, 'get', ORDERS, '200'), 'headers')['X-RateLimit-Remaining'],
  },
  {
    name: 'make a response header optional',
    rules: ['response-header-became-optional'],
    after: (d) => {
      at(d, 'components', 'headers', 'X-Request-Id').required = false;
    },
  },
  {
    name: 'remove a callback',
    rules: ['callback-removed'],
    before: withCallback('orderState'),
    after: (d) => delete operation(d, 'post', ORDERS).callbacks,
  },
  {
    name: 'remove a callback payload property',
    rules: ['response-property-removed'],
    before: withCallback('orderState'),
    after: (d) => {
      const payload = callbackPayload(d);
      delete at(payload, 'properties').status;
      payload.required = ['orderId'];
    },
  },
  {
    name: 'rename the discriminator property',
    rules: ['discriminator-property-changed'],
    after: (d) => {
      at(d, 'components', 'schemas', OAUTH_REQUEST, 'discriminator').propertyName = 'grant';
    },
  },
  {
    name: 'point a discriminator value at another schema',
    rules: ['discriminator-mapping-changed'],
    after: (d) => {
      mapping(d, OAUTH_REQUEST).client_credentials = '#/components/schemas/OAuthRefreshTokenRequest';
    },
  },
  {
    name: 'remove a request discriminator value',
    rules: ['request-discriminator-value-removed'],
    after: (d) => delete mapping(d, OAUTH_REQUEST).refresh_token,
  },
  {
    name: 'change a request exclusion (not)',
    rules: ['request-exclusion-added'],
    after: (d) => {
      prop(d, 'InventoryAdjustmentCreate', 'delta').not = { enum: [0, 1] };
    },
  },
  // warnings
  {
    name: 'add a response enum value',
    rules: ['response-enum-widened'],
    after: (d) => void list(d, 'components', 'schemas', 'PayoutStatus', 'enum').push('reversed'),
  },
  {
    name: 'add a response oneOf alternative',
    rules: ['response-variant-added'],
    before: withSource([]),
    after: withSource([{ type: 'object', properties: { kind: { const: 'wallet' } } }]),
  },
  {
    name: 'add a response discriminator value',
    rules: ['response-discriminator-value-added'],
    before: withDiscriminatedSource({ card: '#card', bank: '#bank' }),
    after: withDiscriminatedSource({ card: '#card', bank: '#bank', wallet: '#wallet' }),
  },
  {
    name: 'remove an optional response header',
    rules: ['response-optional-header-removed'],
    after: (d) => delete at(responseOf(d, 'post', ORDERS, '201'), 'headers')['Idempotent-Replayed'],
  },
  {
    name: 'remove a response exclusion (not)',
    rules: ['response-exclusion-removed'],
    after: (d) => delete prop(d, 'InventoryAdjustment', 'delta').not,
  },
  {
    name: 'remove a response link',
    rules: ['link-removed'],
    after: (d) => delete at(responseOf(d, 'post', '/api/auth/login', '200'), 'links').Logout,
  },
  {
    name: 'point a response link at another operation',
    rules: ['link-changed'],
    after: (d) => {
      at(responseOf(d, 'post', '/api/v1/orders', '201'), 'links', 'GetOrder').operationId = 'listOrders';
    },
  },
  {
    name: 'deprecate an operation',
    rules: ['operation-deprecated'],
    after: (d) => {
      operation(d, 'get', ORDERS).deprecated = true;
    },
  },
  {
    name: 'deprecate a parameter',
    rules: ['parameter-deprecated'],
    after: (d) => {
      parameter(d, 'CreatedBeforeQuery').deprecated = true;
    },
  },
  {
    name: 'deprecate a property',
    rules: ['property-deprecated'],
    after: (d) => {
      prop(d, 'Payout', 'createdAt').deprecated = true;
    },
  },
  {
    name: 'remove a deprecated operation',
    rules: ['operation-removed-after-deprecation'],
    before: (d) => {
      operation(d, 'get', SUMMARY).deprecated = true;
    },
    after: (d) => delete at(d, 'paths', SUMMARY).get,
  },
  {
    name: 'remove a deprecated parameter',
    rules: ['parameter-removed-after-deprecation'],
    before: (d) => {
      parameter(d, 'CreatedBeforeQuery').deprecated = true;
    },
    after: (d) =>
      remove(
        list(d, 'paths', ORDERS, 'get', 'parameters'),
        refTo('#/components/parameters/CreatedBeforeQuery'),
      ),
  },
  // non-breaking
  {
    name: 'add an operation',
    rules: ['operation-added'],
    after: (d) => {
      at(d, 'paths')['/api/v1/regions'] = {
        get: { operationId: 'listRegions', responses: { '200': { description: 'Regions.' } } },
      };
    },
  },
  {
    name: 'add an optional query parameter',
    rules: ['parameter-added-optional'],
    after: (d) =>
      void list(d, 'paths', ORDERS, 'get', 'parameters').push({
        name: 'region',
        in: 'query',
        schema: { type: 'string' },
      }),
  },
  {
    name: 'make a parameter optional',
    rules: ['parameter-became-optional'],
    before: (d) => {
      parameter(d, 'Limit').required = true;
    },
    after: (d) => {
      parameter(d, 'Limit').required = false;
    },
  },
  {
    name: 'make a request body optional',
    rules: ['request-body-became-optional'],
    after: (d) => {
      at(d, 'paths', PAYOUTS, 'post', 'requestBody').required = false;
    },
  },
  {
    name: 'add an optional request property',
    rules: ['request-property-added-optional'],
    after: (d) => {
      at(d, 'components', 'schemas', 'OrderCreate', 'properties').channel = { type: 'string' };
    },
  },
  {
    name: 'make a request property optional',
    rules: ['request-property-became-optional'],
    after: (d) =>
      remove(list(d, 'components', 'schemas', 'OrderCreate', 'required'), (v) => v === 'currency'),
  },
  {
    name: 'add a request media type',
    rules: ['request-media-type-added'],
    after: (d) => {
      const content = at(d, 'paths', PAYOUTS, 'post', 'requestBody', 'content');
      content['application/x-www-form-urlencoded'] = structuredClone(at(content, 'application/json'));
    },
  },
  {
    name: 'make a request property nullable',
    rules: ['request-type-widened'],
    after: (d) => {
      prop(d, 'InventoryAdjustmentCreate', 'note').type = ['string', 'null'];
    },
  },
  {
    name: 'add a request enum value',
    rules: ['request-enum-widened'],
    after: (d) => void list(d, 'components', 'schemas', 'StatusClass', 'enum').push('3xx'),
  },
  {
    name: 'raise a request maxLength',
    rules: ['request-constraint-relaxed'],
    after: (d) => {
      at(parameter(d, 'Cursor'), 'schema').maxLength = 1024;
    },
  },
  {
    name: 'drop a request pattern',
    rules: ['request-constraint-relaxed'],
    after: (d) => void delete at(parameter(d, 'UsageOperationIdQuery'), 'schema').pattern,
  },
  {
    name: 'add a request oneOf alternative',
    rules: ['request-variant-added'],
    after: (d) =>
      void list(d, 'components', 'schemas', 'OAuthTokenRequest', 'oneOf').push({
        type: 'object',
        properties: { grant_type: { const: 'device_code' } },
      }),
  },
  {
    name: 'add a response status',
    rules: ['response-status-added'],
    after: (d) => {
      at(d, 'paths', ORDERS, 'get', 'responses')['404'] = { description: 'Not found.' };
    },
  },
  {
    name: 'add a response media type',
    rules: ['response-media-type-added'],
    after: (d) => {
      const content = at(d, 'paths', ORDERS, 'get', 'responses', '200', 'content');
      content['application/yaml'] = structuredClone(at(content, 'application/json'));
    },
  },
  {
    name: 'add a response property',
    rules: ['response-property-added'],
    after: (d) => {
      at(d, 'components', 'schemas', 'Payout', 'properties').note = { type: 'string' };
    },
  },
  {
    name: 'make a response property required',
    rules: ['response-property-became-required'],
    before: (d) => remove(list(d, 'components', 'schemas', 'Payout', 'required'), (v) => v === 'paidAt'),
    after: (d) => void list(d, 'components', 'schemas', 'Payout', 'required').push('paidAt'),
  },
  {
    name: 'remove a response enum value',
    rules: ['response-enum-narrowed'],
    after: (d) => remove(list(d, 'components', 'schemas', 'PayoutStatus', 'enum'), (v) => v === 'failed'),
  },
  {
    name: 'remove a response oneOf alternative',
    rules: ['response-variant-removed'],
    before: withSource([{ type: 'object', properties: { kind: { const: 'wallet' } } }]),
    after: withSource([]),
  },
  {
    name: 'require one scope fewer',
    rules: ['security-scope-removed'],
    after: (d) => {
      for (const alternative of list(d, 'paths', PAYOUTS, 'post', 'security')) {
        for (const scheme of Object.keys(alternative as JsonObject)) (alternative as JsonObject)[scheme] = [];
      }
    },
  },
  {
    name: 'reword a schema description',
    rules: ['description-changed'],
    after: (d) => {
      schema(d, 'Payout').description = 'A transfer of commissions.';
    },
  },
  {
    name: 'reword an operation summary',
    rules: ['description-changed'],
    after: (d) => {
      operation(d, 'get', ORDERS).summary = 'List the orders';
    },
  },
  {
    name: 'change a property example',
    rules: ['example-changed'],
    after: (d) => {
      prop(d, 'Payout', 'createdAt').examples = ['2026-04-01T00:00:00Z'];
    },
  },
  {
    name: 'add a response header',
    rules: ['response-header-added'],
    after: (d) => {
      at(responseOf(d, 'get', ORDERS, '200'), 'headers')['X-Total-Count'] = {
        description: 'Orders matching the filters.',
        schema: { type: 'integer', minimum: 0 },
      };
    },
  },
  {
    name: 'add a response link',
    rules: ['link-added'],
    after: (d) => {
      at(responseOf(d, 'post', PAYOUTS, '201'), 'links').ListPayouts = { operationId: 'listPayouts' };
    },
  },
  {
    name: 'add a callback',
    rules: ['callback-added'],
    after: withCallback('orderState'),
  },
  {
    name: 'add a request discriminator value',
    rules: ['request-discriminator-value-added'],
    after: (d) => {
      mapping(d, OAUTH_REQUEST).password = '#/components/schemas/OAuthClientCredentialsRequest';
    },
  },
  {
    name: 'remove a response discriminator value',
    rules: ['response-discriminator-value-removed'],
    before: withDiscriminatedSource({ card: '#card', bank: '#bank' }),
    after: withDiscriminatedSource({ card: '#card' }),
  },
  {
    name: 'add a response exclusion (not)',
    rules: ['response-exclusion-added'],
    after: (d) => {
      prop(d, 'InventoryAdjustment', 'resultingOnHand').not = { const: -1 };
    },
  },
  {
    name: 'drop a request exclusion (not)',
    rules: ['request-constraint-relaxed'],
    after: (d) => delete prop(d, 'InventoryAdjustmentCreate', 'delta').not,
  },
  // no change at all
  { name: 'identical documents', rules: [], after: () => undefined },
  {
    name: 'rename a path parameter',
    rules: [],
    after: (d) => {
      const paths = at(d, 'paths');
      paths['/api/v1/payouts/{payoutId}'] = at(paths, '/api/v1/payouts/{id}');
      delete paths['/api/v1/payouts/{id}'];
      parameter(d, 'PayoutIdPath').name = 'payoutId';
    },
  },
];
