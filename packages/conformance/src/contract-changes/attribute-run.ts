/** @module The comparison step of a run: when it happens, and what it adds to the results. */
import type { ConformanceOptions } from '../options.ts';
import type { ContractComparison } from '../report/contract-change.ts';
import type { TestcaseResult } from '../report/types.ts';
import type { ApiSpec } from '../spec/types.ts';
import { attributeFailures } from './attribute.ts';
import { compareWithServed, type ServedContract, servedSource } from './served-contract.ts';

/**
 * Reads and compares the server's contract when the run checks another version (`spec`) or
 * names the server's (`serverSpec`); `undefined` otherwise, as a plain run compares nothing.
 */
export async function readServedContract(
  options: ConformanceOptions,
  checked: ApiSpec,
): Promise<ServedContract | undefined> {
  if (options.spec === undefined && options.serverSpec === undefined) return undefined;
  return compareWithServed(checked, servedSource(options.baseUrl, options.serverSpec));
}

/** The results with predictions and the report's `contractChanges`, when there was a comparison. */
export function attributeRun(
  results: TestcaseResult[],
  served: ServedContract | undefined,
  checked: ApiSpec,
): { results: TestcaseResult[]; contractChanges?: ContractComparison } {
  if (served === undefined) return { results };
  if (!served.ok)
    return {
      results,
      contractChanges: {
        available: false,
        checked: checked.source,
        served: served.source,
        reason: served.reason,
      },
    };
  const attributed = attributeFailures(
    results,
    served.diff,
    { checked: checked.document, served: served.document },
    { checked: checked.source, served: served.source },
  );
  return { results: attributed.results, contractChanges: attributed.comparison };
}
