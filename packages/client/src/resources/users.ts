import type { APIPromise } from '../core/api-promise.ts';
import type { Data } from '../core/operation-types.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Users (tag `users`). */
export class Users extends APIResource {
  /** `GET /api/v1/users/me` (getCurrentUser): who the credential belongs to. */
  me(options?: RequestOptions): APIPromise<Data<'getCurrentUser'>> {
    return this._client._call('get', '/api/v1/users/me', {}, options);
  }
}
