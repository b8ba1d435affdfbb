import { DEFAULT_RATE_LIMITS, parseRateLimits, type RateLimits, type WindowLimit } from './rate-limits.ts';

/** An account's plan (the contract's "Rate limits"): it decides the account's request limits. */
export type PlanName = 'standard' | 'free' | 'pro' | 'custom';

export const PLAN_NAMES: readonly PlanName[] = ['standard', 'free', 'pro', 'custom'];

/** How to write a plan, for the message of a wrong one. */
const PLAN_SYNTAX = '(use free, standard, pro, or custom:standard=5000/1h,burst=50/1m,write=1000/1h)';

/** The request tiers a plan sets (the failed-authentication budget is the same for every plan). */
export type PlanLimits = Omit<RateLimits, 'auth'>;

const DAY = 86_400_000;
const per = (limit: number, windowMs: number): WindowLimit => ({ limit, windowMs });

/**
 * The named plans. `standard` is the contract's default table; `free` and `pro` are the RegPilot
 * tiers (requests per day, burst per second); their write tier is half the requests, because the
 * source page gives only requests and burst (recorded in openapi/README.md).
 */
export const PLANS: Readonly<Record<Exclude<PlanName, 'custom'>, PlanLimits>> = {
  standard: {
    standard: DEFAULT_RATE_LIMITS.standard,
    burst: DEFAULT_RATE_LIMITS.burst,
    write: DEFAULT_RATE_LIMITS.write,
  },
  free: { standard: per(1_000, DAY), burst: per(10, 1_000), write: per(500, DAY) },
  pro: { standard: per(100_000, DAY), burst: per(100, 1_000), write: per(50_000, DAY) },
};

/** A plan as configured: a name, and for `custom` its own tiers. */
export interface PlanSetting {
  readonly plan: PlanName;
  /** Only for `custom`: the agreed tiers (missing ones are `standard`'s). */
  readonly custom?: Partial<PlanLimits>;
}

/**
 * Parses `--plan`: `free`, `standard`, `pro`, or `custom:standard=5000/1h,burst=50/1m` (the
 * `--rate-limits` syntax). Throws `RangeError` on anything else.
 */
export function parsePlan(input: string): PlanSetting {
  const value = input.trim();
  if (value === 'standard' || value === 'free' || value === 'pro') return { plan: value };
  if (value.startsWith('custom:')) {
    const parsed = parseRateLimits(value.slice('custom:'.length));
    return {
      plan: 'custom',
      custom: { standard: parsed.standard, burst: parsed.burst, write: parsed.write },
    };
  }
  throw new RangeError(`Invalid plan "${input}" ${PLAN_SYNTAX}`);
}

/** Checks a plan given as an object (JavaScript callers, JSON configs): a known name, and windows for `custom`. */
export function checkPlan(setting: PlanSetting): PlanSetting {
  if (!PLAN_NAMES.includes(setting.plan)) {
    throw new RangeError(`Invalid plan "${String(setting.plan)}" ${PLAN_SYNTAX}`);
  }
  for (const [tier, window] of Object.entries(setting.custom ?? {})) {
    const valid =
      (tier === 'standard' || tier === 'burst' || tier === 'write') &&
      Number.isInteger(window?.limit) &&
      window.limit >= 0 &&
      Number.isFinite(window?.windowMs) &&
      window.windowMs > 0;
    if (!valid)
      throw new RangeError(
        `Invalid custom plan tier "${tier}" (use { limit, windowMs } for standard, burst or write)`,
      );
  }
  return setting;
}

/**
 * The limits of an account on `setting`, with `overrides` (`--rate-limits`: the tiers given there
 * win over every plan's) and the instance's failed-authentication budget.
 */
export function limitsOf(
  setting: PlanSetting,
  overrides: Partial<RateLimits>,
  auth: WindowLimit,
): RateLimits {
  const base: PlanLimits =
    setting.plan === 'custom' ? { ...PLANS.standard, ...setting.custom } : PLANS[setting.plan];
  return {
    standard: overrides.standard ?? base.standard,
    burst: overrides.burst ?? base.burst,
    write: overrides.write ?? base.write,
    auth,
  };
}
