/** What the stub needs to know about one contract operation (a row of the contract's operation index). */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI path template, e.g. `/api/v1/orders/{id}`. */
  readonly path: string;
  readonly tag: string;
  /** Required scopes; `null` when the operation takes no resource scope. */
  readonly scopes: readonly string[] | null;
  readonly auth: 'required' | 'optional' | 'none';
  /** True when the operation accepts `Idempotency-Key`. */
  readonly idempotent: boolean;
  readonly requestContentTypes: readonly string[];
  readonly successStatus: number;
  readonly statuses: readonly (number | string)[];
  readonly pathParams: readonly string[];
}
