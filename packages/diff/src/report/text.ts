/** @module The terminal report: one line per change, then the operations it reaches. */
import type { DiffResult } from '../diff.ts';
import { describePointers, summaryLine } from './shared.ts';

const TAG = { breaking: 'BREAKING', warning: 'WARNING ', 'non-breaking': 'ok      ' } as const;

/** Renders the result for a terminal. */
export function formatText(result: DiffResult): string {
  const lines: string[] = [];
  for (const change of result.changes) {
    lines.push(`${TAG[change.level]} ${change.rule}: ${change.detail}`);
    lines.push(`         ${describePointers(change.oldPointer, change.newPointer)}`);
    lines.push(
      `         ${change.operations.length === 1 ? 'operation' : 'operations'}: ${change.operations.join(', ')}`,
    );
  }
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}
