import { ApiError } from '../http/api-error.ts';
import { applyCors, preflightHeaders } from '../http/cors.ts';
import { errorEnvelope, JSON_TYPE } from '../http/error-body.ts';
import type { StubHandler, StubResponse } from '../http/exchange.ts';
import { applyRateHeaders } from '../ratelimit/rate-headers.ts';
import type { DispatchDeps, Exchange } from './exchange-context.ts';
import { recordUsage } from './record-usage.ts';
import { fail } from './respond.ts';
import { runOperation } from './run-operation.ts';

export type { DispatchDeps, Violation } from './exchange-context.ts';

/**
 * The request pipeline's entry: request id, CORS (preflight included), routing (404, 405 with
 * `Allow`), then the stub's own routes or a contract operation (see `runOperation`), whose
 * errors are answered in the envelope and checked against the contract like any response.
 */
export function createDispatcher(deps: DispatchDeps): StubHandler {
  const { router, limiter } = deps;

  return async (request) => {
    const requestId = deps.nextRequestId();
    const origin = deps.cors.allow(request.header('origin'));
    const method = request.method;
    if (method === 'OPTIONS') {
      // A method no route uses reports the path's `Allow` list (or nothing: 404 below).
      const probe = router.match('\u0000', request.path);
      if (probe.kind === 'method_not_allowed') {
        const headers = preflightHeaders(
          origin,
          `${probe.allow}, OPTIONS`,
          request.header('access-control-request-headers'),
        );
        headers['x-request-id'] = requestId;
        return { status: 204, headers, body: undefined };
      }
    }
    const headers: Record<string, string> = { 'x-request-id': requestId };
    applyCors(headers, origin);
    const match = router.match(method, request.path);
    if (match.kind === 'found') {
      const route = match.value;
      if (route.kind === 'internal') return route.handle(request, headers);
      const started = performance.now();
      const ex: Exchange = {
        deps,
        route,
        params: match.params,
        request,
        requestId,
        headers,
        principal: undefined,
      };
      let response: StubResponse;
      try {
        response = await runOperation(ex);
      } catch (error) {
        response = fail(ex, error);
      }
      recordUsage(ex, response, started);
      return response;
    }
    try {
      applyRateHeaders(headers, await limiter.peek(`ip:${request.remoteAddress}`, false));
    } catch {
      // Redis away: a 404 / 405 needs no counter; it goes without the rate-limit headers.
    }
    let error: ApiError;
    if (match.kind === 'method_not_allowed') {
      // OPTIONS is answered on every routed path (preflights), so `Allow` lists it too.
      headers.allow = `${match.allow}, OPTIONS`;
      error = new ApiError(
        'method_not_allowed',
        `${method} is not allowed on ${request.path} (allowed: ${match.allow})`,
      );
    } else {
      error = new ApiError('not_found', `No route for ${method} ${request.path}`);
    }
    headers['content-type'] = JSON_TYPE;
    return { status: error.status, headers, body: JSON.stringify(errorEnvelope(error, requestId)) };
  };
}
