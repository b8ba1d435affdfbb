import type { MaybePromise } from '../shared/types.ts';

/** Where refused access tokens are remembered: in memory (one instance) or in Redis (shared by many). */
export interface DenylistPort {
  revoke(jti: string, exp: number): MaybePromise<void>;
  expire(jti: string, exp: number): MaybePromise<void>;
  isRevoked(jti: string): MaybePromise<boolean>;
  isExpired(jti: string): MaybePromise<boolean>;
}

/**
 * Access tokens refused before their `exp`: revoked ones (RFC 7009) and ones chaos mode
 * declared expired. Entries are dropped once the token would have expired anyway.
 */
export class TokenDenylist implements DenylistPort {
  private readonly revoked = new Map<string, number>();
  private readonly expired = new Map<string, number>();

  revoke(jti: string, exp: number): void {
    this.sweep();
    this.revoked.set(jti, exp);
  }

  expire(jti: string, exp: number): void {
    this.sweep();
    this.expired.set(jti, exp);
  }

  isRevoked(jti: string): boolean {
    return this.revoked.has(jti);
  }

  isExpired(jti: string): boolean {
    return this.expired.has(jti);
  }

  private sweep(): void {
    const now = Date.now() / 1000;
    for (const map of [this.revoked, this.expired]) {
      for (const [jti, exp] of map) if (exp < now) map.delete(jti);
    }
  }
}
