import { ApiError } from '../../http/api-error.ts';
import type { Step } from '../compose.ts';
import type { Exchange } from '../exchange-context.ts';

/** Path parameters (404 for impossible ids), then query parameters and headers (400). */
export const validateParameters: Step<Exchange> = (ex, next) => {
  const { validation } = ex.route;
  // An id that cannot exist (wrong prefix or characters) is simply not found.
  if (!validation.checkPath(ex.params).ok) throw new ApiError('not_found', `No resource ${ex.request.path}`);
  const queryCheck = validation.checkQuery(ex.request.rawQuery);
  const headerDetails = validation.checkHeaders(ex.request);
  if (!queryCheck.ok || headerDetails.length > 0) {
    const details = [...(queryCheck.ok ? [] : queryCheck.details), ...headerDetails];
    throw new ApiError('validation_error', undefined, { details });
  }
  ex.query = queryCheck.value;
  return next();
};
