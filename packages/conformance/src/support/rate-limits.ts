/** @module The rate-limit tiers the checks expect: the contract's documented ones, or `--rate-limits`. */
import { rateLimitTiers } from '@regen/contract/defaults';

/** One documented tier. */
export interface Tier {
  readonly name: string;
  readonly limit: number;
  readonly windowS: number;
}

/** The contract's "Rate limits" (its `x-rate-limit-tiers`: standard 100/hour, burst 10/minute, writes 50/hour). */
export const DOCUMENTED_TIERS: readonly Tier[] = Object.entries(rateLimitTiers).map(([name, tier]) => ({
  name,
  limit: tier.limit,
  windowS: tier.windowSeconds,
}));

const UNITS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Parses `standard=100/1h,burst=10/1m` over the documented tiers (others kept), or `documented`
 * for the documented tiers themselves; throws on bad input.
 */
export function parseTiers(spec: string | undefined): readonly Tier[] {
  if (!spec || spec === 'documented') return DOCUMENTED_TIERS;
  const tiers = new Map(DOCUMENTED_TIERS.map((t) => [t.name, t]));
  for (const item of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(\w+)=(\d+)\/(\d*)(ms|s|m|h|d)$/.exec(item);
    if (!m) throw new Error(`--rate-limits: cannot read "${item}" (use e.g. standard=100/1h,burst=10/1m)`);
    const [, tier = '', limit = '0', count, unit = 's'] = m;
    tiers.set(tier, { name: tier, limit: Number(limit), windowS: Number(count || '1') * (UNITS[unit] ?? 1) });
  }
  return [...tiers.values()];
}
