/**
 * @module The checks that send their own requests once per run: the security probes (before
 * and after clean-up) and the semantic scenarios.
 */
import type { Check, SecurityCheckDefinition } from '../checks/api.ts';
import { probeOperation } from '../support/probe-operation.ts';
import { ruleOf } from '../support/rule.ts';
import { requiredScopes } from '../support/scopes.ts';
import type { SemanticSettings } from '../support/settings.ts';
import { skip } from '../support/verdict.ts';
import type { RunContext } from './context.ts';

/** Runs the selected security probes of one stage (`last`: after clean-up). */
export async function runSecurityProbes(
  ctx: RunContext,
  stage: SecurityCheckDefinition['stage'],
): Promise<void> {
  for (const check of ctx.registry.inPhase('security')) {
    if (check.stage !== stage || !ctx.settings.checks.has(check.name)) continue;
    await ctx.recorder.clock.timed(check.name, () => check.run(ctx));
    fileUnreachedRules(ctx, check);
  }
}

/**
 * A declared rule the check never recorded (it stopped at an earlier step) is reported skipped
 * with why the check stopped, on its declared operation when that one is selected.
 */
function fileUnreachedRules(ctx: RunContext, check: Check): void {
  const why = ctx.recorder.reasonsOf(check.name)[0];
  for (const [rule, declared] of Object.entries(check.rules ?? {})) {
    const id = ruleOf(check.name, rule);
    const op =
      declared.operation === 'probe'
        ? probeOperation(ctx)
        : ctx.spec.operations.find((o) => o.operationId === declared.operation);
    if (!op || !ctx.judges(id, op) || ctx.recorder.has(id)) continue;
    ctx.recorder.record(
      id,
      op,
      skip(
        `not reached: ${why === undefined ? `${check.name} ended before this rule` : `an earlier step: ${why}`}`,
      ),
    );
  }
}

/** Runs the selected scenarios; an exception in one is recorded as its error, the others still run. */
export async function runScenarios(ctx: RunContext, settings: SemanticSettings): Promise<void> {
  for (const check of ctx.registry.inPhase('scenario')) {
    if (!ctx.settings.checks.has(check.name)) continue;
    const reportsOn: readonly string[] =
      check.operations === 'scoped'
        ? ctx.spec.operations.filter((op) => requiredScopes(ctx, op).length > 0).map((op) => op.operationId)
        : typeof check.operations === 'function'
          ? check.operations(ctx)
          : check.operations;
    if (!reportsOn.some((id) => ctx.settings.selected.has(id))) continue;
    try {
      await ctx.recorder.clock.timed(check.name, () => check.run(ctx, settings));
    } catch (error) {
      if (error instanceof Error && error.name === 'SafetyError') throw error;
      const anchor = ctx.spec.operations.find((o) => ctx.settings.selected.has(o.operationId));
      if (anchor)
        ctx.recorder.error(
          check.name,
          anchor,
          `${check.name} stopped: ${error instanceof Error ? error.message : String(error)}`,
        );
    }
    fileUnreachedRules(ctx, check);
  }
}
