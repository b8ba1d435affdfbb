/** @module Bookkeeping and stateful checks after a request succeeds: creates, deletes. */
import type { Exchange } from '../support/exchange.ts';
import { resourceId } from '../support/linked-requests.ts';
import type { RunContext } from './context.ts';

/** Records created and deleted resources, then runs the stateful checks that follow them. */
export async function afterSuccess(ctx: RunContext, exchange: Exchange): Promise<void> {
  const op = exchange.operation;
  const { status } = exchange.response;
  if (!op || status < 200 || status >= 300) return;
  const plan = ctx.plan(op);
  if (plan?.kind === 'create') {
    const id = resourceId(exchange.json);
    if (id) ctx.pool.own(id);
  } else if (plan?.kind === 'delete') {
    for (const value of Object.values(exchange.testCase?.pathParams ?? {}))
      if (typeof value === 'string') ctx.pool.forget(value);
  } else return;
  const after = plan.kind;
  for (const check of ctx.registry.inPhase('after-success'))
    if (check.after === after) await check.run(ctx, exchange);
}
