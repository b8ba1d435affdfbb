/** @module The JSON report: the {@link Report} object itself, pretty-printed. */
import type { Report } from './types.ts';

/** Serialises a report (credentials are already replaced by `$REGEN_…` placeholders). */
export function toJsonReport(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
