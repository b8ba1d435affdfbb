import type { StubRequest, StubResponse } from './exchange.ts';

/** A route the stub serves beside the contract (`/openapi.json`, `/docs`, the portal, the consent form post). */
export interface InternalRoute {
  readonly kind: 'internal';
  handle(request: StubRequest, headers: Record<string, string>): Promise<StubResponse> | StubResponse;
}
