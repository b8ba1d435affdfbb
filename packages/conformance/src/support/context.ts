/**
 * @module What a check sees of a run: an interface, so checks depend on what they use and not
 * on the engine that implements it.
 */
import type { Credential } from '../auth/credential.ts';
import type { Case } from '../generate/case.ts';
import type { CaseGenerator } from '../generate/positive.ts';
import type { RateLimitedClient } from '../http/rate-limited-client.ts';
import type { Redactor } from '../http/redact.ts';
import type { ApiSpec, OperationSpec } from '../spec/types.ts';
import type { SpecValidator } from '../spec/validator.ts';
import type { Exchange, Phase } from './exchange.ts';
import type { OperationPlan } from './plan.ts';
import type { ResourcePool } from './resource-pool.ts';
import type { RunSettings } from './settings.ts';
import type { Verdict } from './verdict.ts';

/** An exchange, or why there is none to judge. */
export type Sent =
  | { readonly ok: true; readonly exchange: Exchange }
  | { readonly ok: false; readonly reason: string };

/** Where verdicts go: one testcase per check × operation. */
export interface CheckRecorder {
  record(check: string, op: OperationSpec, verdict: Verdict, exchange?: Exchange): void;
  /** The check could not judge (no response, no resource to act on). */
  error(check: string, op: OperationSpec, reason: string): void;
  /** What was recorded so far for `check` × `op`. */
  tally(check: string, op: OperationSpec): { passes: number; failures: number; skips: readonly string[] };
}

/** One run as checks see it. */
export interface CheckContext {
  readonly spec: ApiSpec;
  readonly validator: SpecValidator;
  readonly settings: RunSettings;
  /** Counts requests and waits; its `sleep` is the run's (tests observe it). */
  readonly client: RateLimitedClient;
  /** The run's credential, `undefined` when the run has none. */
  readonly credential: Credential | undefined;
  readonly recorder: CheckRecorder;
  /** Secrets to keep out of reports (`add(value, placeholder)`). */
  readonly redactor: Redactor;
  /** Ids the server listed or the run created. */
  readonly pool: ResourcePool;
  /** Told about every exchange (the CLI's `--verbose`). */
  readonly onExchange: ((exchange: Exchange) => void) | undefined;
  /** Whether `check` runs and `op`'s results are recorded. */
  judges(check: string, op: OperationSpec): boolean;
  plan(op: OperationSpec): OperationPlan | undefined;
  /** Case generation for `op`, drawing ids from the pool as the safety rules allow. */
  generator(op: OperationSpec): CaseGenerator;
  /** Authentication headers for a case (`auth: 'default'` is the run's credential). */
  authHeaders(op: OperationSpec | undefined, testCase: Case): Promise<Record<string, string>>;
  /**
   * Sends `testCase` through the run (safety rules, redaction, 429s waited out) and judges the
   * response with every selected response check.
   */
  send(
    op: OperationSpec | undefined,
    testCase: Case,
    phase: Phase,
    seed: number,
    method?: string,
    pathTemplate?: string,
  ): Promise<Sent>;
}
