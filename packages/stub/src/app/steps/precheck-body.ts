import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/**
 * The checks a valid body needs beyond its schema (a webhook URL's addresses): before the
 * handler and outside any write transaction, since they may wait on a resolver.
 */
export const precheckBody: Step<Exchange> = (ex, next) => {
  const { precheck } = ex.route;
  if (precheck === undefined || ex.body === undefined) return next();
  return precheck(ex.body).then(next);
};
