/**
 * @module Sends requests one at a time and honours rate limits: requests are paced to the
 * tiers the run was given, and a 429 is waited out (Retry-After, RFC 9110 §10.2.3; RFC 6585
 * §4) and retried instead of being judged — as long as the budget it spent lifts within
 * `--max-retry-wait`. Every wait worth noticing is announced.
 */
import { type BudgetLedger, budgetOf, type ClosedBudget } from './rate-limit-budgets.ts';
import { retryDelayMs } from './retry-after.ts';
import { type Connections, send } from './send.ts';
import { credentialOf, type TierPacer } from './tier-pacer.ts';
import type { HttpOutcome, PreparedRequest } from './types.ts';

/** Waits longer than this are announced: a run must never sit silent for long. */
export const ANNOUNCED_WAIT_MS = 5000;

/** After a wait this long, idle keep-alive sockets may have been closed by the server. */
const IDLE_SOCKET_RISK_MS = 1000;

/** How patient the client is with a rate-limited server. */
export interface RetryPolicy {
  /** Retries of one request after 429 responses. */
  readonly maxRetries: number;
  /** Longest total wait for one budget to lift (`--max-retry-wait`). */
  readonly maxWaitMs: number;
  /** Wait when a 429 names no delay at all. */
  readonly fallbackWaitMs: number;
}

/** What the client tells the run about rate limits. */
export type RateLimitNotice =
  | {
      readonly kind: 'wait';
      /** What the wait is for (`POST /api/auth/login to be admitted again`). */
      readonly waitingFor: string;
      /** Why (`429 from POST /api/auth/login, Retry-After 20 s`). */
      readonly why: string;
      readonly ms: number;
    }
  | {
      readonly kind: 'gave-up';
      /** Why the budget is closed (`429 from POST /api/auth/login, Retry-After 900 s`). */
      readonly why: string;
      /** In how many ms the server says the budget lifts. */
      readonly liftsInMs: number;
      readonly allowanceMs: number;
    };

/** What became of one request. */
export type SentRequest =
  | {
      readonly kind: 'answered';
      readonly outcome: HttpOutcome;
      /** The 429 responses that preceded the answer (they are judged too). */
      readonly rateLimited: readonly HttpOutcome[];
    }
  | {
      /** Not answered but 429 (or not sent): its budget will not lift within the allowance. */
      readonly kind: 'rate-limited';
      readonly rateLimited: readonly HttpOutcome[];
      readonly reason: string;
    };

/** The waiting function; injectable so tests can observe the waits. */
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/** Sends with pacing and rate-limit retries. */
export class RateLimitedClient {
  /** Every wait for a 429, in ms, in order (for the report and for tests). */
  readonly waits: number[] = [];
  requests = 0;
  /** Told about waits over {@link ANNOUNCED_WAIT_MS} and budgets given up on. */
  onNotice: ((notice: RateLimitNotice) => void) | undefined;
  private readonly announced = new Set<ClosedBudget>();
  /** The budget that left nothing more to judge, once one has. */
  stoppedBy: ClosedBudget | undefined;

  constructor(
    private readonly connections: Connections,
    private readonly timeoutMs: number,
    /** Read by senders that share the run's patience (the security probes' own connections). */
    readonly policy: RetryPolicy,
    readonly budgets: BudgetLedger,
    private readonly pacer: TierPacer | undefined,
    readonly sleep: Sleep = realSleep,
  ) {}

  /** Sends `request`; `route` (`POST /api/auth/login`) names the budget a 429 of its own spent. */
  async send(request: PreparedRequest, route: string): Promise<SentRequest> {
    const rateLimited: HttpOutcome[] = [];
    const waitedFor = new Set<string>();
    const scope = { route, credential: credentialOf(request) };
    for (let attempt = 0; ; attempt++) {
      const hopeless = this.budgets.hopeless;
      if (hopeless) {
        this.stoppedBy ??= hopeless;
        return this.notJudged(hopeless, rateLimited);
      }
      await this.pace(request, route);
      this.requests++;
      const outcome = await send(request, this.timeoutMs, this.connections);
      if (outcome.kind === 'response') this.pacer?.observe(request, outcome.response);
      if (outcome.kind !== 'response' || outcome.response.status !== 429) {
        if (outcome.kind === 'response') this.budgets.answered(scope, waitedFor);
        return { kind: 'answered', outcome, rateLimited };
      }
      rateLimited.push(outcome);
      const asked = retryDelayMs(outcome.response.headers) ?? this.policy.fallbackWaitMs * 2 ** attempt;
      const why = `429 from ${route}, Retry-After ${seconds(asked)}`;
      if (attempt >= this.policy.maxRetries)
        return { kind: 'rate-limited', rateLimited, reason: `${why}, still 429 after ${attempt} retries` };
      const budget = budgetOf(scope, outcome.response);
      const decision = this.budgets.decide(budget, route, asked, why);
      if (decision !== 'wait') return this.notJudged(decision, rateLimited);
      waitedFor.add(budget);
      this.announce({ kind: 'wait', waitingFor: `${route} to be admitted again`, why, ms: asked });
      this.waits.push(asked);
      await this.wait(asked);
    }
  }

  /** Waits for the pacer's tokens, then spends them. */
  private async pace(request: PreparedRequest, route: string): Promise<void> {
    const delay = this.pacer?.delay(request);
    if (delay) {
      const { tier } = delay;
      this.announce({
        kind: 'wait',
        waitingFor: `a token of the ${tier.name} tier for ${route}`,
        why: `pacing to ${tier.limit} requests per ${tier.windowS} s`,
        ms: delay.ms,
      });
      await this.wait(delay.ms);
    }
    this.pacer?.take(request);
  }

  /** Sleeps; the server may have closed idle connections meanwhile, so they are not reused. */
  private async wait(ms: number): Promise<void> {
    await this.sleep(ms);
    if (ms >= IDLE_SOCKET_RISK_MS) this.connections.dropIdle();
  }

  private notJudged(closed: ClosedBudget, rateLimited: HttpOutcome[]): SentRequest {
    const liftsInMs = Math.max(0, closed.until - Date.now());
    if (!this.announced.has(closed)) {
      this.announced.add(closed);
      this.onNotice?.({
        kind: 'gave-up',
        why: closed.why,
        liftsInMs,
        allowanceMs: this.policy.maxWaitMs,
      });
    }
    return {
      kind: 'rate-limited',
      rateLimited,
      reason: `${closed.why}: does not lift within --max-retry-wait (${seconds(this.policy.maxWaitMs)})`,
    };
  }

  /** Tells the run about a wait if it is long enough to be noticed (senders of their own use it too). */
  announce(notice: RateLimitNotice & { kind: 'wait' }): void {
    if (notice.ms > ANNOUNCED_WAIT_MS) this.onNotice?.(notice);
  }
}
