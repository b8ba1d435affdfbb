/** Response headers a browser client may read (Fetch standard, CORS-exposed headers). */
export const EXPOSED_HEADERS =
  'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After, X-Request-Id, Idempotent-Replayed';

const ALLOWED_HEADERS = 'Authorization, Content-Type, X-API-Key, Idempotency-Key, Regen-Fault, X-Request-Id';

/** Adds the CORS headers of an actual (non-preflight) response when the request has an `Origin`. */
export function applyCors(headers: Record<string, string>, origin: string | undefined): void {
  if (origin === undefined) return;
  headers['access-control-allow-origin'] = origin;
  headers['access-control-expose-headers'] = EXPOSED_HEADERS;
  headers.vary = 'Origin';
}

/** Headers of a preflight answer (Fetch standard §3.2.2): the route's methods and the request headers. */
export function preflightHeaders(
  origin: string | undefined,
  allow: string,
  requestedHeaders: string | undefined,
): Record<string, string> {
  const headers: Record<string, string> = { allow };
  if (origin === undefined) return headers;
  headers['access-control-allow-origin'] = origin;
  headers['access-control-allow-methods'] = allow;
  headers['access-control-allow-headers'] = requestedHeaders ?? ALLOWED_HEADERS;
  headers['access-control-max-age'] = '600';
  headers.vary = 'Origin, Access-Control-Request-Headers';
  return headers;
}
