import type { AuthDeps } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { ChaosEngine } from '../chaos/engine.ts';
import type { Services } from '../handlers/services.ts';
import type { CorsPolicy } from '../http/cors-policy.ts';
import type { StubRequest } from '../http/exchange.ts';
import type { Router } from '../http/router.ts';
import type { IdempotencyPort } from '../idempotency/store.ts';
import type { Logger } from '../log/logger.ts';
import type { RateLimiterPort } from './create-services.ts';
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

/** One request to a contract operation, as it moves through the pipeline. */
export interface Exchange {
  readonly deps: DispatchDeps;
  readonly route: OperationRoute;
  readonly params: Readonly<Record<string, string>>;
  readonly request: StubRequest;
  readonly requestId: string;
  /** Response headers gathered so far (request id, CORS, rate limits). */
  readonly headers: Record<string, string>;
  /** The verified credential, once authentication has run (the request log records it). */
  principal: Principal | undefined;
}
