/**
 * @module Paces requests to the server's tiers: one token bucket per tier and credential (the
 * contract's limits are per key), filled at the tier's sustainable rate. A run spends its burst
 * and then sends as fast as the tiers allow, instead of meeting a 429 and waiting out a whole
 * window again and again. The server's `X-RateLimit-Remaining` lowers a bucket that an earlier
 * run (or another client with the same key) already drew on.
 */
import type { HttpResponse, PreparedRequest } from './types.ts';

/** A tier as the pacer reads it (the run's `--rate-limits`, parsed). */
export interface Tier {
  readonly name: string;
  readonly limit: number;
  readonly windowS: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** The server said this bucket is empty until then (epoch ms): its windows may be fixed, not sliding. */
  emptyUntil: number;
}

/** Margin past a reset the server names in whole seconds, so the next request does not arrive early. */
const RESET_MARGIN_MS = 100;

/** How long a request must wait for its tokens, and the tier that holds it up. */
export interface PacingDelay {
  readonly ms: number;
  readonly tier: Tier;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether requests of `method` draw on `tier` (writes only on `write`; `auth` counts failed sign-ins, unknowable in advance). */
function drawsOn(tier: Tier, method: string): boolean {
  if (tier.limit <= 0 || tier.name === 'auth') return false;
  return tier.name === 'write' ? !READS.has(method) : true;
}

/** The credential a request is counted against (tiers are per key); requests without one share a bucket. */
export function credentialOf(request: PreparedRequest): string {
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'x-api-key' || lower === 'authorization') return value;
  }
  return '';
}

/** Token buckets of the given tiers, per credential. */
export class TierPacer {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly tiers: readonly Tier[],
    /** Epoch ms: the server's resets are Unix times. */
    private readonly now: () => number = Date.now,
  ) {}

  /** The wait before `request` may be sent, or `undefined` when every tier has a token for it. */
  delay(request: PreparedRequest): PacingDelay | undefined {
    let longest: PacingDelay | undefined;
    for (const tier of this.tiers) {
      if (!drawsOn(tier, request.method)) continue;
      const bucket = this.bucket(tier, credentialOf(request));
      const refill = bucket.tokens >= 1 ? 0 : ((1 - bucket.tokens) * tier.windowS * 1000) / tier.limit;
      const ms = Math.ceil(Math.max(refill, bucket.emptyUntil - bucket.at));
      if (ms > 0 && (!longest || ms > longest.ms)) longest = { ms, tier };
    }
    return longest;
  }

  /** Spends one token of every tier `request` draws on. */
  take(request: PreparedRequest): void {
    for (const tier of this.tiers) {
      if (drawsOn(tier, request.method)) this.bucket(tier, credentialOf(request)).tokens -= 1;
    }
  }

  /**
   * Lowers the bucket the response's `X-RateLimit-*` headers describe to what the server says is
   * left; an empty one stays empty until the server's `X-RateLimit-Reset`.
   */
  observe(request: PreparedRequest, response: HttpResponse): void {
    const limit = Number(response.headers['x-ratelimit-limit']);
    const remaining = Number(response.headers['x-ratelimit-remaining']);
    const reset = Number(response.headers['x-ratelimit-reset']);
    if (!Number.isFinite(limit) || !Number.isFinite(remaining)) return;
    for (const tier of this.tiers) {
      if (tier.limit !== limit || !drawsOn(tier, request.method)) continue;
      const bucket = this.bucket(tier, credentialOf(request));
      bucket.tokens = Math.min(bucket.tokens, remaining);
      if (remaining <= 0 && Number.isFinite(reset)) bucket.emptyUntil = reset * 1000 + RESET_MARGIN_MS;
    }
  }

  /** The bucket of `tier` for `credential`, refilled up to now. */
  private bucket(tier: Tier, credential: string): Bucket {
    const key = `${tier.name}\u0000${credential}`;
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: tier.limit, at: now, emptyUntil: 0 };
    bucket.tokens = Math.min(
      tier.limit,
      bucket.tokens + ((now - bucket.at) * tier.limit) / (tier.windowS * 1000),
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    return bucket;
  }
}
