/**
 * @module Which report goes to which file: each `--report-file` belongs to the `--report` before
 * it on the command line, so `--report json --report-file a.json --report junit --report-file b.xml`
 * writes both where asked.
 */

/** The report formats the CLI writes. */
export type ReportKind = 'junit' | 'json';

/** One report to write. */
export interface ReportTarget {
  readonly kind: ReportKind;
  readonly file: string;
}

/** Where a report goes when no `--report-file` follows its `--report`. */
export const DEFAULT_REPORT_FILES: Readonly<Record<ReportKind, string>> = {
  junit: 'regen-conformance.xml',
  json: 'regen-conformance.json',
};

/** The `--report` and `--report-file` options, in command-line order. */
export interface ReportOption {
  readonly name: 'report' | 'report-file';
  readonly value: string;
}

function reportKind(value: string): ReportKind {
  if (value !== 'junit' && value !== 'json')
    throw new Error(`--report must be junit or json, got "${value}"`);
  return value;
}

/** Pairs each `--report-file` with the `--report` before it; throws a usage message otherwise. */
export function reportTargets(options: readonly ReportOption[]): ReportTarget[] {
  const pairs: { kind: ReportKind; file: string | undefined }[] = [];
  for (const option of options) {
    if (option.name === 'report') {
      pairs.push({ kind: reportKind(option.value), file: undefined });
      continue;
    }
    const last = pairs.at(-1);
    if (!last)
      throw new Error(`--report-file "${option.value}" must follow the --report it names a file for`);
    if (last.file !== undefined)
      throw new Error(
        `--report ${last.kind} has two --report-file options ("${last.file}", "${option.value}")`,
      );
    last.file = option.value;
  }
  const targets = pairs.map((p) => ({ kind: p.kind, file: p.file ?? DEFAULT_REPORT_FILES[p.kind] }));
  // Two reports into one file would leave only the last: refuse before the run, not after.
  const files = targets.map((t) => t.file);
  const twice = files.find((file, i) => files.indexOf(file) !== i);
  if (twice !== undefined)
    throw new Error(`two reports would be written to "${twice}"; give each its own --report-file`);
  return targets;
}
