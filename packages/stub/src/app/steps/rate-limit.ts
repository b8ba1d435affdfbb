import { ApiError } from '../../http/api-error.ts';
import type { Answer, StubResponse } from '../../http/exchange.ts';
import type { RateDecision } from '../../ratelimit/limiter.ts';
import { applyRateHeaders } from '../../ratelimit/rate-headers.ts';
import { partitionKey } from '../../store/tenancy.ts';
import type { Next, Step } from '../compose.ts';
import { judgeCredential } from '../credential.ts';
import type { Exchange } from '../exchange-context.ts';

/** Counts the request against its credential's (or address's) windows: headers always, 429 when spent. */
export const rateLimit: Step<Exchange> = (ex, next) => {
  const { deps, route } = ex;
  const principal = ex.principal;
  ex.identity = principal ? principal.rateKey : `ip:${ex.request.remoteAddress}`;
  const shared = deps.services.shared;
  // With PostgreSQL: the caller's partition version comes back with the decision (one trip), so
  // a read, and a write that commits on the data this instance holds, start from the latest.
  const partition =
    shared !== undefined && principal !== undefined
      ? partitionKey(principal.accountId, principal.mode)
      : undefined;
  const pending = deps.limiter.consume(ex.identity, route.isWrite, principal?.limits, partition);
  // In memory the decision is synchronous: no promise hop on the hot path.
  if (pending instanceof Promise || shared !== undefined) return settle(ex, pending, partition, next);
  return admit(ex, pending, next);
};

async function settle(
  ex: Exchange,
  pending: RateDecision | Promise<RateDecision>,
  partition: string | undefined,
  next: Next,
): Promise<StubResponse> {
  const decision = await pending;
  // With PostgreSQL: the rate-limit script also read the data versions. When another instance
  // changed the account registry since, apply it and judge the credential again (a rotation,
  // deactivation or deletion elsewhere counts at once) before anything else is answered; then
  // apply what changed in the caller's partition, and only there.
  const shared = ex.deps.services.shared;
  if (shared !== undefined && decision.dataVersion !== undefined) {
    const caughtUp = await shared.catchUp(decision.dataVersion);
    if ((caughtUp || shared.version !== ex.judgedAt) && ex.route.op.auth !== 'none') {
      ex.principal = await judgeCredential(ex, undefined);
    }
    if (partition !== undefined && decision.partitionVersion !== undefined)
      await shared.catchUp(decision.partitionVersion, partition);
  }
  return admit(ex, decision, next);
}

function admit(ex: Exchange, decision: RateDecision, next: Next): Answer {
  applyRateHeaders(ex.headers, decision);
  if (!decision.allowed) throw new ApiError('rate_limit_exceeded');
  return next();
}
