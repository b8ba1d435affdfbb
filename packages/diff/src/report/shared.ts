/** @module Wording shared by the reports. */
import type { DiffResult } from '../diff.ts';

/** `old #/a → new #/b`, with `(absent)` for a side that does not have the thing. */
export function describePointers(oldPointer: string | null, newPointer: string | null): string {
  return `old ${oldPointer === null ? '(absent)' : `#${oldPointer}`} → new ${newPointer === null ? '(absent)' : `#${newPointer}`}`;
}

/** `2 breaking, 1 warning, 5 non-breaking changes (14 findings across operations)`. */
export function summaryLine(result: DiffResult): string {
  const { breaking, warning } = result.counts;
  const rest = result.counts['non-breaking'];
  return `${breaking} breaking, ${warning} ${warning === 1 ? 'warning' : 'warnings'}, ${rest} non-breaking ${
    result.changes.length === 1 ? 'change' : 'changes'
  } (${result.findings.length} ${result.findings.length === 1 ? 'finding' : 'findings'} across operations)`;
}
