import type { RateLimit } from '../core/rate-limit.ts';
import { APIError, type APIErrorInit } from './APIError.ts';

/** 429: rate limited; `retryAfterMs` is how long the server asked to wait. */
export class RateLimitError extends APIError {
  static override readonly brand: string = 'RateLimitError';
  /** Server-requested wait (Retry-After / retry-after-ms / X-RateLimit-Reset), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The rate-limit headers of the 429 response. */
  readonly rateLimit: RateLimit | undefined;

  constructor(init: APIErrorInit & { retryAfterMs?: number | undefined; rateLimit?: RateLimit | undefined }) {
    super(init);
    this.retryAfterMs = init.retryAfterMs;
    this.rateLimit = init.rateLimit;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs, rateLimit: this.rateLimit };
  }
}
