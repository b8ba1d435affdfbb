import { ApiError } from '../../http/api-error.ts';
import { errorEnvelope, JSON_TYPE } from '../../http/error-body.ts';
import type { StubResponse } from '../../http/exchange.ts';
import type { RouteMatch } from '../../http/router.ts';
import { applyRateHeaders } from '../../ratelimit/rate-headers.ts';
import type { Step } from '../compose.ts';
import type { Exchange, RequestContext } from '../exchange-context.ts';
import { runOperation } from '../operation-pipeline.ts';
import type { Route } from '../route.ts';

/** Routes the request: the stub's own routes answer themselves, contract operations run their steps. */
export const routeRequest: Step<RequestContext> = (ctx) => {
  const match = ctx.deps.router.match(ctx.request.method, ctx.request.path);
  if (match.kind !== 'found') return answerUnrouted(ctx, match);
  const route = match.value;
  if (route.kind === 'internal') return route.handle(ctx.request, ctx.headers);
  // Every field listed (no spread of `ctx`): one object shape for every request, which the
  // steps read on the hot path.
  const ex: Exchange = {
    deps: ctx.deps,
    request: ctx.request,
    requestId: ctx.requestId,
    origin: ctx.origin,
    headers: ctx.headers,
    route,
    params: match.params,
    fault: undefined,
    judgedAt: 0,
    principal: undefined,
    identity: '',
    query: {},
    body: undefined,
  };
  return runOperation(ex);
};

/** 404 for an unknown path, 405 with `Allow` for a method the path does not have. */
async function answerUnrouted(
  ctx: RequestContext,
  match: Exclude<RouteMatch<Route>, { kind: 'found' }>,
): Promise<StubResponse> {
  const { request, headers } = ctx;
  try {
    applyRateHeaders(headers, await ctx.deps.limiter.peek(`ip:${request.remoteAddress}`, false));
  } catch {
    // Redis away: a 404 / 405 needs no counter; it goes without the rate-limit headers.
  }
  let error: ApiError;
  if (match.kind === 'method_not_allowed') {
    // OPTIONS is answered on every routed path (preflights), so `Allow` lists it too.
    headers.allow = `${match.allow}, OPTIONS`;
    error = new ApiError(
      'method_not_allowed',
      `${request.method} is not allowed on ${request.path} (allowed: ${match.allow})`,
    );
  } else {
    error = new ApiError('not_found', `No route for ${request.method} ${request.path}`);
  }
  headers['content-type'] = JSON_TYPE;
  return { status: error.status, headers, body: JSON.stringify(errorEnvelope(error, ctx.requestId)) };
}
