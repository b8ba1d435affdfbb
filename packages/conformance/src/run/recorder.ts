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
import { splitCheckId } from '../support/rule.ts';
import type { Verdict } from '../support/verdict.ts';
import { type Exemption, findExemption } from './exemptions.ts';
import { TestcaseClock } from './testcase-time.ts';

const MAX_FAILURES = 10;
const MAX_BODY = 4000;

interface Accumulator {
  /** What checks record under: a check's name, or `check/rule` (support/rule.ts). */
  readonly id: string;
  readonly check: string;
  readonly rule: string | undefined;
  readonly op: OperationSpec;
  passes: number;
  readonly failures: Failure[];
  failureCount: number;
  readonly skips: string[];
  /** Skips saying the rule has nothing to judge here; the others mean "could not verify". */
  notApplicable: number;
  readonly errors: string[];
  /** Why requests went unjudged: their rate-limit budget did not lift in time. */
  readonly rateLimited: string[];
}

function keyOf(id: string, op: OperationSpec): string {
  return `${id}\u0000${op.operationId}`;
}

/** How one testcase ended, and why when it did not pass. */
function statusOf(e: Accumulator, failures: readonly Failure[]): { status: TestcaseStatus; reason?: string } {
  if (failures.some((f) => f.exemption === undefined)) return { status: 'failed' };
  if (failures.length > 0) return { status: 'exempt' };
  if (e.errors[0] !== undefined) return { status: 'error', reason: e.errors[0] };
  // Even with some requests judged: a testcase that left some unjudged never passes.
  if (e.rateLimited[0] !== undefined) return { status: 'skipped', reason: e.rateLimited[0] };
  // A rule is one claim: a part of it that could not be verified is not outweighed by the parts that passed.
  const unverified = e.skips.length > e.notApplicable;
  if (e.passes > 0 && !(e.rule !== undefined && unverified)) return { status: 'passed' };
  return { status: 'skipped', reason: e.skips[0] ?? 'nothing to check for this operation' };
}

/** Whether a skipped testcase is a rule left unverified rather than one with nothing to judge. */
function isUnverified(e: Accumulator, status: TestcaseStatus): boolean {
  if (status !== 'skipped') return false;
  return e.rateLimited.length > 0 || e.skips.length > e.notApplicable;
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

  /** Records one verdict of `check` (or `check/rule`) about `op`, with the exchange it is about. */
  record(check: string, op: OperationSpec, verdict: Verdict, exchange?: Exchange): void {
    const entry = this.entry(check, op);
    if (exchange) this.clock.judged(keyOf(check, op), exchange);
    if (verdict.outcome === 'pass') entry.passes++;
    else if (verdict.outcome === 'skip') {
      entry.skips.push(verdict.reason);
      if (verdict.notApplicable) entry.notApplicable++;
    } else {
      entry.failureCount++;
      const message = this.redactor.redact(verdict.message);
      if (entry.failures.length < MAX_FAILURES && !entry.failures.some((f) => f.message === message)) {
        const failure = this.failure(entry, message, verdict.variant, exchange);
        entry.failures.push(verdict.locations ? { ...failure, locations: verdict.locations } : failure);
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

  /** Whether anything was recorded for `check` (or `check/rule`), on any operation. */
  has(check: string): boolean {
    return [...this.entries.values()].some((e) => e.id === check);
  }

  /** The reasons `check`'s testcases (any rule, any operation) did not pass, first first. */
  reasonsOf(check: string): string[] {
    return [...this.entries.values()]
      .filter((e) => e.check === check)
      .flatMap((e) => [...e.errors, ...e.rateLimited, ...e.failures.map((f) => f.message), ...e.skips]);
  }

  /**
   * One result per check (or rule) × operation, with exemptions applied. `strict`: a rule that
   * applies but could not be verified fails instead of being skipped (`--strict`).
   */
  results(exemptions: readonly Exemption[], strict = false): TestcaseResult[] {
    const durations = this.clock.durations((check) =>
      [...this.entries.values()].filter((e) => e.check === check).map((e) => keyOf(e.id, e.op)),
    );
    return [...this.entries.values()].map((e) => {
      let failures: Failure[] = e.failures.map((f) => {
        const exemption = findExemption(exemptions, f);
        return exemption ? { ...f, exemption: exemption.reason } : f;
      });
      let { status, reason } = statusOf(e, failures);
      const unverified = isUnverified(e, status);
      if (strict && unverified) {
        failures = [this.failure(e, `not verified, and --strict: ${reason ?? ''}`, 'unverified')];
        status = 'failed';
      }
      return {
        check: e.check,
        ...(e.rule !== undefined ? { rule: e.rule } : {}),
        operationId: e.op.operationId,
        method: e.op.method,
        path: e.op.path,
        status,
        checked: e.passes + e.failureCount,
        failures,
        ...(reason !== undefined ? { reason } : {}),
        ...(unverified ? { unverified: true as const } : {}),
        // Rounded down, so that the testcases' times never add up to more than the run's.
        durationMs: Math.floor(durations.get(keyOf(e.id, e.op)) ?? 0),
      };
    });
  }

  private entry(check: string, op: OperationSpec): Accumulator {
    const key = keyOf(check, op);
    let entry = this.entries.get(key);
    if (!entry) {
      const { check: base, rule } = splitCheckId(check);
      entry = {
        id: check,
        check: base,
        rule,
        op,
        passes: 0,
        failures: [],
        failureCount: 0,
        skips: [],
        notApplicable: 0,
        errors: [],
        rateLimited: [],
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private failure(
    e: Accumulator,
    message: string,
    variant: string | undefined,
    exchange?: Exchange,
  ): Failure {
    // The run seed, not the derived one: `--seed` with it regenerates the same request.
    const seed = this.seed;
    const named = {
      check: e.check,
      ...(e.rule !== undefined ? { rule: e.rule } : {}),
      operationId: e.op.operationId,
      message,
      seed,
      ...(variant ? { variant } : {}),
    };
    if (!exchange) return named;
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
      ...named,
      ...(exchange.testCase ? { case: exchange.testCase.description } : {}),
      request,
      response,
      curl: toCurl(exchange.request, r.list()),
    };
  }
}
