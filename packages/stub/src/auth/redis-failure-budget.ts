import type { Redis } from 'ioredis';
import { guarded } from '../shared/unavailable.ts';
import {
  type Attempt,
  type FailureBudgetPort,
  KNOWN_ADDRESS_MS,
  type Refusal,
  tooManyFailures,
} from './failure-budget.ts';

/**
 * Refuses when the address window is spent, or the account window is spent and the address is not
 * known to the account; else counts the attempt in both windows; atomically.
 * KEYS: address window, [account window, known (address, account) marker]. ARGV: limit, windowMs.
 */
const BEGIN = `
local limit = tonumber(ARGV[1])
local function retryOf(key)
  local t = redis.call('PTTL', key)
  if t < 0 then return tonumber(ARGV[2]) end
  return t
end
local retry = 0
if tonumber(redis.call('GET', KEYS[1]) or '0') >= limit then retry = retryOf(KEYS[1]) end
if #KEYS == 3 and tonumber(redis.call('GET', KEYS[2]) or '0') >= limit
  and redis.call('EXISTS', KEYS[3]) == 0 then
  local t = retryOf(KEYS[2])
  if t > retry then retry = t end
end
if retry > 0 then return retry end
for i = 1, math.min(#KEYS, 2) do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return 0
`;
/**
 * Refunds an attempt that did not fail (never below zero); ARGV[1] > 0 (a success) also marks the
 * address as known to the account for that many milliseconds. KEYS as for BEGIN.
 */
const REFUND = `
for i = 1, math.min(#KEYS, 2) do
  local c = tonumber(redis.call('GET', KEYS[i]) or '0')
  if c > 0 then redis.call('DECR', KEYS[i]) end
end
if #KEYS == 3 and tonumber(ARGV[1]) > 0 then redis.call('SET', KEYS[3], '1', 'PX', ARGV[1]) end
return 1
`;

type Call = (...args: unknown[]) => Promise<unknown>;
interface Commands {
  regenFailBegin: Call;
  regenFailRefund: Call;
}

/**
 * {@link AuthFailureBudget} on Redis: one budget per address and per account across every
 * instance, and the addresses that signed in successfully to an account as keys with a 30-day TTL.
 */
export class RedisFailureBudget implements FailureBudgetPort {
  private readonly cmd: Commands;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    readonly limit: number,
    readonly windowMs: number,
    private readonly knownForMs: number = KNOWN_ADDRESS_MS,
  ) {
    redis.defineCommand('regenFailBegin', { lua: BEGIN });
    redis.defineCommand('regenFailRefund', { lua: REFUND });
    this.cmd = redis as unknown as Commands;
  }

  async begin(address: string, account: string | undefined): Promise<Attempt | Refusal> {
    const keys = [`${this.prefix}af:ip:${address}`];
    if (account !== undefined) {
      const accountKey = account.toLowerCase();
      // An address holds no space, so the marker's name is unambiguous.
      keys.push(`${this.prefix}af:acct:${accountKey}`, `${this.prefix}af:known:${address} ${accountKey}`);
    }
    const retryMs = Number(
      await guarded('Redis', this.cmd.regenFailBegin(keys.length, ...keys, this.limit, this.windowMs)),
    );
    if (retryMs > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) };
    let settled = false;
    const refund = async (knownForMs: number) => {
      if (settled) return;
      settled = true;
      await guarded('Redis', this.cmd.regenFailRefund(keys.length, ...keys, knownForMs));
    };
    return { succeeded: () => refund(this.knownForMs), refund: () => refund(0) };
  }

  async beginOrThrow(address: string, account: string | undefined): Promise<Attempt> {
    const attempt = await this.begin(address, account);
    if ('retryAfterSeconds' in attempt) throw tooManyFailures(attempt);
    return attempt;
  }
}
