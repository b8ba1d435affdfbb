/** @module The pull-request comment (and changeset text): a table per level, one row per change. */

import type { Level } from '../compare/rules.ts';
import type { ChangeSummary, DiffResult } from '../diff.ts';
import { summaryLine } from './shared.ts';

const HEADINGS: Record<Level, string> = {
  breaking: '### Breaking changes',
  warning: '### Warnings',
  'non-breaking': '### Non-breaking changes',
};

/** Renders the result as GitHub-flavoured Markdown. */
export function formatMarkdown(result: DiffResult): string {
  const lines = ['## Contract changes', '', `**${summaryLine(result)}**`];
  for (const level of ['breaking', 'warning', 'non-breaking'] as const) {
    const rows = result.changes.filter((change) => change.level === level);
    if (rows.length === 0) continue;
    lines.push(
      '',
      HEADINGS[level],
      '',
      '| rule | change | old | new | operations |',
      '|---|---|---|---|---|',
    );
    for (const change of rows) lines.push(row(change));
  }
  return `${lines.join('\n')}\n`;
}

/** Operation lists longer than this are folded. */
const FOLD_AFTER = 5;

function row(change: ChangeSummary): string {
  const pointer = (value: string | null) => (value === null ? '—' : `\`#${cell(value)}\``);
  const listed = change.operations.map((operation) => `\`${cell(operation)}\``).join('<br>');
  // A shared component reaches dozens of operations: fold the list so the table stays readable.
  const operations =
    change.operations.length > FOLD_AFTER
      ? `<details><summary>${change.operations.length} operations</summary>${listed}</details>`
      : listed;
  return `| \`${change.rule}\` | ${cell(change.detail)} | ${pointer(change.oldPointer)} | ${pointer(change.newPointer)} | ${operations} |`;
}

/** A table cell cannot hold a pipe or a newline. */
function cell(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}
