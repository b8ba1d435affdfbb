import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { guarded } from '../shared/unavailable.ts';
import { type IdempotencyOutcome, type IdempotencyPort, type StoredResponse, TTL_MS } from './store.ts';

/** An in-flight marker outlives a crashed instance by at most this long (then the key is free again). */
const IN_FLIGHT_TTL_MS = 60_000;

/** Claims the key (SET NX) or returns what is stored, atomically. */
const BEGIN = `
local v = redis.call('GET', KEYS[1])
if v then return v end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`;
/** Stores the response, only if this attempt still owns the key. */
const COMPLETE = `
local v = redis.call('GET', KEYS[1])
if not v or cjson.decode(v).owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`;
/** Frees the key, only if this attempt owns it and has not completed. */
const ABANDON = `
local v = redis.call('GET', KEYS[1])
if not v then return 0 end
local e = cjson.decode(v)
if e.owner ~= ARGV[1] or e.response then return 0 end
redis.call('DEL', KEYS[1])
return 1
`;

interface Entry {
  readonly fp: string;
  readonly owner: string;
  readonly response?: StoredResponse;
}

type Call = (...args: unknown[]) => Promise<unknown>;
interface Commands {
  regenIdemBegin: Call;
  regenIdemComplete: Call;
  regenIdemAbandon: Call;
}

/**
 * Idempotency keys in Redis: the claim is one atomic script, so the same key sent to two
 * instances at the same moment runs the work once; the other sees 409 in flight, then the replay.
 */
export class RedisIdempotencyStore implements IdempotencyPort {
  private readonly cmd: Commands;

  constructor(
    redis: Redis,
    private readonly prefix: string,
  ) {
    redis.defineCommand('regenIdemBegin', { numberOfKeys: 1, lua: BEGIN });
    redis.defineCommand('regenIdemComplete', { numberOfKeys: 1, lua: COMPLETE });
    redis.defineCommand('regenIdemAbandon', { numberOfKeys: 1, lua: ABANDON });
    this.cmd = redis as unknown as Commands;
  }

  async begin(key: string, fingerprint: string): Promise<IdempotencyOutcome> {
    const redisKey = `${this.prefix}idem:${key}`;
    const owner = randomUUID();
    const mine: Entry = { fp: fingerprint, owner };
    const found = (await guarded(
      'Redis',
      this.cmd.regenIdemBegin(redisKey, JSON.stringify(mine), IN_FLIGHT_TTL_MS),
    )) as string | null;
    if (found !== null) {
      const entry = JSON.parse(found) as Entry;
      if (entry.fp !== fingerprint) return { kind: 'mismatch' };
      if (entry.response === undefined) return { kind: 'in_flight' };
      return { kind: 'replay', response: entry.response };
    }
    return {
      kind: 'proceed',
      complete: async (response) => {
        const done: Entry = { fp: fingerprint, owner, response };
        await guarded('Redis', this.cmd.regenIdemComplete(redisKey, owner, JSON.stringify(done), TTL_MS));
      },
      abandon: async () => {
        await this.cmd.regenIdemAbandon(redisKey, owner).catch(() => undefined);
      },
    };
  }
}
