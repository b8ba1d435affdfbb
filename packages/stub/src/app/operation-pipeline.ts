import { compose } from './compose.ts';
import type { Exchange } from './exchange-context.ts';
import { answerErrors } from './steps/answer-errors.ts';
import { authenticateCaller } from './steps/authenticate-caller.ts';
import { chaosDeliveryFault } from './steps/chaos-delivery-fault.ts';
import { chaosEarlyFault } from './steps/chaos-early-fault.ts';
import { chaosSlowFault } from './steps/chaos-slow-fault.ts';
import { checkScopes } from './steps/check-scopes.ts';
import { idempotency } from './steps/idempotency.ts';
import { precheckBody } from './steps/precheck-body.ts';
import { rateLimit } from './steps/rate-limit.ts';
import { readBody } from './steps/read-body.ts';
import { recordUsage } from './steps/record-usage.ts';
import { runHandler } from './steps/run-handler.ts';
import { validateParameters } from './steps/validate-parameters.ts';

/**
 * One contract operation, step by step. The order is the contract's order of refusals: a chaos
 * fault, then 401, 429, 403, 404 for impossible ids, 400, 415, 413, 400 for the body; then the
 * handler under the idempotency rules. Errors thrown by any step are answered in the envelope
 * (the handler's by its own step, so their answers are kept for replays too), and every answer
 * is recorded in the usage log.
 */
export const runOperation = compose<Exchange>([
  recordUsage,
  answerErrors,
  chaosEarlyFault,
  authenticateCaller,
  rateLimit,
  checkScopes,
  validateParameters,
  readBody,
  precheckBody,
  idempotency,
  chaosDeliveryFault,
  chaosSlowFault,
  runHandler,
]);
