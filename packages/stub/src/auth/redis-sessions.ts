import type { Mode } from '@regen/contract';
import type { Redis } from 'ioredis';
import { guarded } from '../shared/unavailable.ts';
import { newJti, TokenError } from './jwt.ts';
import { newSession, type RefreshSession, type SessionStore } from './refresh-sessions.ts';
import type { DenylistPort } from './token-denylist.ts';

/**
 * Spends refresh token ARGV[1] of the family in KEYS[1], atomically: the current token rotates
 * to ARGV[2]; the token rotated within the leeway (ARGV[4] ms) returns the stored result; any
 * other (a replay) revokes the family. ARGV[3]: now (ms).
 */
const ROTATE = `
local h = redis.call('HMGET', KEYS[1], 'cur', 'revoked', 'exp', 'lastFrom', 'lastAt', 'lastResult')
if not h[1] or h[2] == '1' or tonumber(h[3]) <= tonumber(ARGV[3]) then return {'dead'} end
if h[1] == ARGV[1] then
  redis.call('HSET', KEYS[1], 'cur', ARGV[2], 'lastFrom', ARGV[1], 'lastAt', ARGV[3], 'lastResult', '')
  return {'ok'}
end
if h[4] == ARGV[1] and tonumber(ARGV[3]) - tonumber(h[5]) <= tonumber(ARGV[4]) then
  return {'repeat', h[6]}
end
redis.call('HSET', KEYS[1], 'revoked', '1')
return {'reuse'}
`;

type Call = (...args: unknown[]) => Promise<unknown>;
interface Commands {
  regenRotate: Call;
}
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Refresh-token families in Redis (one hash per family): rotation and reuse detection are one
 * atomic script, so a replay is detected whichever instance sees it.
 */
export class RedisSessions implements SessionStore {
  private readonly cmd: Commands;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly leewayMs: number,
  ) {
    redis.defineCommand('regenRotate', { numberOfKeys: 1, lua: ROTATE });
    this.cmd = redis as unknown as Commands;
  }

  private key(sid: string): string {
    return `${this.prefix}ses:${sid}`;
  }

  async open(
    userId: string,
    clientId: string | null,
    scope: string,
    ttlMs: number,
    mode: Mode,
  ): Promise<RefreshSession> {
    const session = newSession(userId, clientId, scope, ttlMs, mode);
    await this.save(session);
    return session;
  }

  /** Puts a saved family back (a `--data-file` imported into shared storage); expired ones are skipped. */
  async restore(session: RefreshSession): Promise<void> {
    if (session.revoked || session.expiresAt <= Date.now()) return;
    await this.save({ ...session, mode: session.mode ?? 'live' });
  }

  /** Writes a live family, expiring with it. */
  private async save(session: RefreshSession): Promise<void> {
    const key = this.key(session.id);
    await guarded(
      'Redis',
      this.redis
        .multi()
        .hset(key, {
          userId: session.userId,
          clientId: session.clientId ?? '',
          scope: session.scope,
          mode: session.mode,
          cur: session.currentTokenId,
          exp: session.expiresAt,
          revoked: '0',
        })
        .pexpireat(key, session.expiresAt)
        .exec(),
    );
  }

  async live(id: string): Promise<RefreshSession | undefined> {
    const h = await guarded('Redis', this.redis.hgetall(this.key(id)));
    if (h.cur === undefined || h.revoked === '1' || Number(h.exp) <= Date.now()) return undefined;
    return {
      id,
      userId: h.userId ?? '',
      clientId: h.clientId ? h.clientId : null,
      scope: h.scope ?? '',
      mode: h.mode === 'test' ? 'test' : 'live',
      currentTokenId: h.cur,
      expiresAt: Number(h.exp),
      revoked: false,
    };
  }

  async rotate<R>(
    sid: string,
    tokenId: string,
    issue: (session: RefreshSession, newTokenId: string) => Promise<R>,
  ): Promise<R> {
    const session = await this.live(sid);
    if (!session) throw new TokenError('Refresh token revoked or expired');
    const next = newJti();
    const key = this.key(sid);
    const reply = (await guarded(
      'Redis',
      this.cmd.regenRotate(key, tokenId, next, Date.now(), this.leewayMs),
    )) as string[];
    if (reply[0] === 'ok') {
      const result = await issue({ ...session, currentTokenId: next }, next);
      await guarded('Redis', this.redis.hset(key, 'lastResult', JSON.stringify(result)));
      return result;
    }
    if (reply[0] === 'repeat') {
      // The first rotation may still be signing its pair: wait briefly for its result.
      for (let i = 0; i < 40; i++) {
        const stored = i === 0 ? reply[1] : await guarded('Redis', this.redis.hget(key, 'lastResult'));
        if (stored) return JSON.parse(stored) as R;
        await sleep(25);
      }
      throw new TokenError('Refresh token is being rotated; retry');
    }
    if (reply[0] === 'reuse') throw new TokenError('Refresh token reuse detected; session revoked');
    throw new TokenError('Refresh token revoked or expired');
  }

  async revoke(sid: string): Promise<void> {
    const key = this.key(sid);
    await guarded(
      'Redis',
      this.redis.eval(
        "if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'revoked', '1') end return 1",
        1,
        key,
      ),
    );
  }
}

/** Revoked and chaos-expired access tokens in Redis, each kept until the token's own `exp`. */
export class RedisDenylist implements DenylistPort {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private async put(kind: string, jti: string, exp: number): Promise<void> {
    const ttl = Math.max(1000, exp * 1000 - Date.now());
    await guarded('Redis', this.redis.set(`${this.prefix}deny:${kind}:${jti}`, '1', 'PX', ttl));
  }

  revoke(jti: string, exp: number): Promise<void> {
    return this.put('r', jti, exp);
  }

  expire(jti: string, exp: number): Promise<void> {
    return this.put('e', jti, exp);
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await guarded('Redis', this.redis.exists(`${this.prefix}deny:r:${jti}`))) === 1;
  }

  async isExpired(jti: string): Promise<boolean> {
    return (await guarded('Redis', this.redis.exists(`${this.prefix}deny:e:${jti}`))) === 1;
  }
}
