/** Per-call options accepted by every method (last argument) and by the low-level calls. */
export interface RequestOptions {
  /** Aborts the call, including a wait between retries; the promise rejects with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms (headers and body); overrides the client's `timeout`. */
  timeout?: number | undefined;
  /** `Idempotency-Key` to send (creating POSTs generate one otherwise); the same on every attempt. */
  idempotencyKey?: string | undefined;
  /** Retries for this call; overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** Extra headers; `null` removes a default header. */
  headers?: Record<string, string | null | undefined> | undefined;
}
