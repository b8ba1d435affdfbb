import type { RateLimits } from '../config/rate-limits.ts';
import type { MaybePromise } from '../shared/types.ts';
import type { RateDecision } from './limiter.ts';

/** Rate limiting as the pipeline uses it: in memory (synchronous) or on Redis. */
export interface RateLimiterPort {
  /**
   * `limits`: the plan of the caller's account (the default plan when absent). `partition`: the
   * caller's data partition, whose published data version shared storage reads in the same trip.
   */
  consume(
    identity: string,
    isWrite: boolean,
    limits?: RateLimits,
    partition?: string,
  ): MaybePromise<RateDecision>;
  peek(identity: string, isWrite: boolean, limits?: RateLimits): MaybePromise<RateDecision>;
}
