import type { WebhookEndpoint } from '@regen/contract';
import type { Services } from '../app/services.ts';
import { notFound } from '../http/api-error.ts';
import { randomBase62 } from '../http/request-id.ts';
import { newId } from '../store/ids.ts';
import type { WebhookRecord } from '../store/records.ts';
import { limitOf, list, NO_STORE, nowIso, ok } from './support/envelope.ts';
import type { Handlers } from './types.ts';

/** The public view of an endpoint: never the secret. */
export function endpointView(record: WebhookRecord): WebhookEndpoint {
  const { secret: _secret, ...view } = record;
  return view;
}

function find(services: Services, id: string): WebhookRecord {
  const record = services.store.webhooks.get(id);
  if (!record) throw notFound('Webhook endpoint', id);
  return record;
}

export const webhookHandlers = {
  listWebhookEndpoints: ({ query, services }) => {
    const page = services.store.webhooks.page(limitOf(query), query.cursor);
    return { status: 200, body: list({ ...page, data: page.data.map(endpointView) }) };
  },

  createWebhookEndpoint: ({ body, services }) => {
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
    services.store.webhooks.insert(record);
    services.store.changed();
    return { status: 201, body: ok({ ...endpointView(record), secret: record.secret }), headers: NO_STORE };
  },

  getWebhookEndpoint: ({ params, services }) => ({
    status: 200,
    body: ok(endpointView(find(services, params.id))),
  }),

  updateWebhookEndpoint: ({ params, body, services }) => {
    const record = find(services, params.id);
    if (body.url !== undefined) record.url = body.url;
    if (body.events !== undefined) record.events = body.events;
    if (body.description !== undefined) record.description = body.description;
    if (body.status !== undefined) record.status = body.status;
    record.updatedAt = nowIso();
    services.store.changed();
    return { status: 200, body: ok(endpointView(record)) };
  },

  deleteWebhookEndpoint: ({ params, services }) => {
    find(services, params.id);
    services.store.webhooks.delete(params.id);
    services.store.changed();
    return { status: 200, body: ok({ id: params.id, deleted: true as const }) };
  },
} satisfies Pick<
  Handlers,
  | 'listWebhookEndpoints'
  | 'createWebhookEndpoint'
  | 'getWebhookEndpoint'
  | 'updateWebhookEndpoint'
  | 'deleteWebhookEndpoint'
>;
