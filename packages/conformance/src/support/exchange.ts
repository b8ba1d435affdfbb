/** @module One request to the server and its response, as checks see it. */
import type { Case } from '../generate/case.ts';
import type { HttpResponse, PreparedRequest } from '../http/types.ts';
import type { Json, OperationSpec } from '../spec/types.ts';

/**
 * Why a request was sent. `exploratory` requests are schema-valid but cannot be semantically
 * valid (a login with generated credentials): all checks but positive_data_acceptance judge them.
 */
export type Phase = 'setup' | 'fixture' | 'positive' | 'exploratory' | 'negative' | 'probe' | 'stateful';

/** One request to the server and its response, as checks see it. */
export interface Exchange {
  /** The documented operation the request targets, if any (not for undocumented methods). */
  readonly operation: OperationSpec | undefined;
  readonly phase: Phase;
  readonly testCase: Case | undefined;
  readonly request: PreparedRequest;
  readonly response: HttpResponse;
  /** The parsed body when it is JSON; `undefined` when absent or not JSON. */
  readonly json: Json | undefined;
  /** Why the body is not JSON although the response says it is. */
  readonly jsonError: string | undefined;
  /** The seed the request was generated with. */
  readonly seed: number;
}
