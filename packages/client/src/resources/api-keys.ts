import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** API key management (tag `apiKeys`; scopes `read:api_keys` / `write:api_keys`). */
export class ApiKeys extends APIResource {
  /** `GET /api/v1/api-keys` (listApiKeys); never includes the key itself. */
  list(query?: Query<'listApiKeys'>, options?: RequestOptions): PagePromise<Item<'listApiKeys'>> {
    return this._client._list('/api/v1/api-keys', { params: { query } }, options);
  }

  /** `POST /api/v1/api-keys` (createApiKey): the only response with the full `key`. */
  create(body: BodyInput<'createApiKey'>, options?: RequestOptions): APIPromise<Data<'createApiKey'>> {
    return this._client._call('post', '/api/v1/api-keys', { body }, options);
  }

  /** `GET /api/v1/api-keys/{id}` (getApiKey). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getApiKey'>> {
    return this._client._call('get', '/api/v1/api-keys/{id}', { params: { path: { id } } }, options);
  }

  /** `PUT /api/v1/api-keys/{id}` (updateApiKey). */
  update(
    id: string,
    body: BodyInput<'updateApiKey'>,
    options?: RequestOptions,
  ): APIPromise<Data<'updateApiKey'>> {
    return this._client._call('put', '/api/v1/api-keys/{id}', { params: { path: { id } }, body }, options);
  }

  /** `DELETE /api/v1/api-keys/{id}` (deleteApiKey). */
  delete(id: string, options?: RequestOptions): APIPromise<Data<'deleteApiKey'>> {
    return this._client._call('delete', '/api/v1/api-keys/{id}', { params: { path: { id } } }, options);
  }

  /** `POST /api/v1/api-keys/{id}/rotate` (rotateApiKey): new key; the old one stays valid 5 minutes. */
  rotate(id: string, options?: RequestOptions): APIPromise<Data<'rotateApiKey'>> {
    return this._client._call('post', '/api/v1/api-keys/{id}/rotate', { params: { path: { id } } }, options);
  }

  /** `POST /api/v1/api-keys/{id}/deactivate` (deactivateApiKey). */
  deactivate(id: string, options?: RequestOptions): APIPromise<Data<'deactivateApiKey'>> {
    return this._client._call(
      'post',
      '/api/v1/api-keys/{id}/deactivate',
      { params: { path: { id } } },
      options,
    );
  }

  /** `POST /api/v1/api-keys/{id}/activate` (activateApiKey). */
  activate(id: string, options?: RequestOptions): APIPromise<Data<'activateApiKey'>> {
    return this._client._call(
      'post',
      '/api/v1/api-keys/{id}/activate',
      { params: { path: { id } } },
      options,
    );
  }
}
