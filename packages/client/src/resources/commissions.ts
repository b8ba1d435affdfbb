import type { APIPromise } from '../core/api-promise.ts';
import type { BodyInput, Data, Item, Query } from '../core/operation-types.ts';
import type { PagePromise } from '../core/pagination.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Payouts (`/api/v1/payouts`, tag `commissions`). */
export class Payouts extends APIResource {
  /** `GET /api/v1/payouts` (listPayouts). */
  list(query?: Query<'listPayouts'>, options?: RequestOptions): PagePromise<Item<'listPayouts'>> {
    return this._client._list('/api/v1/payouts', { params: { query } }, options);
  }

  /** `POST /api/v1/payouts` (createPayout); sends an `Idempotency-Key`. */
  create(body: BodyInput<'createPayout'>, options?: RequestOptions): APIPromise<Data<'createPayout'>> {
    return this._client._call('post', '/api/v1/payouts', { body }, options);
  }

  /** `GET /api/v1/payouts/{id}` (getPayout). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getPayout'>> {
    return this._client._call('get', '/api/v1/payouts/{id}', { params: { path: { id } } }, options);
  }
}

/** Commission records and payouts (tag `commissions`; scopes `read:commissions` / `write:commissions`). */
export class Commissions extends APIResource {
  readonly payouts: Payouts = new Payouts(this._client);

  /** `GET /api/v1/commissions` (listCommissions). */
  list(query?: Query<'listCommissions'>, options?: RequestOptions): PagePromise<Item<'listCommissions'>> {
    return this._client._list('/api/v1/commissions', { params: { query } }, options);
  }

  /** `GET /api/v1/commissions/{id}` (getCommission). */
  retrieve(id: string, options?: RequestOptions): APIPromise<Data<'getCommission'>> {
    return this._client._call('get', '/api/v1/commissions/{id}', { params: { path: { id } } }, options);
  }
}
