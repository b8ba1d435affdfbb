import type { Redis } from 'ioredis';
import { guarded } from '../shared/unavailable.ts';
import { type Attempt, type FailureBudgetPort, type Refusal, tooManyFailures } from './failure-budget.ts';

/** Refuses when a window is spent, else counts the attempt in every window; atomically. ARGV: limit, windowMs. */
const BEGIN = `
local retry = 0
for i = 1, #KEYS do
  local c = tonumber(redis.call('GET', KEYS[i]) or '0')
  if c >= tonumber(ARGV[1]) then
    local t = redis.call('PTTL', KEYS[i])
    if t > retry then retry = t end
  end
end
if retry > 0 then return retry end
for i = 1, #KEYS do
  if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
end
return 0
`;
/** Refunds a succeeded attempt (never below zero). */
const REFUND = `
for i = 1, #KEYS do
  local c = tonumber(redis.call('GET', KEYS[i]) or '0')
  if c > 0 then redis.call('DECR', KEYS[i]) end
end
return 1
`;

type Call = (...args: unknown[]) => Promise<unknown>;
interface Commands {
  regenFailBegin: Call;
  regenFailRefund: Call;
}

/** {@link AuthFailureBudget} on Redis: one budget per address and per account across every instance. */
export class RedisFailureBudget implements FailureBudgetPort {
  private readonly cmd: Commands;

  constructor(
    redis: Redis,
    private readonly prefix: string,
    readonly limit: number,
    readonly windowMs: number,
  ) {
    redis.defineCommand('regenFailBegin', { lua: BEGIN });
    redis.defineCommand('regenFailRefund', { lua: REFUND });
    this.cmd = redis as unknown as Commands;
  }

  async begin(address: string, account: string | undefined): Promise<Attempt | Refusal> {
    const keys = [`${this.prefix}af:ip:${address}`];
    if (account !== undefined) keys.push(`${this.prefix}af:acct:${account.toLowerCase()}`);
    const retryMs = Number(
      await guarded('Redis', this.cmd.regenFailBegin(keys.length, ...keys, this.limit, this.windowMs)),
    );
    if (retryMs > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(retryMs / 1000)) };
    let settled = false;
    return {
      succeeded: async () => {
        if (settled) return;
        settled = true;
        await guarded('Redis', this.cmd.regenFailRefund(keys.length, ...keys));
      },
    };
  }

  async beginOrThrow(address: string, account: string | undefined): Promise<Attempt> {
    const attempt = await this.begin(address, account);
    if ('retryAfterSeconds' in attempt) throw tooManyFailures(attempt);
    return attempt;
  }
}
