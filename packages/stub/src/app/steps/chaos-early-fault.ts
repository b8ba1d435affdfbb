import { earlyFault } from '../../chaos/early-fault.ts';
import type { ChaosEngine } from '../../chaos/engine.ts';
import type { Fault } from '../../chaos/fault.ts';
import { ApiError } from '../../http/api-error.ts';
import type { StubResponse } from '../../http/exchange.ts';
import { applyRateHeaders } from '../../ratelimit/rate-headers.ts';
import type { Next, Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/**
 * Chaos mode: draws this request's fault (the `Regen-Fault` header, or the random rates) and
 * answers the faults that replace the response (429, 503, hang); the others act later.
 */
export const chaosEarlyFault: Step<Exchange> = (ex, next) =>
  ex.deps.chaos === null ? next() : answerEarlyFault(ex, ex.deps.chaos, next);

async function answerEarlyFault(ex: Exchange, chaos: ChaosEngine, next: Next): Promise<StubResponse> {
  const { deps, route, request } = ex;
  let fault: Fault | undefined;
  try {
    fault = chaos.decide(
      request.header('regen-fault'),
      request.remoteAddress,
      `${route.op.method} ${request.path}`,
      route.randomChaos,
    );
  } catch (error) {
    // Like every response, the 400 shows the caller's window (not counted).
    applyRateHeaders(ex.headers, await deps.limiter.peek(`ip:${request.remoteAddress}`, route.isWrite));
    throw new ApiError('invalid_request', `Invalid Regen-Fault header: ${(error as Error).message}`);
  }
  // Faults act before authentication, so the window shown is the caller's address's.
  const early =
    fault &&
    earlyFault(
      fault,
      ex.requestId,
      ex.headers,
      await deps.limiter.peek(`ip:${request.remoteAddress}`, route.isWrite),
    );
  if (early) return early;
  ex.fault = fault;
  return next();
}
