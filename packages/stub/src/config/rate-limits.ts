import { type RateLimitTier, rateLimitTiers } from '../generated/contract-defaults.ts';
import { formatDuration, parseDuration } from './duration.ts';

/** One fixed-window limit: `limit` requests per `windowMs`. */
export interface WindowLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * The three tiers of the contract's "Rate limits" (standard, burst and write operations), and the failed
 * authentication budget shared by the routes that check a password or client secret.
 */
export interface RateLimits {
  readonly standard: WindowLimit;
  readonly burst: WindowLimit;
  readonly write: WindowLimit;
  /** Failed password / client-secret checks per client address and per account. */
  readonly auth: WindowLimit;
}

const fromContract = ({ limit, windowSeconds }: RateLimitTier): WindowLimit => ({
  limit,
  windowMs: windowSeconds * 1000,
});

/**
 * The contract's defaults: its `x-rate-limit-tiers` (100/hour, 10/minute, 50 writes/hour), and the
 * failed-authentication budget of its "Security" (10 per 15 minutes), which it states in prose only.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  standard: fromContract(rateLimitTiers.standard),
  burst: fromContract(rateLimitTiers.burst),
  write: fromContract(rateLimitTiers.write),
  auth: { limit: 10, windowMs: 900_000 },
};

/** Writes limits in the `--rate-limits` syntax: `standard=100/1h,burst=10/1m,write=50/1h,auth=10/15m`. */
export function formatRateLimits(limits: RateLimits): string {
  return (['standard', 'burst', 'write', 'auth'] as const)
    .map((tier) => `${tier}=${limits[tier].limit}/${formatDuration(limits[tier].windowMs)}`)
    .join(',');
}

const TIERS = new Set(['standard', 'burst', 'write', 'auth']);

/**
 * Parses `standard=100/1h,burst=10/1m,write=50/1h` (any subset; missing tiers keep `base`).
 * The window accepts every {@link parseDuration} form; `10/m` is read as `10/1m`.
 */
export function parseRateLimits(input: string, base: RateLimits = DEFAULT_RATE_LIMITS): RateLimits {
  return { ...base, ...parseRateLimitTiers(input) };
}

/** The tiers `input` names (the `--rate-limits` syntax), and only those. */
export function parseRateLimitTiers(input: string): Partial<RateLimits> {
  const out: Record<string, WindowLimit> = {};
  for (const part of input.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^(\w+)\s*=\s*(\d+)\s*\/\s*(\S+)$/.exec(item);
    const tier = match?.[1];
    if (!match || tier === undefined || !TIERS.has(tier)) {
      throw new RangeError(
        `Invalid rate limit "${item}" (use e.g. standard=100/1h,burst=10/1m,write=50/1h,auth=10/15m)`,
      );
    }
    const window = match[3] ?? '';
    const windowMs = parseDuration(/^\d/.test(window) ? window : `1${window}`);
    if (windowMs <= 0) throw new RangeError(`Invalid rate limit window in "${item}"`);
    out[tier] = { limit: Number(match[2]), windowMs };
  }
  return out as Partial<RateLimits>;
}
