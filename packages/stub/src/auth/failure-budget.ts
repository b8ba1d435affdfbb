import { ApiError } from '../http/api-error.ts';
import type { MaybePromise } from '../shared/types.ts';

interface Window {
  count: number;
  resetAt: number;
}

/** A spent budget: how long until the next attempt may be made. */
export interface Refusal {
  readonly retryAfterSeconds: number;
}

/** One attempt admitted by {@link AuthFailureBudget.begin}: report how it ended. */
export interface Attempt {
  /** The secret was right: the attempt does not count, and the address is remembered for the account. */
  succeeded(): MaybePromise<void>;
  /** No secret was judged (a malformed request, a public client): the attempt does not count. */
  refund(): MaybePromise<void>;
}

/** Where the budget lives: in memory (one instance) or in Redis (shared by many). */
export interface FailureBudgetPort {
  begin(address: string, account: string | undefined): MaybePromise<Attempt | Refusal>;
  beginOrThrow(address: string, account: string | undefined): MaybePromise<Attempt>;
}

/** How long a successful sign-in keeps its address exempt from the account budget (the contract: 30 days). */
export const KNOWN_ADDRESS_MS = 30 * 86_400_000;

const SWEEP_THRESHOLD = 10_000;

/**
 * The failed-authentication budget of every route that checks a password or a client secret
 * (`login`, `/oauth/token`, `/oauth/revoke`, the consent form), as the contract's "Security",
 * "Failed-authentication budget" states it: at most `limit` failures per `windowMs` per client
 * address and, separately, per account (an email or an OAuth client id).
 *
 * A spent address budget refuses that address. A spent account budget is no lockout weapon: it
 * refuses only addresses that have not signed in successfully to that account within
 * {@link KNOWN_ADDRESS_MS}; an address that has keeps its own (address) budget. Failures from a
 * known address still count against both budgets.
 *
 * Each attempt is counted when it starts and refunded when it succeeds, so concurrent guesses
 * cannot overrun the budget while the slow password hash runs.
 */
export class AuthFailureBudget implements FailureBudgetPort {
  private readonly windows = new Map<string, Window>();
  /** `address account` → expiry; re-inserted on every success, so the oldest expire first. */
  private readonly known = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly knownForMs: number = KNOWN_ADDRESS_MS,
  ) {}

  /** Admits an attempt from `address` on `account`, or refuses it when a budget that binds it is spent. */
  begin(address: string, account: string | undefined): Attempt | Refusal {
    const now = this.now();
    const accountKey = account?.toLowerCase();
    const ip = this.window(`ip:${address}`, now);
    const acct = accountKey === undefined ? undefined : this.window(`acct:${accountKey}`, now);
    let retryAt = 0;
    if (ip.count >= this.limit) retryAt = ip.resetAt;
    if (
      acct !== undefined &&
      accountKey !== undefined &&
      acct.count >= this.limit &&
      !this.isKnown(`${address} ${accountKey}`, now)
    ) {
      retryAt = Math.max(retryAt, acct.resetAt);
    }
    if (retryAt > 0) return { retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)) };
    const windows = acct === undefined ? [ip] : [ip, acct];
    for (const w of windows) w.count++;
    let settled = false;
    const refund = (): boolean => {
      if (settled) return false;
      settled = true;
      for (const w of windows) if (w.count > 0) w.count--;
      return true;
    };
    return {
      succeeded: () => {
        if (refund() && accountKey !== undefined) this.remember(`${address} ${accountKey}`);
      },
      refund: () => {
        refund();
      },
    };
  }

  /** Like {@link begin}, but a spent budget throws 429 `rate_limit_exceeded` with `Retry-After`. */
  beginOrThrow(address: string, account: string | undefined): Attempt {
    const attempt = this.begin(address, account);
    if ('retryAfterSeconds' in attempt) throw tooManyFailures(attempt);
    return attempt;
  }

  private isKnown(pair: string, now: number): boolean {
    const expiresAt = this.known.get(pair);
    return expiresAt !== undefined && expiresAt > now;
  }

  private remember(pair: string): void {
    const now = this.now();
    // Every entry has the same lifetime and a renewal moves it to the end, so expired entries
    // are at the front: drop a few of them per success (amortised, never a full scan).
    let dropped = 0;
    for (const [k, expiresAt] of this.known) {
      if (expiresAt > now || dropped++ >= 8) break;
      this.known.delete(k);
    }
    this.known.delete(pair);
    this.known.set(pair, now + this.knownForMs);
  }

  private window(key: string, now: number): Window {
    let w = this.windows.get(key);
    if (w === undefined) {
      if (this.windows.size >= SWEEP_THRESHOLD) {
        for (const [k, v] of this.windows) if (v.resetAt <= now) this.windows.delete(k);
      }
      w = { count: 0, resetAt: now + this.windowMs };
      this.windows.set(key, w);
    } else if (w.resetAt <= now) {
      w.count = 0;
      w.resetAt = now + this.windowMs;
    }
    return w;
  }
}

/** 429 for a spent failure budget (the contract's envelope, with `Retry-After`). */
export function tooManyFailures(refusal: Refusal): ApiError {
  return new ApiError('rate_limit_exceeded', 'Too many failed authentication attempts; retry later', {
    headers: { 'retry-after': String(refusal.retryAfterSeconds) },
  });
}
