import type { Mode } from '@regen/contract';
import type { MaybePromise } from '../shared/types.ts';
import { newJti, TokenError } from './jwt.ts';

/** A refresh-token family: every refresh token descending from one login or grant. */
export interface RefreshSession {
  readonly id: string;
  readonly userId: string;
  /** OAuth client the family belongs to; `null` for `/api/auth` logins. */
  readonly clientId: string | null;
  /** Space-delimited canonical scopes granted to the family. */
  readonly scope: string;
  /** The mode every token of the family acts in (chosen at login; OAuth: `live`). */
  readonly mode: Mode;
  /** `jti` of the only refresh token that may be used now. */
  currentTokenId: string;
  readonly expiresAt: number;
  revoked: boolean;
}

/** Where refresh-token families live: in memory (one instance) or in Redis (shared by many). */
export interface SessionStore {
  open(
    userId: string,
    clientId: string | null,
    scope: string,
    ttlMs: number,
    mode: Mode,
  ): MaybePromise<RefreshSession>;
  live(id: string): MaybePromise<RefreshSession | undefined>;
  rotate<R>(
    sid: string,
    tokenId: string,
    issue: (session: RefreshSession, newTokenId: string) => Promise<R>,
  ): Promise<R>;
  revoke(sid: string): MaybePromise<void>;
}

interface LastRotation {
  readonly fromTokenId: string;
  readonly at: number;
  readonly result: Promise<unknown>;
}

/** A new, unrevoked family for `userId` expiring `ttlMs` from now, with its first refresh token id. */
export function newSession(
  userId: string,
  clientId: string | null,
  scope: string,
  ttlMs: number,
  mode: Mode,
): RefreshSession {
  return {
    id: `ses_${newJti()}`,
    userId,
    clientId,
    scope,
    mode,
    currentTokenId: newJti(),
    expiresAt: Date.now() + ttlMs,
    revoked: false,
  };
}

/**
 * Refresh-token rotation with reuse detection (OAuth 2.0 Security BCP, RFC 9700 §4.14.2):
 * each refresh spends the token; presenting a spent token again revokes the whole family,
 * except within `leewayMs` of its rotation, when the same result is returned again so a
 * client retrying after a lost response is not logged out.
 */
export class RefreshSessions implements SessionStore {
  private readonly sessions = new Map<string, RefreshSession>();
  private readonly last = new Map<string, LastRotation>();

  constructor(
    private readonly leewayMs: number,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Opens a new family; returns the session and the `jti` of its first refresh token. */
  open(userId: string, clientId: string | null, scope: string, ttlMs: number, mode: Mode): RefreshSession {
    const session = newSession(userId, clientId, scope, ttlMs, mode);
    this.sessions.set(session.id, session);
    this.onChange();
    return session;
  }

  /** The live (not revoked, not expired) session `id`, if any. */
  live(id: string): RefreshSession | undefined {
    const session = this.sessions.get(id);
    if (!session || session.revoked || session.expiresAt <= Date.now()) return undefined;
    return session;
  }

  /**
   * Spends refresh token `tokenId` of session `sid`. `issue` receives the new token id and
   * produces the response; it starts synchronously so concurrent repeats share its result.
   */
  rotate<R>(
    sid: string,
    tokenId: string,
    issue: (session: RefreshSession, newTokenId: string) => Promise<R>,
  ): Promise<R> {
    const session = this.live(sid);
    if (!session) return Promise.reject(new TokenError('Refresh token revoked or expired'));
    const now = Date.now();
    if (session.currentTokenId === tokenId) {
      const next = newJti();
      const result = issue(session, next);
      session.currentTokenId = next;
      this.last.set(sid, { fromTokenId: tokenId, at: now, result });
      this.onChange();
      return result;
    }
    const last = this.last.get(sid);
    if (last && last.fromTokenId === tokenId && now - last.at <= this.leewayMs)
      return last.result as Promise<R>;
    this.revoke(sid);
    return Promise.reject(new TokenError('Refresh token reuse detected; session revoked'));
  }

  /** Revokes a whole family (logout, reuse, RFC 7009 revocation). */
  revoke(sid: string): void {
    const session = this.sessions.get(sid);
    if (session && !session.revoked) {
      session.revoked = true;
      this.last.delete(sid);
      this.onChange();
    }
  }

  /** Snapshot for persistence (expired families are dropped). */
  toJSON(): RefreshSession[] {
    const now = Date.now();
    return [...this.sessions.values()].filter((s) => s.expiresAt > now);
  }

  /** Restores a {@link toJSON} snapshot. */
  load(sessions: readonly RefreshSession[]): void {
    // Sessions saved before modes existed act in live mode.
    for (const session of sessions)
      this.sessions.set(session.id, { ...session, mode: session.mode ?? 'live' });
  }
}
