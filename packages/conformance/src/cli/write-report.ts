/** @module Writes the reports the command line asked for. */
import { open } from 'node:fs/promises';
import { toJsonReport } from '../report/json.ts';
import { toJunitReport } from '../report/junit.ts';
import type { Report } from '../report/types.ts';
import type { ReportTarget } from './report-targets.ts';

/**
 * Writes `report` as `target` asks; returns what to tell the user. A JSON report holding kept
 * secrets (`--keep-secrets`) is made readable by its owner only, before a byte is written, even
 * when the file already existed with wider permissions.
 */
export async function writeReport(target: ReportTarget, report: Report): Promise<string> {
  const secret = target.kind === 'json' && report.secrets.kept && report.secrets.obtained.length > 0;
  const file = await open(target.file, 'w', secret ? 0o600 : 0o666);
  try {
    if (secret) await file.chmod(0o600);
    await file.writeFile(target.kind === 'junit' ? toJunitReport(report) : toJsonReport(report));
  } finally {
    await file.close();
  }
  const note = secret
    ? ` (with ${report.secrets.obtained.length} live credentials, --keep-secrets: owner-only, delete it when done)`
    : '';
  return `${target.kind} report written to ${target.file}${note}\n`;
}
