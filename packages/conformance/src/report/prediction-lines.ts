/** @module The lines that say which failures a contract change predicts (console and JUnit). */
import type { ContractChange, GroupedContractChange } from './contract-change.ts';
import type { Failure, Report } from './types.ts';

/**
 * Where a change is: `checked → server's` when the pointers differ (regen-diff points at a
 * removed or added property by its schema on the side that has it, and at the `properties` of
 * the other side), one pointer when they agree or one side has none.
 */
function pointerOf(c: { readonly oldPointer: string | null; readonly newPointer: string | null }): string {
  if (c.oldPointer !== null && c.newPointer !== null && c.oldPointer !== c.newPointer)
    return `${c.oldPointer} → ${c.newPointer}`;
  return c.oldPointer ?? c.newPointer ?? '';
}

/** `rule at METHOD /path /pointer (detail)`. */
export function describeChange(c: ContractChange): string {
  return `${c.rule} at ${c.operation} ${pointerOf(c)} (${c.detail})`;
}

/** The verdict on one failure, or `undefined` when the run compared no contracts. */
export function predictionLine(f: Failure): string | undefined {
  if (f.predictedBy === undefined) return undefined;
  return f.predictedBy.length > 0
    ? `predicted by contract change: ${f.predictedBy.map(describeChange).join('; ')}`
    : 'not explained by any contract change (likely a server defect)';
}

function grouped(c: GroupedContractChange): string {
  const ops =
    c.operations.slice(0, 3).join(', ') + (c.operations.length > 3 ? `, … (${c.operations.length})` : '');
  return `${c.rule} (${c.level}) ${pointerOf(c)}: ${c.detail} — ${ops}`;
}

/** Shown one by one; the rest (additions, documentation) are counted. */
const LISTED = new Set(['breaking', 'warning']);

/** The summary of the comparison, for the end of the console report. */
export function contractChangeLines(report: Report): string[] {
  const cc = report.contractChanges;
  if (cc === undefined) return [];
  const head = `contract changes, ${cc.checked} (checked) → ${cc.served} (the server's):`;
  if (!cc.available) return ['', `${head} not compared: ${cc.reason}; failures are not attributed`];
  const { counts } = cc;
  const lines = [
    '',
    `${head} ${counts.breaking} breaking, ${counts.warning} warning, ${counts['non-breaking']} non-breaking`,
    `  ${cc.predictedTestcases} failed testcase${cc.predictedTestcases === 1 ? '' : 's'} predicted by contract changes, ${cc.unexplainedTestcases} not explained by any (likely server defects)`,
  ];
  if (cc.notExercised.length > 0) {
    const listed = cc.notExercised.filter((c) => LISTED.has(c.level));
    const rest = cc.notExercised.length - listed.length;
    lines.push(`  changes not exercised by this run (${cc.notExercised.length}):`);
    lines.push(...listed.map((c) => `    ${grouped(c)}`));
    if (rest > 0)
      lines.push(`    + ${rest} non-breaking (additions, documentation): the JSON report lists them`);
  }
  const failed = report.results.filter((r) => r.status === 'failed').length;
  if (failed > 0 && report.exitCode === 0)
    lines.push('  every failure is predicted by a contract change: exit 0 (--allow-predicted)');
  return lines;
}
