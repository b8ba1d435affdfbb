/** @module The machine-readable report: the whole result, versioned, for CI and scripts. */
import type { DiffResult } from '../diff.ts';

/** Bumped when a field changes meaning or goes away. */
export const JSON_REPORT_VERSION = 1;

/** Renders the result as JSON (`{ version, counts, changes, findings }`). */
export function formatJson(result: DiffResult): string {
  const { counts, changes, findings } = result;
  return `${JSON.stringify({ version: JSON_REPORT_VERSION, counts, changes, findings }, null, 2)}\n`;
}
