/** @module The report of a run, as the JSON report serialises it. */
import type { CheckName } from '../checks/registry.ts';
import type { FailureLocation } from '../support/verdict.ts';
import type { ContractChange, ContractComparison, Prediction } from './contract-change.ts';
import type { ReportSecrets } from './secrets.ts';

/** Outcome of one check on one operation. */
/** A built-in check's name, or that of a check loaded with `checkModules` (`--check-module`). */
export type ReportedCheckName = CheckName | (string & {});

export type TestcaseStatus = 'passed' | 'failed' | 'skipped' | 'exempt' | 'error';

/** A request as recorded (credentials replaced by `$REGEN_…` placeholders). */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** A response as recorded (body cut to a few kB). */
export interface RecordedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One failed expectation, with what it takes to reproduce it. */
export interface Failure {
  readonly check: ReportedCheckName;
  /** The rule of the check the failure is about (`replay` of session_lifecycle), when it has rules. */
  readonly rule?: string;
  readonly operationId: string;
  readonly message: string;
  readonly variant?: string;
  /** The seed that generated the request; rerun with `--seed` to get it again. */
  readonly seed: number;
  /** What the request was ("positive: generated #2", "negative: body /items: …"). */
  readonly case?: string;
  readonly request?: RecordedRequest;
  readonly response?: RecordedResponse;
  /** A curl command reproducing the request; credentials read from environment variables. */
  readonly curl?: string;
  /** Set when an exemption covers this failure: its reason. */
  readonly exemption?: string;
  /**
   * Where the checked contract states the rules found broken (response_schema_conformance: each
   * violated keyword, or the property it names), so a contract change there can be matched to it.
   */
  readonly locations?: readonly FailureLocation[];
  /**
   * Set when the run compared the checked contract with the server's (`--spec`, `--server-spec`):
   * the contract changes that explain this failure; empty when none does (likely a server defect).
   */
  readonly predictedBy?: readonly ContractChange[];
}

/** One check × operation, or one rule of a check × operation (`session_lifecycle/replay`). */
export interface TestcaseResult {
  readonly check: ReportedCheckName;
  /** Set when the testcase is one rule of the check (see `testcaseName`). */
  readonly rule?: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly status: TestcaseStatus;
  /** Requests this check judged (pass or fail). */
  readonly checked: number;
  /** Failures, de-duplicated by message (the first few of each). */
  readonly failures: readonly Failure[];
  /** Why the testcase was skipped or errored. */
  readonly reason?: string;
  /**
   * Set on a testcase whose rule applies but could not be verified (a missing option, a wait
   * over its bound, a rate limit): skipped, or failed under `--strict`. A rule with nothing to
   * judge on the operation is skipped without it.
   */
  readonly unverified?: true;
  /**
   * Time spent on the testcase: its share of the requests it judged (a request judged by five
   * testcases gives each a fifth), or, for a check that sends its own requests, its share of that
   * check's wall time. Testcases' times add up to at most the run's `durationMs`.
   */
  readonly durationMs: number;
  /**
   * On a failed testcase of a run that compared contracts: whether contract changes explain
   * every one of its failures (`predicted`), and which.
   */
  readonly prediction?: Prediction;
}

/** Counts of testcases by status. */
export interface Summary {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly exempt: number;
  readonly errors: number;
  readonly requests: number;
  /** Total time spent waiting out 429 responses. */
  readonly rateLimitWaitMs: number;
  /** Times the run's session was refreshed or renewed (login runs). */
  readonly sessionRenewals: number;
}

/** Everything a run found. */
export interface Report {
  readonly tool: { readonly name: string; readonly version: string };
  readonly baseUrl: string;
  readonly spec: { readonly title: string; readonly version: string; readonly source: string };
  readonly seed: number;
  /** The run id that scoped its `Idempotency-Key`s and generated names (`--run-id` resends them). */
  readonly runId: string;
  readonly maxExamples: number;
  readonly profile: string | undefined;
  readonly checks: readonly ReportedCheckName[];
  readonly startedAt: string;
  readonly durationMs: number;
  /**
   * The command that reruns this run (same seed and options), credentials written as shell
   * variables (`"$REGEN_API_KEY"`); add `--operations` and `--checks` to rerun one testcase.
   */
  readonly rerunCommand: string;
  readonly summary: Summary;
  readonly results: readonly TestcaseResult[];
  /** The credentials the run obtained (created keys, issued tokens): masked unless `keepSecrets`. */
  readonly secrets: ReportSecrets;
  /**
   * The checked contract against the one the server serves (`--spec`, `--server-spec`): what
   * differs, how many failures it explains, and the changes no failure exercised.
   */
  readonly contractChanges?: ContractComparison;
  /** Problems that stopped the run early (server unreachable, login refused). */
  readonly fatal?: string;
  /** The exit code the CLI uses: 0 all passed, 1 failures, 2 could not run or judge. */
  readonly exitCode: 0 | 1 | 2;
}

/** How reports name a testcase's check: `session_lifecycle/replay` for a rule, else the check. */
export function testcaseName(r: { readonly check: string; readonly rule?: string }): string {
  return r.rule === undefined ? r.check : `${r.check}/${r.rule}`;
}
