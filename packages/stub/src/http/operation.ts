/**
 * What the stub reads of one contract operation: the shape of an entry of
 * `operationIndex` (`@regen/contract/operations`), widened so fixtures can build one too.
 */
export interface OperationSpec {
  readonly operationId: string;
  readonly method: string;
  /** OpenAPI path template, e.g. `/api/v1/orders/{id}`. */
  readonly path: string;
  readonly tag: string | null;
  /** `none`: no security; `optional`: `{}` is among the requirements; `required` otherwise. */
  readonly auth: 'required' | 'optional' | 'none';
  /** Required scopes (canonical); `null` when the operation has no security at all. */
  readonly scopes: readonly string[] | null;
  /** True when the operation accepts `Idempotency-Key`. */
  readonly idempotent: boolean;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly requiredHeaders: readonly string[];
  readonly requestBody: { readonly required: boolean; readonly contentTypes: readonly string[] } | null;
  readonly successStatus: number;
  readonly statuses: readonly number[];
}
