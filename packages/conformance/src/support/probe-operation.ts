/**
 * @module The probe operation: where the semantic and security checks try whether a credential
 * (a rotated key, a deactivated one, a logged-out token) still works. A server that does not
 * serve `getCurrentUser` must not be judged through it: the probe is `getCurrentUser` when
 * selected, else the cheapest authenticated read among the selected operations (a GET without
 * path parameters that needs a credential), or the one `--probe-operation` names. A 404 from it
 * means the server does not serve it: the check cannot judge — never "still works" nor "refused".
 */
import type { Case } from '../generate/case.ts';
import type { OperationSpec } from '../spec/types.ts';
import type { CheckContext } from './context.ts';
import type { Exchange } from './exchange.ts';
import { call, record } from './probe.ts';
import { requiredScopes } from './scopes.ts';
import { skip, type Verdict } from './verdict.ts';

/** An operation that can serve as the probe: an authenticated GET without path parameters. */
export function canProbe(op: OperationSpec): boolean {
  return op.method === 'GET' && op.auth === 'required' && !op.parameters.some((p) => p.in === 'path');
}

/** Fewer required parameters and scopes first: the cheapest read a narrow key can make. */
function cost(ctx: CheckContext, op: OperationSpec): number {
  return op.parameters.filter((p) => p.required).length * 10 + requiredScopes(ctx, op).length;
}

/**
 * The probe operation: `--probe-operation`, else `getCurrentUser` or the cheapest authenticated
 * read among the selected operations, else (nothing selected fits) among all of the contract's.
 */
export function probeOperation(ctx: CheckContext): OperationSpec | undefined {
  const { probeOperation: forced, selected } = ctx.settings;
  if (forced) return ctx.spec.operations.find((o) => o.operationId === forced);
  const pick = (ops: readonly OperationSpec[]): OperationSpec | undefined =>
    ops.find((o) => o.operationId === 'getCurrentUser') ??
    [...ops].sort((a, b) => cost(ctx, a) - cost(ctx, b))[0];
  const candidates = ctx.spec.operations.filter(canProbe);
  return pick(candidates.filter((o) => selected.has(o.operationId))) ?? pick(candidates);
}

/** The scopes a key needs for the probe to work with it (`base` and the probe's required ones). */
export function probeScopes(ctx: CheckContext, base: readonly string[]): string[] {
  const op = probeOperation(ctx);
  return [...new Set([...base, ...(op ? requiredScopes(ctx, op) : [])])];
}

/**
 * Tries `auth` on the probe operation (`what` names the attempt); errors and "cannot judge" skips
 * are recorded on `on`. `undefined` when there is nothing to judge: no answer, no probe, or a 404.
 */
export async function tryCredential(
  ctx: CheckContext,
  check: string,
  auth: Case['auth'],
  what: string,
  on: OperationSpec,
): Promise<Exchange | undefined> {
  const op = probeOperation(ctx);
  if (!op) {
    record(
      ctx,
      check,
      on,
      skip(`cannot judge (${what}): the contract has no authenticated read to try it on`),
    );
    return undefined;
  }
  const exchange = await call(ctx, check, op, what, { auth }, on);
  if (exchange?.response.status === 404) {
    record(ctx, check, on, probeNotServed(op, what), exchange);
    return undefined;
  }
  return exchange;
}

/**
 * The verdict on an attempt (`what`) the probe operation answered 404: the server does not serve
 * it, so nothing can be concluded — skipped, never passed or failed.
 */
export function probeNotServed(op: OperationSpec, what: string): Verdict {
  return skip(
    `cannot judge (${what}): the probe operation ${op.operationId} answered 404, so the server does not serve it; select one it serves (--operations) or name it with --probe-operation`,
  );
}
