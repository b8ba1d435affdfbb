/** The faults chaos mode can inject (named by `--chaos` and the `Regen-Fault` header). */
export const FAULT_KINDS = ['429', '503', 'reset', 'slow', 'hang', 'truncate', 'expire-token'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** Probability per request of each random fault. */
export type ChaosRates = Readonly<Partial<Record<FaultKind, number>>>;

/**
 * Parses `--chaos 429=5%,503=2%,reset=1%` (percentages, or fractions such as `0.05`).
 * An empty string enables header-driven faults only.
 */
export function parseChaosRates(input: string): ChaosRates {
  const rates: Partial<Record<FaultKind, number>> = {};
  for (const part of input.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const match = /^([\w-]+)\s*=\s*(\d+(?:\.\d+)?)(%?)$/.exec(item);
    const kind = match?.[1] as FaultKind | undefined;
    if (!match || kind === undefined || !FAULT_KINDS.includes(kind)) {
      throw new RangeError(
        `Invalid chaos rate "${item}" (use e.g. 429=5%,503=2%,reset=1%; faults: ${FAULT_KINDS.join(', ')})`,
      );
    }
    const rate = match[3] === '%' ? Number(match[2]) / 100 : Number(match[2]);
    if (rate > 1) throw new RangeError(`Chaos rate "${item}" is above 100%`);
    rates[kind] = rate;
  }
  return rates;
}
