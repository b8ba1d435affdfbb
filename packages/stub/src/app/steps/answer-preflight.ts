import { preflightHeaders } from '../../http/cors.ts';
import type { Step } from '../compose.ts';
import type { RequestContext } from '../exchange-context.ts';

/** A CORS preflight on a routed path: 204 with the path's methods, before anything else runs. */
export const answerPreflight: Step<RequestContext> = (ctx, next) => {
  const { request, deps } = ctx;
  if (request.method !== 'OPTIONS') return next();
  // A method no route uses reports the path's `Allow` list (or nothing: 404 when routed).
  const probe = deps.router.match('\u0000', request.path);
  if (probe.kind !== 'method_not_allowed') return next();
  const headers = preflightHeaders(
    ctx.origin,
    `${probe.allow}, OPTIONS`,
    request.header('access-control-request-headers'),
  );
  headers['x-request-id'] = ctx.requestId;
  return { status: 204, headers, body: undefined };
};
