import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/**
 * Webhook endpoints (tag `webhooks`; scopes `read:webhooks` / `write:webhooks`). To verify a
 * delivery, use `constructEvent` from `@regen/client/webhooks`.
 */
export class Webhooks extends APIResource {
  /** `GET /api/v1/webhooks` (listWebhookEndpoints). */
  list(
    query?: Query<'listWebhookEndpoints'>,
    options?: RequestOptions,
  ): PagePromise<Item<'listWebhookEndpoints'>> {
    return this._client._list('/api/v1/webhooks', { params: { query } }, options);
  }

  /** `POST /api/v1/webhooks` (createWebhookEndpoint); the `whsec_…` secret is returned only here. */
  create(
    body: BodyInput<'createWebhookEndpoint'>,
    options?: RequestOptions,
  ): APIPromise<Data<'createWebhookEndpoint'>> {
    return this._client._call('post', '/api/v1/webhooks', { body }, options);
  }

  /** `GET /api/v1/webhooks/{id}` (getWebhookEndpoint). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getWebhookEndpoint'>> {
    return this._client._call('get', '/api/v1/webhooks/{id}', { params: { path: { id } } }, options);
  }

  /** `PATCH /api/v1/webhooks/{id}` (updateWebhookEndpoint). */
  update(
    id: string,
    body: BodyInput<'updateWebhookEndpoint'>,
    options?: RequestOptions,
  ): APIPromise<Data<'updateWebhookEndpoint'>> {
    return this._client._call('patch', '/api/v1/webhooks/{id}', { params: { path: { id } }, body }, options);
  }

  /** `DELETE /api/v1/webhooks/{id}` (deleteWebhookEndpoint). */
  delete(id: string, options?: RequestOptions): APIPromise<Data<'deleteWebhookEndpoint'>> {
    return this._client._call('delete', '/api/v1/webhooks/{id}', { params: { path: { id } } }, options);
  }
}
