/** @module The human summary printed at the end of a run. */
import { SUITES } from '../checks/registry.ts';
import { contractChangeLines, predictionLine } from './prediction-lines.ts';
import { type Report, type TestcaseResult, testcaseName } from './types.ts';

const STATUSES = ['passed', 'failed', 'error', 'exempt', 'skipped'] as const;

function row(label: string, cases: readonly TestcaseResult[]): string {
  const cells = STATUSES.map((s) => String(cases.filter((c) => c.status === s).length).padStart(7));
  return `${label.padEnd(30)} ${cells.join(' ')}`;
}

/** Counts per check, and under a check with rules one row per rule, so no rule's skip hides in a total. */
function table(report: Report): string[] {
  const lines = [`${'check'.padEnd(30)} ${STATUSES.map((s) => s.padStart(7)).join(' ')}`];
  for (const check of report.checks) {
    const cases = report.results.filter((r) => r.check === check);
    if (cases.length === 0) continue;
    lines.push(row(check, cases));
    const rules = [...new Set(cases.flatMap((c) => (c.rule === undefined ? [] : [c.rule])))];
    for (const rule of rules)
      lines.push(
        row(
          `  /${rule}`,
          cases.filter((c) => c.rule === rule),
        ),
      );
  }
  return lines;
}

const MARK: Readonly<Record<TestcaseResult['status'], string>> = {
  passed: '✔',
  failed: '✘',
  error: '!',
  exempt: '~',
  skipped: '–',
};

/** The semantic checks' verdicts, one line per check × operation, with why when not passed. */
function semanticVerdicts(report: Report): string[] {
  const semantic: readonly string[] = SUITES.semantics;
  const results = report.results.filter((r) => semantic.includes(r.check));
  if (results.length === 0) return [];
  const order = (r: TestcaseResult) => report.checks.indexOf(r.check);
  return [
    '',
    'semantic checks:',
    ...[...results]
      .sort((a, b) => order(a) - order(b))
      .map(
        (r) =>
          `  ${MARK[r.status]} ${testcaseName(r)} × ${r.operationId}: ${r.status}${r.status === 'failed' ? ` (${r.failures.length})` : r.reason ? ` — ${r.reason}` : ''}`,
      ),
  ];
}

function rerun(report: Report, r: TestcaseResult): string {
  return `${report.rerunCommand} --operations ${r.operationId} --checks ${r.check}`;
}

/** The console summary: failures with how to reproduce them, then counts per check. */
export function toConsoleReport(report: Report): string {
  const out: string[] = [];
  if (report.fatal) out.push(`✘ run stopped: ${report.fatal}`, '');
  for (const r of report.results.filter((x) => x.status === 'failed')) {
    out.push(`✘ ${testcaseName(r)} × ${r.operationId} (${r.method} ${r.path})`);
    for (const f of r.failures.filter((x) => !x.exemption)) {
      out.push(`    ${f.message}`);
      if (f.case) out.push(`    case: ${f.case}`);
      out.push(`    seed: ${f.seed}`);
      if (f.curl) out.push(`    reproduce: ${f.curl}`);
      const prediction = predictionLine(f);
      if (prediction) out.push(`    ${prediction}`);
    }
    out.push(`    rerun: ${rerun(report, r)}`, '');
  }
  for (const r of report.results.filter((x) => x.status === 'error')) {
    out.push(`! ${testcaseName(r)} × ${r.operationId}: could not judge: ${r.reason ?? ''}`);
  }
  const exempt = report.results.filter((x) => x.status === 'exempt');
  if (exempt.length > 0) {
    out.push('', `${exempt.length} exempt (profile ${report.profile ?? 'none'} / --exempt):`);
    const reasons = new Map<string, string[]>();
    for (const r of exempt) {
      const reason = r.failures[0]?.exemption ?? '';
      reasons.set(reason, [...(reasons.get(reason) ?? []), `${testcaseName(r)} × ${r.operationId}`]);
    }
    for (const [reason, which] of reasons)
      out.push(
        `  - ${reason}: ${which.length} (${which.slice(0, 4).join(', ')}${which.length > 4 ? ', …' : ''})`,
      );
  }
  out.push(...semanticVerdicts(report));
  out.push(...contractChangeLines(report));
  const s = report.summary;
  out.push('', ...table(report), '');
  out.push(
    `${s.total} testcases: ${s.passed} passed, ${s.failed} failed, ${s.errors} errors, ${s.exempt} exempt, ${s.skipped} skipped — ${s.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s, seed ${report.seed}, run id ${report.runId}`,
  );
  if (s.rateLimitWaitMs > 0)
    out.push(`waited ${(s.rateLimitWaitMs / 1000).toFixed(1)} s for rate limits (Retry-After)`);
  return `${out.join('\n')}\n`;
}
