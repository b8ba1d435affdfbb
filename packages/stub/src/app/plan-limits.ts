import { limitsOf, type PlanName, type PlanSetting } from '../config/plans.ts';
import type { RateLimits } from '../config/rate-limits.ts';
import type { Settings } from '../config/settings.ts';
import type { AccountRecord, Tenancy } from '../store/tenancy.ts';

/**
 * The limits of an account: its plan's, with `--rate-limits` winning (cached per account and
 * plan; a plan change takes effect at once).
 */
export function planLimits(tenancy: Tenancy, settings: Settings): (accountId: string) => RateLimits {
  interface Cached {
    readonly plan: PlanName;
    readonly custom: AccountRecord['customLimits'];
    readonly limits: RateLimits;
  }
  const cache = new Map<string, Cached>();
  return (accountId) => {
    const account = tenancy.accounts.peek(accountId);
    if (account === undefined) return settings.rateLimits;
    const hit = cache.get(accountId);
    if (hit !== undefined && hit.plan === account.plan && hit.custom === account.customLimits)
      return hit.limits;
    const setting: PlanSetting =
      account.plan === 'custom' && account.customLimits
        ? { plan: 'custom', custom: account.customLimits }
        : { plan: account.plan };
    const limits = limitsOf(setting, settings.rateLimitOverrides, settings.rateLimits.auth);
    cache.set(accountId, { plan: account.plan, custom: account.customLimits, limits });
    return limits;
  };
}
