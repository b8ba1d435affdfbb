import type { Redis } from 'ioredis';
import { randomBase62 } from '../http/request-id.ts';
import { guarded } from '../shared/unavailable.ts';
import { CODE_TTL_MS, type CodeGrant, type CodeStore, type Redeemed } from './authorization-codes.ts';

/**
 * Marks the code used and returns its grant, or (already used) the sessions it opened, in one
 * step. KEYS: the code, its session list. Returns nil (unknown/expired), {'ok', grant} or {'replayed', sessions…}.
 */
const REDEEM = `
local v = redis.call('GET', KEYS[1])
if not v then return false end
local used = redis.call('HGET', KEYS[2], 'used')
if used then
  local out = { 'replayed' }
  for _, s in ipairs(redis.call('LRANGE', KEYS[2] .. ':s', 0, -1)) do out[#out + 1] = s end
  return out
end
redis.call('HSET', KEYS[2], 'used', '1')
redis.call('PEXPIRE', KEYS[2], redis.call('PTTL', KEYS[1]))
return { 'ok', v }
`;

type Call = (...args: unknown[]) => Promise<unknown>;
interface Commands {
  regenRedeemCode: Call;
}

/** Single-use authorization codes in Redis: a code issued by one instance is redeemed once, on any. */
export class RedisCodes implements CodeStore {
  private readonly cmd: Commands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('regenRedeemCode', { numberOfKeys: 2, lua: REDEEM });
    this.cmd = redis as unknown as Commands;
  }

  async issue(grant: Omit<CodeGrant, 'expiresAt'>): Promise<string> {
    const code = `ac_${randomBase62(24)}`;
    const entry: CodeGrant = { ...grant, expiresAt: Date.now() + CODE_TTL_MS };
    await guarded(
      'Redis',
      this.redis.set(`${this.prefix}code:${code}`, JSON.stringify(entry), 'PX', CODE_TTL_MS),
    );
    return code;
  }

  async redeem(code: string): Promise<Redeemed> {
    const key = `${this.prefix}code:${code}`;
    const state = `${this.prefix}code-state:${code}`;
    const reply = (await guarded('Redis', this.cmd.regenRedeemCode(key, state))) as string[] | null;
    if (reply === null) return undefined;
    if (reply[0] === 'replayed') return { kind: 'replayed', sessions: reply.slice(1) };
    const grant = JSON.parse(reply[1] as string) as CodeGrant;
    return {
      kind: 'ok',
      grant,
      bind: async (sessionId) => {
        await guarded(
          'Redis',
          this.redis.multi().rpush(`${state}:s`, sessionId).pexpire(`${state}:s`, CODE_TTL_MS).exec(),
        );
      },
    };
  }
}
