import type { APIPromise } from '../core/api-promise.ts';
import type { Data, Query } from '../core/operation-types.ts';
import type { RequestOptions } from '../core/request-options.ts';
import { APIResource } from '../core/resource.ts';

/** Analytics (tag `analytics`; scope `read:analytics`). */
export class Analytics extends APIResource {
  /** `GET /api/v1/analytics/summary` (getAnalyticsSummary). */
  summary(
    query?: Query<'getAnalyticsSummary'>,
    options?: RequestOptions,
  ): APIPromise<Data<'getAnalyticsSummary'>> {
    return this._client._call('get', '/api/v1/analytics/summary', { params: { query } }, options);
  }
}
