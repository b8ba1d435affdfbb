/**
 * @module The last line of the safety rules: a request that would modify the run's own
 * credential, or a resource the run did not create through an operation that may only touch
 * its own, is refused before it leaves (a runner bug, reported loudly, never a silent harm).
 */
import type { Case } from '../generate/case.ts';
import type { Json } from '../spec/types.ts';
import type { OperationPlan } from '../support/plan.ts';
import type { ResourcePool } from '../support/resource-pool.ts';

/** Thrown when the runner is about to break a safety rule. */
export class SafetyError extends Error {
  override readonly name = 'SafetyError';
}

const ID = /^[a-z]+_[A-Za-z0-9]+$/;

function ids(values: Readonly<Record<string, Json>>): string[] {
  return Object.values(values).filter((v): v is string => typeof v === 'string' && ID.test(v));
}

/** Throws a {@link SafetyError} when sending `testCase` through `plan` could harm what the run must keep. */
export function assertSafe(
  plan: OperationPlan | undefined,
  method: string,
  testCase: Case,
  pool: ResourcePool,
): void {
  const writes = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
  const targets = ids(testCase.pathParams);
  if (writes) {
    const guarded = targets.find((id) => pool.isGuarded(id));
    if (guarded) throw new SafetyError(`refusing ${method} on the run's own credential ${guarded}`);
  }
  if (!plan?.ownedTargetsOnly) return;
  const foreign = targets.find((id) => pool.isSeen(id) && !pool.wasOwned(id));
  if (foreign)
    throw new SafetyError(`refusing ${plan.op.operationId} on ${foreign}: the run did not create it`);
  if (plan.kind === 'session' && testCase.auth === 'default' && plan.op.auth !== 'none') {
    throw new SafetyError(`refusing ${plan.op.operationId} with the run's own credential`);
  }
}
