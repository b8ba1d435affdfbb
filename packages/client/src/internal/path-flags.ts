import { IDEMPOTENT, NO_AUTH, OPTIONAL_AUTH } from './transport.ts';

/**
 * POSTs that accept an `Idempotency-Key` (openapi/README.md, "Idempotency"); a test checks this
 * list against `operationIndex` of `@regen/contract/operations`, so it cannot drift silently.
 * Kept as a literal so the core does not ship the whole operation table.
 */
export const IDEMPOTENT_POSTS: ReadonlySet<string> = new Set([
  '/api/v1/orders',
  '/api/v1/orders/{id}/cancel',
  '/api/v1/products',
  '/api/v1/inventory/adjustments',
  '/api/v1/payouts',
  '/api/v1/webhooks',
  '/api/v1/api-keys',
  '/api/v1/api-keys/{id}/rotate',
]);

/** Operations that take no credential header (their credentials, if any, travel in the body). */
export const UNAUTHENTICATED_PATHS: ReadonlySet<string> = new Set([
  '/api/auth/login',
  '/api/auth/refresh',
  '/oauth/token',
  '/oauth/authorize',
  '/oauth/revoke',
]);

/**
 * Operations where a credential is optional: sent when the client has one (health then reports
 * `authenticated: true` and the credential), and the call still goes out when it has none.
 */
export const OPTIONAL_AUTH_PATHS: ReadonlySet<string> = new Set(['/api/health']);

/** Transport flags of a call by method and path template. */
export function flagsFor(method: string, path: string): number {
  let flags = 0;
  if (method === 'POST' && IDEMPOTENT_POSTS.has(path)) flags |= IDEMPOTENT;
  if (UNAUTHENTICATED_PATHS.has(path)) flags |= NO_AUTH;
  else if (OPTIONAL_AUTH_PATHS.has(path)) flags |= OPTIONAL_AUTH;
  return flags;
}
