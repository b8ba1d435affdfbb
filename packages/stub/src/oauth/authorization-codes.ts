import { oauthTokenLifetimes } from '../generated/contract-defaults.ts';
import { randomBase62 } from '../http/request-id.ts';
import type { MaybePromise } from '../shared/types.ts';

/** What an authorization code stands for (RFC 6749 §4.1.2). */
export interface CodeGrant {
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri: string;
  /** Space-delimited canonical scopes. */
  readonly scope: string;
  readonly codeChallenge: string;
  readonly expiresAt: number;
}

/** The result of redeeming a code. */
export type Redeemed =
  | { kind: 'ok'; grant: CodeGrant; bind(sessionId: string): MaybePromise<void> }
  | { kind: 'replayed'; sessions: string[] }
  | undefined;

/** Where codes live: in memory (one instance) or in Redis (shared by many). */
export interface CodeStore {
  issue(grant: Omit<CodeGrant, 'expiresAt'>): MaybePromise<string>;
  redeem(code: string): MaybePromise<Redeemed>;
}

interface Entry extends CodeGrant {
  used: boolean;
  /** Sessions opened with this code, revoked if the code is replayed (RFC 6749 §4.1.2). */
  sessions: string[];
}

/**
 * How long a code lives: the contract's `OAuth2` `x-token-lifetimes.authorizationCodeSeconds`
 * (10 minutes; RFC 6749 §4.1.2 recommends at most 10).
 */
export const CODE_TTL_MS = oauthTokenLifetimes.authorizationCodeSeconds * 1000;

/** Single-use authorization codes, kept in memory only. */
export class AuthorizationCodes implements CodeStore {
  private readonly codes = new Map<string, Entry>();

  issue(grant: Omit<CodeGrant, 'expiresAt'>): string {
    const code = `ac_${randomBase62(24)}`;
    this.sweep();
    this.codes.set(code, { ...grant, expiresAt: Date.now() + CODE_TTL_MS, used: false, sessions: [] });
    return code;
  }

  /**
   * Redeems a code once. A second use returns `replayed` with the sessions to revoke;
   * an unknown or expired code returns `undefined`.
   */
  redeem(code: string): Redeemed {
    const entry = this.codes.get(code);
    if (!entry || entry.expiresAt <= Date.now()) return undefined;
    if (entry.used) return { kind: 'replayed', sessions: entry.sessions };
    entry.used = true;
    return { kind: 'ok', grant: entry, bind: (sessionId) => void entry.sessions.push(sessionId) };
  }

  private sweep(): void {
    const now = Date.now();
    for (const [code, entry] of this.codes) if (entry.expiresAt <= now) this.codes.delete(code);
  }
}
