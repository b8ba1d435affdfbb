import { applyCors } from '../../http/cors.ts';
import type { Step } from '../compose.ts';
import type { RequestContext } from '../exchange-context.ts';

/** Every answer from here on (errors included) carries the CORS headers of an allowed origin. */
export const applyCorsHeaders: Step<RequestContext> = (ctx, next) => {
  applyCors(ctx.headers, ctx.origin);
  return next();
};
