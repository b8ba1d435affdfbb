/**
 * @module Resources the run creates for operations that may only touch its own: a fresh
 * product to delete, a fresh API key to rotate or deactivate, a deactivated key to activate.
 */
import { positiveCases } from '../generate/positive.ts';
import { deriveSeed } from '../generate/seed.ts';
import { resourceId } from '../support/linked-requests.ts';
import type { OperationPlan } from '../support/plan.ts';
import { withTarget } from '../support/targets.ts';
import { afterSuccess } from './after-success.ts';
import type { RunContext } from './context.ts';

/**
 * Creates a resource through `plan.creator` and applies `plan.prepare`; returns its id, or
 * `undefined` when the server would not create one (then the dependent requests are skipped).
 */
export async function createTarget(
  ctx: RunContext,
  plan: OperationPlan,
  purpose: string,
): Promise<string | undefined> {
  const creator = plan.creator;
  if (!creator) return undefined;
  const seed = deriveSeed(ctx.settings.seed, plan.op.operationId, 'target', purpose, ctx.fixtures++);
  // The documented example is the likeliest valid; but a unique field (a SKU) lets it succeed
  // once, so generated bodies follow, mostly drawn from examples, some not at all.
  const [examples, ...realistic] = positiveCases(creator, ctx.generator(creator), 5, seed, 6);
  const unbiased = positiveCases(creator, ctx.generator(creator), 3, seed + 2, 0).slice(1);
  const candidates = [...(examples ? [examples] : []), ...realistic, ...unbiased];
  for (const candidate of candidates) {
    const sent = await ctx.send(
      creator,
      { ...candidate, description: `fixture for ${plan.op.operationId}` },
      'fixture',
      seed,
    );
    if (!sent.ok || sent.exchange.response.status >= 300) continue;
    const id = resourceId(sent.exchange.json);
    if (!id) return undefined;
    await afterSuccess(ctx, sent.exchange);
    for (const step of plan.prepare) {
      const [base] = positiveCases(step, ctx.generator(step), 1, seed);
      if (!base) return undefined;
      const prepared = await ctx.send(step, withTarget(ctx, step, base, id), 'fixture', seed);
      if (!prepared.ok || prepared.exchange.response.status >= 300) return undefined;
    }
    return id;
  }
  return undefined;
}
