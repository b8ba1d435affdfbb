import type { StubHandler } from '../http/exchange.ts';
import { compose } from './compose.ts';
import type { DispatchDeps } from './exchange-context.ts';
import { answerPreflight } from './steps/answer-preflight.ts';
import { applyCorsHeaders } from './steps/apply-cors-headers.ts';
import { routeRequest } from './steps/route-request.ts';

export type { DispatchDeps, Violation } from './exchange-context.ts';

/**
 * Every request: a CORS preflight is answered first, every other answer carries the CORS
 * headers; then routing (404, 405 with `Allow`) to the stub's own routes or a contract operation
 * (see `runOperation`).
 */
const runRequest = compose([answerPreflight, applyCorsHeaders, routeRequest]);

/** The request pipeline's entry: each request gets its id (in every answer's `X-Request-Id`) first. */
export function createDispatcher(deps: DispatchDeps): StubHandler {
  return (request) => {
    const requestId = deps.nextRequestId();
    return runRequest({
      deps,
      request,
      requestId,
      origin: deps.cors.allow(request.header('origin')),
      headers: { 'x-request-id': requestId },
    });
  };
}
