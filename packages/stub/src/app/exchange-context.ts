import type { AuthDeps } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { ChaosEngine } from '../chaos/engine.ts';
import type { Fault } from '../chaos/fault.ts';
import type { Services } from '../handlers/services.ts';
import type { CorsPolicy } from '../http/cors-policy.ts';
import type { StubRequest } from '../http/exchange.ts';
import type { Router } from '../http/router.ts';
import type { IdempotencyPort } from '../idempotency/store.ts';
import type { Logger } from '../log/logger.ts';
import type { RateLimiterPort } from '../ratelimit/limiter-port.ts';
import type { OperationRoute, Route } from './route.ts';

/** A response that broke the contract (answered as 500 `internal_error`). */
export interface Violation {
  readonly requestId: string;
  readonly operationId: string;
  readonly status: number;
  readonly details: readonly { path: string; message: string }[];
}

/** What the pipeline is built from. */
export interface DispatchDeps {
  readonly router: Router<Route>;
  readonly nextRequestId: () => string;
  readonly limiter: RateLimiterPort;
  /** Which `Origin`s get CORS headers (loopback by default). */
  readonly cors: CorsPolicy;
  readonly chaos: ChaosEngine | null;
  readonly idempotency: IdempotencyPort;
  readonly auth: AuthDeps;
  readonly services: Services;
  readonly logger: Logger;
  readonly validateResponses: boolean;
  readonly onViolation: (violation: Violation) => void;
}

/** Any request, before it is routed. */
export interface RequestContext {
  readonly deps: DispatchDeps;
  readonly request: StubRequest;
  readonly requestId: string;
  /** The request's `Origin` when the CORS policy allows it. */
  readonly origin: string | undefined;
  /** Response headers gathered so far (request id, CORS, rate limits). */
  readonly headers: Record<string, string>;
}

/**
 * One request to a contract operation, as it moves through the operation steps: each fills in
 * what it establishes for the steps after it.
 */
export interface Exchange extends RequestContext {
  readonly route: OperationRoute;
  readonly params: Readonly<Record<string, string>>;
  /** The chaos fault drawn for this request (chaos mode only). */
  fault: Fault | undefined;
  /**
   * The data version the credential was judged at (PostgreSQL mode; 0 otherwise): when the
   * rate-limit check finds newer data, the credential is judged again.
   */
  judgedAt: number;
  /** The verified credential, once authentication has run (the request log records it). */
  principal: Principal | undefined;
  /** Rate-limit identity (the credential's, else the client address's), which also scopes idempotency keys. */
  identity: string;
  /** The validated query parameters (after coercion; schema defaults filled in). */
  query: Readonly<Record<string, unknown>>;
  /** The parsed, validated body; `undefined` when there is none. */
  body: unknown;
}
