/**
 * The rate-limit window of the bucket closest to exhaustion, from the `X-RateLimit-*` headers the
 * contract puts on every response (openapi/README.md, "Rate limits").
 */
export interface RateLimit {
  /** `X-RateLimit-Limit`: requests allowed in the window. */
  limit: number;
  /** `X-RateLimit-Remaining`: requests left in the window. */
  remaining: number;
  /** `X-RateLimit-Reset` normalised to Unix seconds (a delta-seconds header is converted). */
  reset: number;
}
