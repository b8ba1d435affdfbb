/**
 * @module The checks that send their own requests once per run: the security probes (before
 * and after clean-up) and the semantic scenarios.
 */
import type { SecurityCheckDefinition } from '../checks/api.ts';
import { requiredScopes } from '../support/scopes.ts';
import type { SemanticSettings } from '../support/settings.ts';
import type { RunContext } from './context.ts';

/** Runs the selected security probes of one stage (`last`: after clean-up). */
export async function runSecurityProbes(
  ctx: RunContext,
  stage: SecurityCheckDefinition['stage'],
): Promise<void> {
  for (const check of ctx.registry.inPhase('security')) {
    if (check.stage !== stage || !ctx.settings.checks.has(check.name)) continue;
    await ctx.recorder.clock.timed(check.name, () => check.run(ctx));
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
  }
}
