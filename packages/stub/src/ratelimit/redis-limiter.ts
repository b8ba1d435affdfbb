import type { Redis } from 'ioredis';
import type { RateLimits } from '../config/rate-limits.ts';
import { dataVersionKey, GLOBAL_PARTITION } from '../shared/partitions.ts';
import { guarded } from '../shared/unavailable.ts';
import { admission, type Buckets, type RateDecision, refusal } from './limiter.ts';

/**
 * Checks every tier's window and counts the request in all of them only when none is spent,
 * in one atomic script, so N instances sharing Redis admit exactly the limit. It also reads the
 * data version (PostgreSQL mode), saving a round trip per request.
 * KEYS: one counter per tier, then the data-version keys (registry, then the caller's partition
 * when known). ARGV: limits…, windows (ms)…, count (1/0), number of data-version keys.
 * Returns: spent (0/1), counts…, remaining ttls (ms)…, data versions….
 */
const SCRIPT = `
local v = tonumber(ARGV[#ARGV])
local n = #KEYS - v
local counts, ttls = {}, {}
local spent = 0
for i = 1, n do
  local c = tonumber(redis.call('GET', KEYS[i]) or '0')
  local t = redis.call('PTTL', KEYS[i])
  if t < 0 then c = 0; t = tonumber(ARGV[n + i]) end
  counts[i] = c; ttls[i] = t
  if c >= tonumber(ARGV[i]) then spent = 1 end
end
if spent == 0 and ARGV[2 * n + 1] == '1' then
  for i = 1, n do
    local c = redis.call('INCR', KEYS[i])
    if c == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[n + i]) end
    counts[i] = c
  end
end
local out = { spent }
for i = 1, n do out[#out + 1] = counts[i] end
for i = 1, n do out[#out + 1] = ttls[i] end
for i = n + 1, #KEYS do out[#out + 1] = tonumber(redis.call('GET', KEYS[i]) or '0') end
return out
`;

/** The rate limiter on Redis: the same decisions as {@link RateLimiter}, exact across instances. */
export class RedisRateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly limits: RateLimits,
  ) {
    redis.defineCommand('regenRate', { lua: SCRIPT });
  }

  consume(
    identity: string,
    isWrite: boolean,
    limits: RateLimits = this.limits,
    partition?: string,
  ): Promise<RateDecision> {
    return this.decide(identity, isWrite, true, limits, partition);
  }

  peek(identity: string, isWrite: boolean, limits: RateLimits = this.limits): Promise<RateDecision> {
    return this.decide(identity, isWrite, false, limits);
  }

  private async decide(
    identity: string,
    isWrite: boolean,
    count: boolean,
    limits: RateLimits,
    partition?: string,
  ): Promise<RateDecision> {
    const { standard, burst, write } = limits;
    const tiers = isWrite ? [standard, burst, write] : [standard, burst];
    const names = isWrite ? ['s', 'b', 'w'] : ['s', 'b'];
    // The window length is part of the key: after a plan change a window of the old length is
    // not read as one of the new (a per-day count against a per-hour limit).
    const keys = names.map((n, i) => `${this.prefix}rl:${n}:${tiers[i]?.windowMs}:${identity}`);
    const versionKeys = [dataVersionKey(this.prefix, GLOBAL_PARTITION)];
    if (partition !== undefined) versionKeys.push(dataVersionKey(this.prefix, partition));
    const args = [
      ...tiers.map((t) => t.limit),
      ...tiers.map((t) => t.windowMs),
      count ? 1 : 0,
      versionKeys.length,
    ];
    const reply = (await guarded(
      'Redis',
      (this.redis as unknown as { regenRate: (...a: unknown[]) => Promise<unknown> }).regenRate(
        keys.length + versionKeys.length,
        ...keys,
        ...versionKeys,
        ...args,
      ),
    )) as number[];
    const now = Date.now();
    const n = keys.length;
    const counter = (i: number) => ({ count: reply[1 + i] ?? 0, resetAt: now + (reply[1 + n + i] ?? 0) });
    const b: Buckets = {
      standard: counter(0),
      burst: counter(1),
      write: isWrite ? counter(2) : { count: 0, resetAt: 0 },
    };
    const versions = {
      dataVersion: reply[1 + 2 * n] ?? 0,
      ...(partition === undefined ? {} : { partitionVersion: reply[2 + 2 * n] ?? 0 }),
    };
    if (reply[0] === 1) return { ...refusal(b, limits, isWrite, now), ...versions };
    return { ...admission(b, limits, isWrite), ...versions };
  }
}
