import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Customers (tag `customers`; scopes `read:customers` / `write:customers`). */
export class Customers extends APIResource {
  /** `GET /api/v1/customers` (listCustomers). */
  list(query?: Query<'listCustomers'>, options?: RequestOptions): PagePromise<Item<'listCustomers'>> {
    return this._client._list('/api/v1/customers', { params: { query } }, options);
  }

  /** `GET /api/v1/customers/{id}` (getCustomer). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getCustomer'>> {
    return this._client._call('get', '/api/v1/customers/{id}', { params: { path: { id } } }, options);
  }

  /** `PATCH /api/v1/customers/{id}` (updateCustomer). */
  update(
    id: string,
    body: BodyInput<'updateCustomer'>,
    options?: RequestOptions,
  ): APIPromise<Data<'updateCustomer'>> {
    return this._client._call('patch', '/api/v1/customers/{id}', { params: { path: { id } }, body }, options);
  }
}
