/** @module Collects verdicts into one testcase per check × operation. */
import { toCurl } from '../http/curl.ts';
import type { Redactor } from '../http/redact.ts';
import type {
  Failure,
  RecordedRequest,
  RecordedResponse,
  TestcaseResult,
  TestcaseStatus,
} from '../report/types.ts';
import type { OperationSpec } from '../spec/types.ts';
import type { CheckRecorder } from '../support/context.ts';
import type { Exchange } from '../support/exchange.ts';
import { RATE_LIMITED } from '../support/rate-limited.ts';
import type { Verdict } from '../support/verdict.ts';
import { type Exemption, findExemption } from './exemptions.ts';
import { TestcaseClock } from './testcase-time.ts';

const MAX_FAILURES = 10;
const MAX_BODY = 4000;

interface Accumulator {
  readonly check: string;
  readonly op: OperationSpec;
  passes: number;
  readonly failures: Failure[];
  failureCount: number;
  readonly skips: string[];
  readonly errors: string[];
  /** Why requests went unjudged: their rate-limit budget did not lift in time. */
  readonly rateLimited: string[];
}

function keyOf(check: string, op: OperationSpec): string {
  return `${check}\u0000${op.operationId}`;
}

/** Turns exchanges into report entries, keeping credentials out of them. */
export class Recorder implements CheckRecorder {
  private readonly entries = new Map<string, Accumulator>();
  /** Where each testcase's time comes from. */
  readonly clock = new TestcaseClock();

  constructor(
    private readonly redactor: Redactor,
    private readonly seed: number,
  ) {}

  /** Records one verdict of `check` about `op`, with the exchange it is about. */
  record(check: string, op: OperationSpec, verdict: Verdict, exchange?: Exchange): void {
    const entry = this.entry(check, op);
    if (exchange) this.clock.judged(keyOf(check, op), exchange);
    if (verdict.outcome === 'pass') entry.passes++;
    else if (verdict.outcome === 'skip') entry.skips.push(verdict.reason);
    else {
      entry.failureCount++;
      const message = this.redactor.redact(verdict.message);
      if (entry.failures.length < MAX_FAILURES && !entry.failures.some((f) => f.message === message)) {
        entry.failures.push(this.failure(check, op, message, verdict.variant, exchange));
      }
    }
  }

  /**
   * Records that a check could not judge: an error (no response), or — when the reason says the
   * rate limit did not lift in time — a request left unjudged, which makes the testcase skipped.
   */
  error(check: string, op: OperationSpec, reason: string): void {
    const entry = this.entry(check, op);
    const redacted = this.redactor.redact(reason);
    if (reason.startsWith(RATE_LIMITED)) entry.rateLimited.push(redacted);
    else entry.errors.push(redacted);
  }

  /** Verdict counts so far, for checks that conclude over a whole operation. */
  tally(check: string, op: OperationSpec): { passes: number; failures: number; skips: readonly string[] } {
    const entry = this.entries.get(keyOf(check, op));
    return { passes: entry?.passes ?? 0, failures: entry?.failureCount ?? 0, skips: entry?.skips ?? [] };
  }

  /** Ensures a testcase exists even if nothing was recorded (reported as skipped). */
  touch(check: string, op: OperationSpec): void {
    this.entry(check, op);
  }

  /** One result per check × operation, with exemptions applied. */
  results(exemptions: readonly Exemption[]): TestcaseResult[] {
    const durations = this.clock.durations((check) =>
      [...this.entries.values()].filter((e) => e.check === check).map((e) => keyOf(e.check, e.op)),
    );
    return [...this.entries.values()].map((e) => {
      const failures = e.failures.map((f) => {
        const exemption = findExemption(exemptions, f);
        return exemption ? { ...f, exemption: exemption.reason } : f;
      });
      let status: TestcaseStatus;
      let reason: string | undefined;
      if (failures.some((f) => f.exemption === undefined)) status = 'failed';
      else if (failures.length > 0) status = 'exempt';
      else if (e.errors.length > 0) {
        status = 'error';
        reason = e.errors[0];
      } else if (e.rateLimited.length > 0) {
        // Even with some requests judged: a testcase that left some unjudged never passes.
        status = 'skipped';
        reason = e.rateLimited[0];
      } else if (e.passes > 0) status = 'passed';
      else {
        status = 'skipped';
        reason = e.skips[0] ?? 'nothing to check for this operation';
      }
      return {
        check: e.check,
        operationId: e.op.operationId,
        method: e.op.method,
        path: e.op.path,
        status,
        checked: e.passes + e.failureCount,
        failures,
        ...(reason !== undefined ? { reason } : {}),
        // Rounded down, so that the testcases' times never add up to more than the run's.
        durationMs: Math.floor(durations.get(keyOf(e.check, e.op)) ?? 0),
      };
    });
  }

  private entry(check: string, op: OperationSpec): Accumulator {
    const key = keyOf(check, op);
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        check,
        op,
        passes: 0,
        failures: [],
        failureCount: 0,
        skips: [],
        errors: [],
        rateLimited: [],
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private failure(
    check: string,
    op: OperationSpec,
    message: string,
    variant: string | undefined,
    exchange?: Exchange,
  ): Failure {
    // The run seed, not the derived one: `--seed` with it regenerates the same request.
    const seed = this.seed;
    if (!exchange)
      return { check, operationId: op.operationId, message, seed, ...(variant ? { variant } : {}) };
    const r = this.redactor;
    const request: RecordedRequest = {
      method: exchange.request.method,
      url: r.redact(exchange.request.url),
      headers: Object.fromEntries(Object.entries(exchange.request.headers).map(([k, v]) => [k, r.redact(v)])),
      ...(exchange.request.body !== undefined ? { body: r.redact(exchange.request.body) } : {}),
    };
    const response: RecordedResponse = {
      status: exchange.response.status,
      headers: Object.fromEntries(
        Object.entries(exchange.response.headers).map(([k, v]) => [k, r.redact(v)]),
      ),
      body: r.redact(exchange.response.bodyText.slice(0, MAX_BODY)),
    };
    return {
      check,
      operationId: op.operationId,
      message,
      seed,
      ...(variant ? { variant } : {}),
      ...(exchange.testCase ? { case: exchange.testCase.description } : {}),
      request,
      response,
      curl: toCurl(exchange.request, r.list()),
    };
  }
}
