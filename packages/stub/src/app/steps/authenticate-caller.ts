import type { Step } from '../compose.ts';
import { judgeCredential } from '../credential.ts';
import type { Exchange } from '../exchange-context.ts';

/** The operation's credential (401 when required and missing or refused). */
export const authenticateCaller: Step<Exchange> = async (ex, next) => {
  const shared = ex.deps.services.shared;
  ex.judgedAt = shared === undefined ? 0 : shared.version;
  if (ex.route.op.auth !== 'none') ex.principal = await judgeCredential(ex, ex.judgedAt);
  return next();
};
