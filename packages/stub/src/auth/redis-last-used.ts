import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.ts';
import type { LastUsedPort } from './api-key-registry.ts';

/** Sets a key's last use, never lowering it. */
const MAX_HSET = `
local v = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > v then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
`;

/** Keys remembered per instance before the throttle map is pruned. */
const MAX_REMEMBERED = 10_000;

/**
 * The last use of each API key, shared by the instances: a hash `<prefix>key-last-used`
 * (`keyId → epoch ms`). Each instance writes a key's use at most once per second (the contract
 * shows `lastUsedAt` to the second), without waiting for Redis.
 */
export class SharedLastUsed implements LastUsedPort {
  readonly key: string;
  /** The second of the last use written, per key. */
  private readonly written = new Map<string, number>();
  private warned = false;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly logger: Logger,
  ) {
    this.key = `${prefix}key-last-used`;
    redis.defineCommand('regenMaxHset', { numberOfKeys: 1, lua: MAX_HSET });
  }

  record(keyId: string, atMs: number): void {
    const second = Math.floor(atMs / 1000);
    if (this.written.get(keyId) === second) return;
    if (this.written.size >= MAX_REMEMBERED) this.written.clear();
    this.written.set(keyId, second);
    (this.redis as unknown as { regenMaxHset: (...a: unknown[]) => Promise<unknown> })
      .regenMaxHset(this.key, keyId, atMs)
      .then(
        () => {
          this.warned = false;
        },
        (error: Error) => {
          // A use in a later second writes it again; meanwhile views show this instance's value.
          if (!this.warned) this.logger.warn('could not record an API key use', { error: error.message });
          this.warned = true;
        },
      );
  }

  async read(keyIds: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    if (keyIds.length === 0) return found;
    const values = await this.redis.hmget(this.key, ...keyIds);
    values.forEach((value, i) => {
      if (value !== null) found.set(keyIds[i] as string, Number(value));
    });
    return found;
  }
}
