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
  /** The secret was right: the attempt does not count. */
  succeeded(): MaybePromise<void>;
}

/** Where the budget lives: in memory (one instance) or in Redis (shared by many). */
export interface FailureBudgetPort {
  begin(address: string, account: string | undefined): MaybePromise<Attempt | Refusal>;
  beginOrThrow(address: string, account: string | undefined): MaybePromise<Attempt>;
}

const SWEEP_THRESHOLD = 10_000;

/**
 * One failed-authentication budget shared by every route that checks a password or a client
 * secret (`login`, `/oauth/token`, `/oauth/revoke`, the consent form): at most `limit` failures
 * per `windowMs` per client address and, separately, per account (an email or an OAuth client
 * id), so neither one address guessing many accounts nor many addresses guessing one account
 * get far (issue 9, defect 3).
 *
 * Each attempt is counted when it starts and refunded when it succeeds, so concurrent guesses
 * cannot overrun the budget while the slow password hash runs.
 */
export class AuthFailureBudget implements FailureBudgetPort {
  private readonly windows = new Map<string, Window>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Admits an attempt from `address` on `account`, or refuses it when either budget is spent. */
  begin(address: string, account: string | undefined): Attempt | Refusal {
    const now = this.now();
    const keys =
      account === undefined ? [`ip:${address}`] : [`ip:${address}`, `acct:${account.toLowerCase()}`];
    const windows = keys.map((key) => this.window(key, now));
    let retryAt = 0;
    for (const w of windows) if (w.count >= this.limit) retryAt = Math.max(retryAt, w.resetAt);
    if (retryAt > 0) return { retryAfterSeconds: Math.max(1, Math.ceil((retryAt - now) / 1000)) };
    for (const w of windows) w.count++;
    let settled = false;
    return {
      succeeded: () => {
        if (settled) return;
        settled = true;
        for (const w of windows) if (w.count > 0) w.count--;
      },
    };
  }

  /** Like {@link begin}, but a spent budget throws 429 `rate_limit_exceeded` with `Retry-After`. */
  beginOrThrow(address: string, account: string | undefined): Attempt {
    const attempt = this.begin(address, account);
    if ('retryAfterSeconds' in attempt) throw tooManyFailures(attempt);
    return attempt;
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
