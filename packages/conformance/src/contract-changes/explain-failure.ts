/** @module The contract changes that explain one failure (explaining-rules.ts says which may). */
import type { ContractChange } from '../report/contract-change.ts';
import type { Failure, TestcaseResult } from '../report/types.ts';
import type { JsonObject } from '../spec/types.ts';
import { EXPLANATIONS, type Explanation, OPERATION_GONE } from './explaining-rules.ts';
import { type Places, placesOf } from './places.ts';
import { touchesRequest } from './request-parts.ts';

/** The checked contract and the server's. */
export interface Documents {
  readonly checked: JsonObject;
  readonly served: JsonObject;
}

/** A change, with the operationId it reaches in either contract (undefined when neither names one). */
export interface LocatedChange {
  readonly change: ContractChange;
  readonly operationId: string | undefined;
  /** The path of `change.operation`. */
  readonly path: string;
}

/** `#/a/b` and `/a/b` alike. */
function bare(pointer: string | null): string | undefined {
  return pointer === null ? undefined : pointer.replace(/^#/, '');
}

/** A change at the place, on the side (checked or server's contract) each of its pointers is from. */
function atPlace(c: ContractChange, places: Places): boolean {
  const old = bare(c.oldPointer);
  const now = bare(c.newPointer);
  return (old !== undefined && places.old.has(old)) || (now !== undefined && places.new.has(now));
}

/** Whether a `responses` key (`409`, `4XX`, `default`) covers `status`. */
function coversStatus(key: string, status: number): boolean {
  if (key === 'default') return true;
  if (/^[1-5]XX$/i.test(key)) return key[0] === String(status)[0];
  return key === String(status);
}

/** The `responses` key a pointer ends in (`…/responses/409` → `409`). */
function responseKey(pointer: string | null): string | undefined {
  const match = /\/responses\/([^/]+)$/.exec(pointer ?? '');
  return match?.[1];
}

function matches(
  explanation: Explanation,
  failure: Failure,
  testcase: TestcaseResult,
  located: LocatedChange,
  documents: Documents,
): readonly ContractChange[] | undefined {
  const { change } = located;
  if (!explanation.rules.includes(change.rule)) return undefined;
  if (explanation.by === 'path') return located.path === testcase.path ? [change] : undefined;
  if (located.operationId !== testcase.operationId) return undefined;
  if (explanation.by === 'status') {
    const key = responseKey(change.newPointer);
    const status = failure.response?.status;
    return key !== undefined && status !== undefined && coversStatus(key, status) ? [change] : undefined;
  }
  if (explanation.by === 'request')
    return touchesRequest(change, failure.request, documents) ? [change] : undefined;
  return [change];
}

/**
 * The changes that explain `failure` of `testcase`; empty when none does. With `locations`
 * matching, every rule the failure found broken must sit where a change is (the same pointer, on
 * the side it belongs to): a failure that is partly a contract change and partly something else
 * is not explained.
 */
export function explainFailure(
  failure: Failure,
  testcase: TestcaseResult,
  changes: readonly LocatedChange[],
  documents: Documents,
): ContractChange[] {
  const onOperation = changes.filter((l) => l.operationId === testcase.operationId);
  const gone = onOperation.filter((l) => OPERATION_GONE.includes(l.change.rule)).map((l) => l.change);
  if (gone.length > 0) return gone;
  const explanation = EXPLANATIONS[testcase.check];
  if (explanation === undefined) return [];
  const candidates = changes.flatMap((l) => matches(explanation, failure, testcase, l, documents) ?? []);
  if (explanation.by !== 'locations') return candidates;
  const locations = failure.locations ?? [];
  if (locations.length === 0) return [];
  const explaining = locations.map((location) => {
    const places = placesOf(location, documents);
    return candidates.filter((c) => atPlace(c, places));
  });
  return explaining.every((list) => list.length > 0) ? [...new Set(explaining.flat())] : [];
}
