import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Orders (tag `orders`; scopes `read:orders` / `write:orders`). */
export class Orders extends APIResource {
  /** `GET /api/v1/orders` (listOrders): first page, async-iterable over all orders. */
  list(query?: Query<'listOrders'>, options?: RequestOptions): PagePromise<Item<'listOrders'>> {
    return this._client._list('/api/v1/orders', { params: { query } }, options);
  }

  /** `POST /api/v1/orders` (createOrder); sends an `Idempotency-Key`. */
  create(body: BodyInput<'createOrder'>, options?: RequestOptions): APIPromise<Data<'createOrder'>> {
    return this._client._call('post', '/api/v1/orders', { body }, options);
  }

  /** `GET /api/v1/orders/{id}` (getOrder). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getOrder'>> {
    return this._client._call('get', '/api/v1/orders/{id}', { params: { path: { id } } }, options);
  }

  /** `PATCH /api/v1/orders/{id}` (updateOrder). */
  update(
    id: string,
    body: BodyInput<'updateOrder'>,
    options?: RequestOptions,
  ): APIPromise<Data<'updateOrder'>> {
    return this._client._call('patch', '/api/v1/orders/{id}', { params: { path: { id } }, body }, options);
  }

  /** `POST /api/v1/orders/{id}/cancel` (cancelOrder); sends an `Idempotency-Key`. */
  cancel(
    id: string,
    body?: BodyInput<'cancelOrder'>,
    options?: RequestOptions,
  ): APIPromise<Data<'cancelOrder'>> {
    return this._client._call(
      'post',
      '/api/v1/orders/{id}/cancel',
      { params: { path: { id } }, body },
      options,
    );
  }
}
