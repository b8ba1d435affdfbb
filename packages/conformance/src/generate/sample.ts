/** @module Seeded sampling of schema-valid values: same seed, same values. */
import fc from 'fast-check';

/**
 * Draws up to `count` distinct values that pass `isValid`, reproducibly from `seed`.
 *
 * Arbitraries approximate some constraints (a pattern plus a length); sampling more than needed
 * and keeping the valid ones is bounded, where `fc.filter` would loop on a rare predicate.
 */
export function sampleValid<T>(
  arbitrary: fc.Arbitrary<T>,
  isValid: (value: T) => boolean,
  count: number,
  seed: number,
): T[] {
  if (count <= 0) return [];
  const out: T[] = [];
  const seen = new Set<string>();
  for (const value of fc.sample(arbitrary, { seed, numRuns: Math.max(count * 4, 10) })) {
    const key = JSON.stringify(value) ?? 'undefined';
    if (seen.has(key) || !isValid(value)) continue;
    seen.add(key);
    out.push(value);
    if (out.length === count) break;
  }
  return out;
}
