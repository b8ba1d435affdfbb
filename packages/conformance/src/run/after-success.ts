/** @module Bookkeeping and stateful checks after a request succeeds: creates, deletes. */
import { ensureResourceAvailability } from '../checks/ensure-resource-availability.ts';
import type { Exchange } from '../checks/types.ts';
import { useAfterFree } from '../checks/use-after-free.ts';
import type { RunContext } from './context.ts';
import { resourceId } from './linked-requests.ts';

/** Records created and deleted resources, then runs the stateful checks that follow them. */
export async function afterSuccess(ctx: RunContext, exchange: Exchange): Promise<void> {
  const op = exchange.operation;
  const { status } = exchange.response;
  if (!op || status < 200 || status >= 300) return;
  const plan = ctx.plan(op);
  if (plan?.kind === 'create') {
    const id = resourceId(exchange.json);
    if (id) ctx.pool.own(id);
    await ensureResourceAvailability(ctx, exchange);
  } else if (plan?.kind === 'delete') {
    for (const value of Object.values(exchange.testCase?.pathParams ?? {}))
      if (typeof value === 'string') ctx.pool.forget(value);
    await useAfterFree(ctx, exchange);
  }
}
