import type { Step } from '../compose.ts';
import { judgeCredential } from '../credential.ts';
import type { Exchange } from '../exchange-context.ts';

/** The operation's credential (401 when required and missing or refused). */
export const authenticateCaller: Step<Exchange> = (ex, next) => {
  const shared = ex.deps.services.shared;
  ex.judgedAt = shared === undefined ? 0 : shared.version;
  if (ex.route.op.auth === 'none') return next();
  const judged = judgeCredential(ex, ex.judgedAt);
  // A valid API key is judged synchronously: no promise hop on the hot path.
  if (!(judged instanceof Promise)) {
    ex.principal = judged;
    return next();
  }
  return judged.then((principal) => {
    ex.principal = principal;
    return next();
  });
};
