/**
 * @module The semver bump a contract change requires: major for a
 * breaking change, minor for an addition, a deprecation or a widened response, patch for
 * documentation only.
 */
import type { RuleId } from '../compare/rules.ts';
import type { DiffResult } from '../diff.ts';

/** A semver bump, or none when nothing changed. */
export type Bump = 'major' | 'minor' | 'patch' | 'none';

/** Bumps from the smallest to the largest. */
export const BUMPS: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

/** Rules that change nothing a program can observe: a patch. */
const DOCUMENTATION: ReadonlySet<RuleId> = new Set(['description-changed', 'example-changed']);

/** The bump the changes require, and one line per rule that decided it. */
export function requiredBump(result: DiffResult): { bump: Bump; reasons: string[] } {
  let bump: Bump = 'none';
  const reasons = new Map<string, Bump>();
  for (const change of result.changes) {
    const needed: Bump =
      change.level === 'breaking' ? 'major' : DOCUMENTATION.has(change.rule) ? 'patch' : 'minor';
    if (BUMPS.indexOf(needed) > BUMPS.indexOf(bump)) bump = needed;
    reasons.set(`${needed}: ${change.rule}`, needed);
  }
  const decisive = [...reasons].filter(([, needed]) => needed === bump).map(([line]) => line);
  return { bump, reasons: decisive };
}
