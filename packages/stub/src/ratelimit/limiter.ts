import type { RateLimits, WindowLimit } from '../config/rate-limits.ts';

/** One fixed window. */
export interface Counter {
  count: number;
  resetAt: number;
}

/** The three tiers' windows of one identity. */
export interface Buckets {
  readonly standard: Counter;
  readonly burst: Counter;
  readonly write: Counter;
}

/** The bucket reported in `X-RateLimit-*`, and whether the request was admitted. */
export interface RateDecision {
  readonly allowed: boolean;
  readonly limit: number;
  readonly remaining: number;
  /** Unix seconds when the reported bucket resets. */
  readonly reset: number;
  /** Seconds until the request could succeed (only when refused). */
  readonly retryAfter: number;
  /** With shared storage: the account registry's data version published in Redis, read in the same script. */
  readonly dataVersion?: number;
  /** With shared storage and a caller: the data version of the caller's partition, read likewise. */
  readonly partitionVersion?: number;
}

const SWEEP_THRESHOLD = 10_000;

/**
 * Fixed-window counters per identity for the three tiers of the contract's "Rate limits". Checking and counting
 * happen in one synchronous step, so concurrent requests are admitted exactly up to the limit.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Buckets>();

  /** `limits`: the default tiers (a call may pass its account's plan instead). */
  constructor(
    private readonly limits: RateLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `identity` (writes also count against the write tier) unless a tier is spent. */
  consume(identity: string, isWrite: boolean, limits: RateLimits = this.limits): RateDecision {
    return this.decide(identity, isWrite, true, limits);
  }

  /** Reports the state of `identity` without counting a request. */
  peek(identity: string, isWrite: boolean, limits: RateLimits = this.limits): RateDecision {
    return this.decide(identity, isWrite, false, limits);
  }

  private decide(identity: string, isWrite: boolean, count: boolean, limits: RateLimits): RateDecision {
    const now = this.now();
    const b = this.bucketsOf(identity, now);
    const { standard, burst, write } = limits;
    roll(b.standard, standard, now);
    roll(b.burst, burst, now);
    if (isWrite) roll(b.write, write, now);

    const spent =
      b.standard.count >= standard.limit ||
      b.burst.count >= burst.limit ||
      (isWrite && b.write.count >= write.limit);
    if (spent) return refusal(b, limits, isWrite, now);
    if (count) {
      b.standard.count++;
      b.burst.count++;
      if (isWrite) b.write.count++;
    }
    return admission(b, limits, isWrite);
  }

  private bucketsOf(identity: string, now: number): Buckets {
    let b = this.buckets.get(identity);
    if (!b) {
      if (this.buckets.size >= SWEEP_THRESHOLD) this.sweep(now);
      b = {
        standard: { count: 0, resetAt: 0 },
        burst: { count: 0, resetAt: 0 },
        write: { count: 0, resetAt: 0 },
      };
      this.buckets.set(identity, b);
    }
    return b;
  }

  private sweep(now: number): void {
    for (const [identity, b] of this.buckets) {
      if (b.standard.resetAt <= now && b.burst.resetAt <= now && b.write.resetAt <= now)
        this.buckets.delete(identity);
    }
  }
}

function roll(counter: Counter, limit: WindowLimit, now: number): void {
  if (counter.resetAt <= now) {
    counter.count = 0;
    counter.resetAt = now + limit.windowMs;
  }
}

/** The refusal when a tier of `b` is spent: retry when the last spent tier resets. */
export function refusal(b: Buckets, limits: RateLimits, isWrite: boolean, now: number): RateDecision {
  const { standard, burst, write } = limits;
  let retryAt = 0;
  if (b.standard.count >= standard.limit) retryAt = Math.max(retryAt, b.standard.resetAt);
  if (b.burst.count >= burst.limit) retryAt = Math.max(retryAt, b.burst.resetAt);
  if (isWrite && b.write.count >= write.limit) retryAt = Math.max(retryAt, b.write.resetAt);
  const shown = closest(b, limits, isWrite);
  return {
    allowed: false,
    limit: shown.limit,
    remaining: 0,
    reset: Math.ceil(retryAt / 1000),
    retryAfter: Math.max(1, Math.ceil((retryAt - now) / 1000)),
  };
}

/** The admission, reporting the applicable bucket with the fewest requests left. */
export function admission(b: Buckets, limits: RateLimits, isWrite: boolean): RateDecision {
  const shown = closest(b, limits, isWrite);
  return {
    allowed: true,
    limit: shown.limit,
    remaining: shown.remaining,
    reset: Math.ceil(shown.resetAt / 1000),
    retryAfter: 0,
  };
}

/** The applicable bucket with the fewest requests left (ties: the one resetting last). */
export function closest(
  b: Buckets,
  limits: RateLimits,
  isWrite: boolean,
): { limit: number; remaining: number; resetAt: number } {
  let limit = limits.standard.limit;
  let remaining = Math.max(0, limit - b.standard.count);
  let resetAt = b.standard.resetAt;
  const burstLeft = Math.max(0, limits.burst.limit - b.burst.count);
  if (burstLeft < remaining || (burstLeft === remaining && b.burst.resetAt > resetAt)) {
    limit = limits.burst.limit;
    remaining = burstLeft;
    resetAt = b.burst.resetAt;
  }
  if (isWrite) {
    const writeLeft = Math.max(0, limits.write.limit - b.write.count);
    if (writeLeft < remaining || (writeLeft === remaining && b.write.resetAt > resetAt)) {
      limit = limits.write.limit;
      remaining = writeLeft;
      resetAt = b.write.resetAt;
    }
  }
  return { limit, remaining, resetAt };
}
