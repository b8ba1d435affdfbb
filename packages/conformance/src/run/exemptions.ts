/**
 * @module Exemptions: failures a target cannot avoid by design (Prism accepts any key value),
 * reported as `exempt` with their reason instead of failing the run.
 *
 * Syntax: `check[/variant-or-rule]:operation`, where operation is an operationId or a glob with `*`
 * (`ignored_auth/invalid-api-key:*`, `use_after_free:delete*`), optionally `=reason`.
 */
import { CHECK_NAMES } from '../checks/registry.ts';
import type { Failure, ReportedCheckName } from '../report/types.ts';

/** One exemption rule. */
export interface Exemption {
  readonly check: ReportedCheckName;
  /** Only failures of this variant (e.g. `invalid-api-key`); all when absent. */
  readonly variant?: string;
  /** operationId glob. */
  readonly operation: string;
  readonly reason: string;
  /** Narrows a built-in exemption to failures it recognises (e.g. answers Prism wrote itself). */
  readonly when?: (failure: Failure) => boolean;
}

/** Parses `check[/variant]:operation[=reason]`; throws on an unknown check. */
export function parseExemption(text: string, known: readonly string[] = CHECK_NAMES): Exemption {
  const [rule = '', ...reasonParts] = text.split('=');
  const colon = rule.indexOf(':');
  const target = colon < 0 ? rule : rule.slice(0, colon);
  const operation = colon < 0 ? '*' : rule.slice(colon + 1) || '*';
  const [check = '', variant] = target.split('/');
  if (!known.includes(check)) {
    throw new Error(`--exempt ${text}: unknown check "${check}" (known: ${known.join(', ')})`);
  }
  const reason = reasonParts.join('=').trim() || 'exempted on the command line';
  return { check, operation, reason, ...(variant ? { variant } : {}) };
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** The exemption that covers a failure, if any. */
export function findExemption(exemptions: readonly Exemption[], failure: Failure): Exemption | undefined {
  return exemptions.find(
    (e) =>
      e.check === failure.check &&
      // `check/x` names a variant of a failure or a rule of the check (`session_lifecycle/replay`).
      (e.variant === undefined || e.variant === failure.variant || e.variant === failure.rule) &&
      glob(e.operation).test(failure.operationId) &&
      (e.when === undefined || e.when(failure)),
  );
}
