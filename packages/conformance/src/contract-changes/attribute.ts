/**
 * @module Attributes a run's failures to the changes between the contract it checked and the
 * server's: each failure gets the changes that explain it, each failed testcase a prediction,
 * and the changes that explain nothing are listed as not exercised.
 */
import type { ContractChange, ContractComparison, GroupedContractChange } from '../report/contract-change.ts';
import type { TestcaseResult } from '../report/types.ts';
import type { JsonObject } from '../spec/types.ts';
import { explainFailure, type LocatedChange } from './explain-failure.ts';
import { operationIds } from './operation-ids.ts';

/** A comparison of the two contracts (the shape of `@regen/diff`'s `DiffResult`). */
export interface ContractDiff {
  readonly findings: readonly ContractChange[];
  readonly changes: readonly GroupedContractChange[];
  readonly counts: Readonly<Record<ContractChange['level'], number>>;
}

function changeKey(c: Omit<ContractChange, 'operation'>): string {
  return `${c.rule} ${c.oldPointer} ${c.newPointer} ${c.detail}`;
}

/**
 * The findings (a change on one operation) that explain no failure, grouped by change as
 * regen-diff groups them: a change that explained failures on one operation is still listed for
 * the operations where it explained none (the run did not check them, or they passed).
 */
function notExercised(diff: ContractDiff, exercised: ReadonlySet<ContractChange>): GroupedContractChange[] {
  const left = new Map<string, string[]>();
  for (const f of diff.findings)
    if (!exercised.has(f)) left.set(changeKey(f), [...(left.get(changeKey(f)) ?? []), f.operation]);
  return diff.changes.flatMap((c) => {
    const operations = left.get(changeKey(c));
    return operations === undefined ? [] : [{ ...c, operations }];
  });
}

/** The run's results with predictions, and the comparison's summary for the report. */
export function attributeFailures(
  results: readonly TestcaseResult[],
  diff: ContractDiff,
  documents: { readonly checked: JsonObject; readonly served: JsonObject },
  sources: { readonly checked: string; readonly served: string },
): { results: TestcaseResult[]; comparison: ContractComparison } {
  const checkedIds = operationIds(documents.checked);
  const servedIds = operationIds(documents.served);
  const located: LocatedChange[] = diff.findings.map((change) => ({
    change,
    // regen-diff names an operation by the server's path when both have it, else the checked one.
    operationId: servedIds.get(change.operation) ?? checkedIds.get(change.operation),
    path: change.operation.slice(change.operation.indexOf(' ') + 1),
  }));
  const exercised = new Set<ContractChange>();
  let predictedTestcases = 0;
  let unexplainedTestcases = 0;
  const attributed = results.map((r): TestcaseResult => {
    if (r.status !== 'failed') return r;
    const failures = r.failures.map((f) => {
      if (f.exemption !== undefined) return f;
      const predictedBy = explainFailure(f, r, located, documents);
      for (const c of predictedBy) exercised.add(c);
      return { ...f, predictedBy };
    });
    const real = failures.filter((f) => f.exemption === undefined);
    const predicted = real.length > 0 && real.every((f) => (f.predictedBy?.length ?? 0) > 0);
    if (predicted) predictedTestcases++;
    else unexplainedTestcases++;
    const by = [...new Set(real.flatMap((f) => f.predictedBy ?? []))];
    return { ...r, failures, prediction: { predicted, by } };
  });
  return {
    results: attributed,
    comparison: {
      available: true,
      checked: sources.checked,
      served: sources.served,
      counts: diff.counts,
      predictedTestcases,
      unexplainedTestcases,
      notExercised: notExercised(diff, exercised),
    },
  };
}
