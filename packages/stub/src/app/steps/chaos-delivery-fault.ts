import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/**
 * Chaos faults on the way out (a reset connection, a truncated body): after the contract check,
 * and exempt from it. Inside the idempotency step, so a replay is sent as kept.
 */
export const chaosDeliveryFault: Step<Exchange> = (ex, next) => {
  const kind = ex.fault?.kind;
  if (kind !== 'reset' && kind !== 'truncate') return next();
  return Promise.resolve(next()).then((response) => {
    response.delivery = { kind };
    return response;
  });
};
