/**
 * @module Reading a conformance report in the end-to-end tests: the failures as sorted
 * `check × operationId` lines, and the results worth printing beside a failed assertion.
 */
import { type Report, type TestcaseStatus, testcaseName } from '../../src/index.ts';

/** The failed results as sorted `check × operationId` (`check/rule × operationId` for a rule). */
export function failed(report: Report): string[] {
  return report.results
    .filter((r) => r.status === 'failed')
    .map((r) => `${testcaseName(r)} × ${r.operationId}`)
    .sort();
}

/** The results with one of `statuses`, one line each with its failures or reason (an assertion's message). */
export function describeResults(report: Report, statuses: readonly TestcaseStatus[]): string {
  return report.results
    .filter((r) => statuses.includes(r.status))
    .map(
      (r) =>
        `${r.status} ${testcaseName(r)} × ${r.operationId}: ${r.failures.map((f) => f.message).join(' | ') || r.reason}`,
    )
    .join('\n');
}
