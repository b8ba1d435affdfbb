import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Product catalogue (tag `products`; scopes `read:products` / `write:products`). */
export class Products extends APIResource {
  /** `GET /api/v1/products` (listProducts). */
  list(query?: Query<'listProducts'>, options?: RequestOptions): PagePromise<Item<'listProducts'>> {
    return this._client._list('/api/v1/products', { params: { query } }, options);
  }

  /** `POST /api/v1/products` (createProduct); sends an `Idempotency-Key`. */
  create(body: BodyInput<'createProduct'>, options?: RequestOptions): APIPromise<Data<'createProduct'>> {
    return this._client._call('post', '/api/v1/products', { body }, options);
  }

  /** `GET /api/v1/products/{id}` (getProduct). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getProduct'>> {
    return this._client._call('get', '/api/v1/products/{id}', { params: { path: { id } } }, options);
  }

  /** `PATCH /api/v1/products/{id}` (updateProduct). */
  update(
    id: string,
    body: BodyInput<'updateProduct'>,
    options?: RequestOptions,
  ): APIPromise<Data<'updateProduct'>> {
    return this._client._call('patch', '/api/v1/products/{id}', { params: { path: { id } }, body }, options);
  }

  /** `DELETE /api/v1/products/{id}` (deleteProduct). */
  delete(id: string, options?: RequestOptions): APIPromise<Data<'deleteProduct'>> {
    return this._client._call('delete', '/api/v1/products/{id}', { params: { path: { id } } }, options);
  }
}
