import type { WebhookEndpoint } from '@regen/contract';
import { notFound } from '../http/api-error.ts';
import { randomBase62 } from '../http/request-id.ts';
import { newId } from '../store/ids.ts';
import type { WebhookRecord } from '../store/records.ts';
import type { Store } from '../store/store.ts';
import { limitOf, list, NO_STORE, nowIso, ok } from './support/envelope.ts';
import { patched } from './support/patch.ts';
import type { Handlers } from './types.ts';

/** The public view of an endpoint: never the secret. */
export function endpointView(record: WebhookRecord): WebhookEndpoint {
  const { secret: _secret, ...view } = record;
  return view;
}

function find(store: Store, id: string): WebhookRecord {
  const record = store.webhooks.get(id);
  if (!record) throw notFound('Webhook endpoint', id);
  return record;
}

export const webhookHandlers = {
  listWebhookEndpoints: ({ query, store }) => {
    const page = store.webhooks.page(limitOf(query), query.cursor);
    return { status: 200, body: list({ ...page, data: page.data.map(endpointView) }) };
  },

  createWebhookEndpoint: ({ body, store }) => {
    const now = nowIso();
    const record: WebhookRecord = {
      id: newId('whk'),
      url: body.url,
      description: body.description ?? null,
      events: body.events,
      status: 'enabled',
      secret: `whsec_${randomBase62(32)}`,
      createdAt: now,
      updatedAt: now,
    };
    store.webhooks.insert(record);
    store.changed();
    return { status: 201, body: ok({ ...endpointView(record), secret: record.secret }), headers: NO_STORE };
  },

  getWebhookEndpoint: ({ params, store }) => ({
    status: 200,
    body: ok(endpointView(find(store, params.id))),
  }),

  updateWebhookEndpoint: ({ params, body, store }) => {
    const current = find(store, params.id);
    // Endpoints are sealed: a change is a new record in the old one's place.
    const record = patched(current, body);
    store.webhooks.insert(record);
    store.changed();
    return { status: 200, body: ok(endpointView(record)) };
  },

  deleteWebhookEndpoint: ({ params, store }) => {
    find(store, params.id);
    store.webhooks.delete(params.id);
    store.changed();
    return { status: 200, body: ok({ id: params.id, deleted: true as const }) };
  },

  listWebhookDeliveries: async ({ params, store, services }) => {
    find(store, params.id);
    return { status: 200, body: ok(await services.webhooks.deliveries.recent(params.id)) };
  },
} satisfies Pick<
  Handlers,
  | 'listWebhookEndpoints'
  | 'createWebhookEndpoint'
  | 'getWebhookEndpoint'
  | 'updateWebhookEndpoint'
  | 'deleteWebhookEndpoint'
  | 'listWebhookDeliveries'
>;
