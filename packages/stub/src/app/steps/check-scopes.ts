import { firstMissing } from '../../auth/principal.ts';
import { ApiError } from '../../http/api-error.ts';
import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/** 403 when the credential lacks one of the operation's scopes. */
export const checkScopes: Step<Exchange> = (ex, next) => {
  const { principal } = ex;
  const scopes = ex.route.op.scopes;
  if (principal !== undefined && scopes !== null && scopes.length > 0) {
    const missing = firstMissing(principal.scopes, scopes);
    // The contract's error-code table message verbatim; the missing scope travels in `error.scope`.
    if (missing !== undefined) throw new ApiError('insufficient_scope', undefined, { scope: missing });
  }
  return next();
};
