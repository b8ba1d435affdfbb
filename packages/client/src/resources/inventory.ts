import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Inventory adjustments (`/api/v1/inventory/adjustments`). */
export class InventoryAdjustments extends APIResource {
  /** `GET /api/v1/inventory/adjustments` (listInventoryAdjustments). */
  list(
    query?: Query<'listInventoryAdjustments'>,
    options?: RequestOptions,
  ): PagePromise<Item<'listInventoryAdjustments'>> {
    return this._client._list('/api/v1/inventory/adjustments', { params: { query } }, options);
  }

  /** `POST /api/v1/inventory/adjustments` (createInventoryAdjustment); sends an `Idempotency-Key`. */
  create(
    body: BodyInput<'createInventoryAdjustment'>,
    options?: RequestOptions,
  ): APIPromise<Data<'createInventoryAdjustment'>> {
    return this._client._call('post', '/api/v1/inventory/adjustments', { body }, options);
  }
}

/** Inventory levels and adjustments (tag `inventory`; scopes `read:inventory` / `write:inventory`). */
export class Inventory extends APIResource {
  readonly adjustments: InventoryAdjustments = new InventoryAdjustments(this._client);

  /** `GET /api/v1/inventory` (listInventoryLevels). */
  list(
    query?: Query<'listInventoryLevels'>,
    options?: RequestOptions,
  ): PagePromise<Item<'listInventoryLevels'>> {
    return this._client._list('/api/v1/inventory', { params: { query } }, options);
  }

  /** `GET /api/v1/inventory/{productId}` (getInventoryLevel). */
  retrieve(productId: string, options?: RequestOptions): APIPromise<Data<'getInventoryLevel'>> {
    return this._client._call(
      'get',
      '/api/v1/inventory/{productId}',
      { params: { path: { productId } } },
      options,
    );
  }
}
