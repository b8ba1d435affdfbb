import { compose, type Step } from './compose.ts';
import type { Exchange } from './exchange-context.ts';
import type { OperationRoute } from './route.ts';
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

/** Whether a step can act on an operation at all (chaos mode on or off). */
type Needed = (route: OperationRoute, chaos: boolean) => boolean;

const always: Needed = () => true;
const inChaos: Needed = (_route, chaos) => chaos;

/**
 * One contract operation, step by step. The order is the contract's order of refusals: a chaos
 * fault, then 401, 429, 403, 404 for impossible ids, 400, 415, 413, 400 for the body; then the
 * handler under the idempotency rules. Errors thrown by any step are answered in the envelope
 * (the handler's by its own step, so their answers are kept for replays too), and every answer
 * is recorded in the usage log. Each step says when it can act: a step that would only pass the
 * request on (the chaos steps without chaos mode, the body steps of a GET) is left out of that
 * operation's chain, so a plain GET runs 7 steps instead of 13.
 */
const STEPS: readonly (readonly [Step<Exchange>, Needed])[] = [
  [recordUsage, always],
  [answerErrors, always],
  [chaosEarlyFault, inChaos],
  [authenticateCaller, always],
  [rateLimit, always],
  [checkScopes, (route) => route.op.scopes !== null && route.op.scopes.length > 0],
  [validateParameters, always],
  [readBody, (route) => route.validation.contentTypes.length > 0],
  [precheckBody, (route) => route.precheck !== undefined],
  [idempotency, (route) => route.op.idempotent],
  [chaosDeliveryFault, inChaos],
  [chaosSlowFault, inChaos],
  [runHandler, always],
];

type Pipeline = (ex: Exchange) => ReturnType<Step<Exchange>>;

/** The chains built so far, per route: [without chaos, with chaos]. */
const chains = new WeakMap<OperationRoute, [Pipeline | undefined, Pipeline | undefined]>();

/** The steps of one operation, composed once per route and chaos mode (see {@link STEPS}). */
function chainFor(route: OperationRoute, chaos: boolean): Pipeline {
  let pair = chains.get(route);
  if (pair === undefined) {
    pair = [undefined, undefined];
    chains.set(route, pair);
  }
  const slot = chaos ? 1 : 0;
  const built = pair[slot];
  if (built !== undefined) return built;
  const chain = compose<Exchange>(STEPS.filter(([, needed]) => needed(route, chaos)).map(([step]) => step));
  pair[slot] = chain;
  return chain;
}

/** Runs the request's operation through the steps it needs. */
export const runOperation: Pipeline = (ex) => chainFor(ex.route, ex.deps.chaos !== null)(ex);
