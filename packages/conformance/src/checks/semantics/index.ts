/**
 * @module The semantic set (`--suite semantics`): the contract's auth and data semantics
 * a schema cannot state. One check per file; each sends its own scenario once, after the
 * operations and the security probes, before clean-up, and cleans up what it creates.
 */
import type { RunContext } from '../../run/context.ts';
import type { CheckName } from '../types.ts';
import { idempotency } from './idempotency.ts';
import { keyLifecycle } from './key-lifecycle.ts';
import { oauthSemantics } from './oauth-semantics.ts';
import { paginationConsistency } from './pagination-consistency.ts';
import { rateLimitEnforcement } from './rate-limit-enforcement.ts';
import { rateLimitHeaders } from './rate-limit-headers.ts';
import { rotationGrace } from './rotation-grace.ts';
import { requiredScopes, scopeEnforcement } from './scope-enforcement.ts';
import { sessionLifecycle } from './session-lifecycle.ts';
import { DEFAULT_SEMANTIC_SETTINGS, type SemanticCheck, type SemanticSettings } from './support.ts';
import { tenantIsolation } from './tenant-isolation.ts';
import { webhookDelivery } from './webhook-delivery.ts';

export {
  DEFAULT_SEMANTIC_SETTINGS,
  idempotency,
  keyLifecycle,
  oauthSemantics,
  paginationConsistency,
  rateLimitEnforcement,
  rateLimitHeaders,
  rotationGrace,
  type SemanticCheck,
  type SemanticSettings,
  scopeEnforcement,
  sessionLifecycle,
  tenantIsolation,
  webhookDelivery,
};

/** The checks, in run order (pagination before the others add keys; webhooks wait longest). */
export const SEMANTIC_CHECKS: readonly SemanticCheck[] = [
  paginationConsistency,
  keyLifecycle,
  rotationGrace,
  scopeEnforcement,
  rateLimitHeaders,
  rateLimitEnforcement,
  idempotency,
  sessionLifecycle,
  oauthSemantics,
  webhookDelivery,
  // Last: it lists another account's (or mode's) data; no later check should draw on those ids.
  tenantIsolation,
];

/** Every check of the set. */
export const SEMANTIC_CHECK_NAMES: readonly CheckName[] = SEMANTIC_CHECKS.map((c) => c.name);

/** Runs the selected semantic checks; an exception in one is recorded as its error, the others still run. */
export async function runSemanticChecks(ctx: RunContext, settings: SemanticSettings): Promise<void> {
  for (const check of SEMANTIC_CHECKS) {
    if (!ctx.settings.checks.has(check.name)) continue;
    const reportsOn =
      check.operations === 'scoped'
        ? ctx.spec.operations.filter((op) => requiredScopes(ctx, op).length > 0).map((op) => op.operationId)
        : typeof check.operations === 'function'
          ? check.operations(ctx)
          : check.operations;
    if (!reportsOn.some((id) => ctx.settings.selected.has(id))) continue;
    try {
      await check.run(ctx, settings);
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
