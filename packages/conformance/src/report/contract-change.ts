/**
 * @module How a report cites the difference between the contract a run checks against and the
 * one the server serves (a `@regen/diff` comparison), and what it explains.
 */

/** How a change affects a client of the checked contract (regen-diff's levels). */
export type ChangeLevel = 'breaking' | 'warning' | 'non-breaking';

/** One change between the checked contract and the server's, as it reaches one operation. */
export interface ContractChange {
  /** regen-diff's rule (`response-property-removed`, …). */
  readonly rule: string;
  readonly level: ChangeLevel;
  /** `METHOD /path` (the server's path when both contracts have the operation). */
  readonly operation: string;
  /** JSON Pointer in the checked contract; null when only the server's has the thing. */
  readonly oldPointer: string | null;
  /** JSON Pointer in the server's contract; null when it no longer has the thing. */
  readonly newPointer: string | null;
  readonly detail: string;
}

/** A change with every operation it reaches (a shared component edited once is one change). */
export interface GroupedContractChange extends Omit<ContractChange, 'operation'> {
  readonly operations: readonly string[];
}

/** Whether the contract changes explain every failure of a failed testcase. */
export type Prediction =
  | { readonly predicted: true; readonly by: readonly ContractChange[] }
  | { readonly predicted: false; readonly by: readonly ContractChange[] };

/** The comparison a run made, or why it could make none. */
export type ContractComparison =
  | {
      readonly available: true;
      /** The contract the run checked against (`--spec`, else the bundled one). */
      readonly checked: string;
      /** Where the server's came from (`BASE_URL/openapi.json`, or `--server-spec`). */
      readonly served: string;
      /** Changes (not findings) per level. */
      readonly counts: Readonly<Record<ChangeLevel, number>>;
      /** Failed testcases whose every failure a change explains, and the others. */
      readonly predictedTestcases: number;
      readonly unexplainedTestcases: number;
      /** Changes with the operations where they explain no failure of this run (not checked, or passed). */
      readonly notExercised: readonly GroupedContractChange[];
    }
  | {
      readonly available: false;
      readonly checked: string;
      readonly served: string;
      /** Why the server's contract could not be read or compared; failures are not attributed. */
      readonly reason: string;
    };
