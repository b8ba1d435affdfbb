/**
 * @module Everything the runner does to one operation: valid requests (with fresh targets when
 * the operation consumes them), invalid ones, and the auth and header probes.
 */
import type { ResponseCheckDefinition } from '../checks/api.ts';
import type { Case } from '../generate/case.ts';
import { negativeCases } from '../generate/negative.ts';
import { positiveCases } from '../generate/positive.ts';
import { deriveSeed } from '../generate/seed.ts';
import type { Exchange } from '../support/exchange.ts';
import { type OperationPlan, pathIdPrefixes } from '../support/plan.ts';
import { STATE_CONFLICT } from '../support/state-conflict.ts';
import { withTarget } from '../support/targets.ts';
import { fail, notApplicable, skip } from '../support/verdict.ts';
import { afterSuccess } from './after-success.ts';
import type { RunContext } from './context.ts';
import { applyNeeds } from './needs.ts';
import { createTarget } from './targets.ts';

/**
 * The response check that is the verdict on generated requests of `kind` (the check declares
 * it): the engine records under it what it could not send.
 */
function verdictOn(ctx: RunContext, kind: NonNullable<ResponseCheckDefinition['judges']>): string {
  return (
    ctx.registry.inPhase('response').find((c) => c.judges === kind)?.name ?? `${kind} (no check judges them)`
  );
}

/** A live id the operation may target: one the run created, created now if there is none. */
async function ownedTarget(
  ctx: RunContext,
  plan: OperationPlan,
  purpose: string,
): Promise<string | undefined> {
  if (plan.freshTarget) return createTarget(ctx, plan, purpose);
  const [prefix] = pathIdPrefixes(ctx.spec, plan.op);
  const existing = prefix ? ctx.pool.ids(prefix, true)[0] : undefined;
  return existing ?? createTarget(ctx, plan, purpose);
}

/** Whether the operation's path names a resource that must be the run's own. */
function needsOwnedTarget(ctx: RunContext, plan: OperationPlan): boolean {
  return (
    (plan.ownedTargetsOnly || plan.freshTarget) &&
    plan.creator !== undefined &&
    pathIdPrefixes(ctx.spec, plan.op).length > 0
  );
}

/** Whether every valid request so far met a state conflict (and none was accepted). */
function onlyConflicts(ctx: RunContext, plan: OperationPlan): boolean {
  const tally = ctx.recorder.tally(verdictOn(ctx, 'valid-requests'), plan.op);
  return tally.passes === 0 && tally.failures === 0 && tally.skips.some((s) => s.startsWith(STATE_CONFLICT));
}

/**
 * Why the server holds no data a valid request could name (no approved commission for a payout),
 * `undefined` when it does: then refusals are about that data, and the operation is not judged.
 */
function missingPrecondition(ctx: RunContext, plan: OperationPlan): string | undefined {
  const missing = Object.entries(plan.idFilters).filter(
    ([prefix, filter]) => ctx.pool.ids(prefix, false, filter).length === 0,
  );
  if (missing.length === 0) return undefined;
  return `precondition data missing: the server lists no ${missing.map(([prefix]) => `${prefix}_`).join(', ')} resource in the state ${plan.op.operationId} needs (see "What the runner assumes")`;
}

async function positivePhase(ctx: RunContext, plan: OperationPlan): Promise<Case | undefined> {
  const { op } = plan;
  const acceptance = verdictOn(ctx, 'valid-requests');
  const seed = deriveSeed(ctx.settings.seed, op.operationId, 'positive');
  // Recorded first, so it is the reason shown when nothing is accepted (skipped, never failed).
  const precondition = missingPrecondition(ctx, plan);
  if (precondition && ctx.judges(acceptance, op)) ctx.recorder.record(acceptance, op, skip(precondition));
  if (needsOwnedTarget(ctx, plan) && !plan.freshTarget) await ownedTarget(ctx, plan, 'positive');
  const cases = positiveCases(op, ctx.generator(op), ctx.settings.maxExamples, seed);
  if (cases.length === 0) {
    ctx.recorder.record(
      acceptance,
      op,
      skip('no valid request could be generated (no ids of the resources it needs?)'),
    );
    return undefined;
  }
  let last = await sendPositives(ctx, plan, cases, seed);
  if (onlyConflicts(ctx, plan) && ctx.judges(acceptance, op)) {
    // A fair chance before concluding "accepts nothing": documented examples may collide with
    // existing data (a SKU), so one more round leans on them, one avoids them.
    const n = ctx.settings.maxExamples;
    const more = [
      ...positiveCases(op, ctx.generator(op), n + 1, seed + 11, 6).slice(1),
      ...positiveCases(op, ctx.generator(op), n + 1, seed + 13, 0).slice(1),
    ];
    for (const extra of more) {
      last = (await sendPositives(ctx, plan, [extra], seed)) ?? last;
      if (!onlyConflicts(ctx, plan)) break;
    }
  }
  concludeAcceptance(ctx, plan, last);
  return cases[0];
}

async function sendPositives(
  ctx: RunContext,
  plan: OperationPlan,
  cases: readonly Case[],
  seed: number,
): Promise<Exchange | undefined> {
  const { op } = plan;
  const acceptance = verdictOn(ctx, 'valid-requests');
  let last: Exchange | undefined;
  for (const generated of cases) {
    let testCase = generated;
    if (needsOwnedTarget(ctx, plan) && plan.freshTarget) {
      const id = await createTarget(ctx, plan, 'positive');
      if (!id) {
        ctx.recorder.error(acceptance, op, `could not create a resource for ${op.operationId} to act on`);
        continue;
      }
      testCase = withTarget(ctx, op, testCase, id);
    }
    const prepared = await applyNeeds(ctx, plan, testCase);
    const sent = await ctx.send(
      op,
      prepared.testCase,
      prepared.unjudgeable ? 'exploratory' : 'positive',
      seed,
    );
    if (!sent.ok) {
      if (ctx.judges(acceptance, op)) ctx.recorder.error(acceptance, op, sent.reason);
      continue;
    }
    if (prepared.unjudgeable && ctx.judges(acceptance, op))
      ctx.recorder.record(acceptance, op, skip(prepared.unjudgeable));
    last = sent.exchange;
    await afterSuccess(ctx, sent.exchange);
  }
  return last;
}

/** An operation that accepted none of its valid requests fails, even if each refusal looked like state. */
function concludeAcceptance(ctx: RunContext, plan: OperationPlan, last: Exchange | undefined): void {
  const { op } = plan;
  const acceptance = verdictOn(ctx, 'valid-requests');
  if (!ctx.judges(acceptance, op)) return;
  const conflicts = ctx.recorder.tally(acceptance, op).skips.filter((s) => s.startsWith(STATE_CONFLICT));
  if (onlyConflicts(ctx, plan) && !missingPrecondition(ctx, plan)) {
    ctx.recorder.record(
      acceptance,
      op,
      fail(
        `No valid request was accepted: all ${conflicts.length} met ${[...new Set(conflicts)].join(', ')}`,
      ),
      last,
    );
  }
}

/** A valid request to mutate or probe: aimed at the run's own resource when it must be. */
async function baseCase(ctx: RunContext, plan: OperationPlan, first: Case): Promise<Case | undefined> {
  let base = first;
  if (needsOwnedTarget(ctx, plan)) {
    const id = await ownedTarget(ctx, plan, 'base');
    if (!id) return undefined;
    base = withTarget(ctx, plan.op, base, id);
  }
  return (await applyNeeds(ctx, plan, base)).testCase;
}

async function negativePhase(ctx: RunContext, plan: OperationPlan, base: Case): Promise<void> {
  const { op } = plan;
  const seed = deriveSeed(ctx.settings.seed, op.operationId, 'negative');
  const rejection = verdictOn(ctx, 'invalid-requests');
  const cases = negativeCases(op, ctx.generator(op), base, ctx.settings.maxExamples, seed);
  if (cases.length === 0 && ctx.judges(rejection, op)) {
    ctx.recorder.record(
      rejection,
      op,
      notApplicable("nothing in this operation's input can be made invalid"),
    );
  }
  for (const testCase of cases) {
    const sent = await ctx.send(op, testCase, 'negative', seed);
    if (!sent.ok && ctx.judges(rejection, op)) ctx.recorder.error(rejection, op, sent.reason);
  }
}

/** Runs every phase for one operation. */
export async function runOperation(ctx: RunContext, plan: OperationPlan): Promise<void> {
  const first = await positivePhase(ctx, plan);
  if (!first) return;
  const base = await baseCase(ctx, plan, first);
  const probes = ctx.registry.inPhase('operation');
  if (!base) {
    for (const check of [verdictOn(ctx, 'invalid-requests'), ...probes.map((c) => c.name)]) {
      if (ctx.judges(check, plan.op))
        ctx.recorder.error(check, plan.op, 'could not create a resource of its own to act on');
    }
    return;
  }
  // Invalid requests are judged by the response checks (the rejection check is one of them).
  if (ctx.responseChecks.length > 0) await negativePhase(ctx, plan, base);
  for (const probe of probes) await probe.run(ctx, plan, base);
}
