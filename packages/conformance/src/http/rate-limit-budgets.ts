/**
 * @module Which rate-limit budget a 429 came from, and how much of `--max-retry-wait` is left
 * to wait for it. The allowance bounds the whole wait for one budget to lift, not one retry:
 * a budget that will not lift within what is left is closed until its Retry-After has passed
 * (or an answer shows it lifted), and requests meeting it are not retried.
 */
import type { HttpResponse } from './types.ts';

/** Distinct routes a closed tier refused in a row before the run concludes nothing more can be judged. */
const HOPELESS_ROUTES = 3;

/** A budget that will not lift within the allowance. */
export interface ClosedBudget {
  /** Its key: a route, or a tier with the credential it counts (never printed). */
  readonly budget: string;
  /** Why it is closed, e.g. `429 from POST /api/auth/login, Retry-After 900 s`. */
  readonly why: string;
  /** When the server says it lifts (epoch ms). */
  readonly until: number;
}

/** Where a request draws from: its route's own budgets, and the tiers of its credential. */
export interface BudgetScope {
  /** `POST /api/auth/login`. */
  readonly route: string;
  /** Who the tiers count the request against (tiers are per key); never printed. */
  readonly credential: string;
}

const TIER = 'tier';

/**
 * The budget a 429 spent. A 429 with `X-RateLimit-Remaining: 0` spent a tier of the request's
 * credential (the bucket the `X-RateLimit-*` headers describe, shared by every route); any
 * other 429 spent a budget of the route itself (the failed-sign-in budget of login, say),
 * which the tier headers do not show.
 */
export function budgetOf(scope: BudgetScope, response: HttpResponse): string {
  const { headers } = response;
  const limit = headers['x-ratelimit-limit'];
  return headers['x-ratelimit-remaining'] === '0' && limit !== undefined
    ? `${TIER}\u0000${limit}\u0000${scope.credential}`
    : scope.route;
}

function isTier(budget: string): boolean {
  return budget.startsWith(`${TIER}\u0000`);
}

function tierOf(budget: string, credential: string): boolean {
  return isTier(budget) && budget.endsWith(`\u0000${credential}`);
}

/** What the run waited for each budget, and which budgets will not lift within `--max-retry-wait`. */
export class BudgetLedger {
  private readonly waited = new Map<string, number>();
  private readonly closed = new Map<string, ClosedBudget>();
  /** Routes each closed tier refused since its credential last got an answer. */
  private readonly refusedRoutes = new Map<string, Set<string>>();

  constructor(
    readonly allowanceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Decides on a 429 from `budget` asking for `askedMs`: `wait` (counted against the budget's
   * allowance) or the closed budget, when what is left of the allowance will not cover it.
   */
  decide(budget: string, route: string, askedMs: number, why: string): 'wait' | ClosedBudget {
    const closed = this.closedBudget(budget);
    if (closed) {
      this.refusedBy(budget, route);
      return closed;
    }
    const spent = this.waited.get(budget) ?? 0;
    if (spent + askedMs <= this.allowanceMs) {
      this.waited.set(budget, spent + askedMs);
      return 'wait';
    }
    const closing = { budget, why, until: this.now() + askedMs };
    this.closed.set(budget, closing);
    this.refusedBy(budget, route);
    return closing;
  }

  /**
   * An answer other than 429: the budgets the request waited for have lifted, and so have its
   * credential's tiers, whatever their Retry-After said (every route draws on them, so a stale
   * or lying one). A route's own budget says nothing to other requests of the route (a 400 to
   * a malformed login is no sign-in attempt): it stays closed until its Retry-After.
   */
  answered(scope: BudgetScope, waitedFor: Iterable<string>): void {
    for (const budget of waitedFor) this.waited.delete(budget);
    for (const budget of [...this.closed.keys()]) if (tierOf(budget, scope.credential)) this.reopen(budget);
  }

  /**
   * A closed tier that refused three different routes with no answer in between: every request
   * with its credential meets it, so nothing more can be judged until it lifts.
   */
  get hopeless(): ClosedBudget | undefined {
    for (const [budget, routes] of this.refusedRoutes) {
      const closed = this.closedBudget(budget);
      if (closed && routes.size >= HOPELESS_ROUTES) return closed;
    }
    return undefined;
  }

  private refusedBy(budget: string, route: string): void {
    if (!isTier(budget)) return;
    const routes = this.refusedRoutes.get(budget) ?? new Set<string>();
    routes.add(route);
    this.refusedRoutes.set(budget, routes);
  }

  /** The budget, if it is closed and its Retry-After has not passed. */
  private closedBudget(budget: string): ClosedBudget | undefined {
    const closed = this.closed.get(budget);
    if (closed && closed.until <= this.now()) {
      this.reopen(budget);
      return undefined;
    }
    return closed;
  }

  private reopen(budget: string): void {
    this.closed.delete(budget);
    this.waited.delete(budget);
    this.refusedRoutes.delete(budget);
  }
}
