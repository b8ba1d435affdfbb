/**
 * @module Sends requests one at a time and honours rate limits: a 429 is waited out
 * (Retry-After, RFC 9110 §10.2.3; RFC 6585 §4) and retried instead of being judged.
 */
import { retryDelayMs } from './retry-after.ts';
import { type Connections, send } from './send.ts';
import type { HttpOutcome, PreparedRequest } from './types.ts';

/** How patient the client is with a rate-limited server. */
export interface RetryPolicy {
  /** Retries of one request after 429 responses. */
  readonly maxRetries: number;
  /** Longest single wait; a longer Retry-After is capped (and the retry may meet another 429). */
  readonly maxWaitMs: number;
  /** Wait when a 429 names no delay at all. */
  readonly fallbackWaitMs: number;
}

/** An outcome, plus the 429 responses that preceded it. */
export interface SentRequest {
  readonly outcome: HttpOutcome;
  readonly rateLimited: readonly HttpOutcome[];
  /** True when the last answer is still a 429: the request could not be judged. */
  readonly exhausted: boolean;
}

/** The waiting function; injectable so tests can observe the waits. */
export type Sleep = (ms: number) => Promise<void>;

const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends with rate-limit retries. */
export class RateLimitedClient {
  /** Every wait, in ms, in order (for the report and for tests). */
  readonly waits: number[] = [];
  requests = 0;

  constructor(
    private readonly connections: Connections,
    private readonly timeoutMs: number,
    /** Read by senders that share the run's patience (the security probes' own connections). */
    readonly policy: RetryPolicy,
    readonly sleep: Sleep = realSleep,
  ) {}

  async send(request: PreparedRequest): Promise<SentRequest> {
    const rateLimited: HttpOutcome[] = [];
    for (let attempt = 0; ; attempt++) {
      this.requests++;
      const outcome = await send(request, this.timeoutMs, this.connections);
      if (outcome.kind !== 'response' || outcome.response.status !== 429) {
        return { outcome, rateLimited, exhausted: false };
      }
      if (attempt >= this.policy.maxRetries) return { outcome, rateLimited, exhausted: true };
      rateLimited.push(outcome);
      const asked = retryDelayMs(outcome.response.headers) ?? this.policy.fallbackWaitMs * 2 ** attempt;
      const wait = Math.min(asked, this.policy.maxWaitMs);
      this.waits.push(wait);
      await this.sleep(wait);
    }
  }
}
