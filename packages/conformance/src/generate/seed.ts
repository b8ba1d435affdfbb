/**
 * @module Seed derivation. Every operation and purpose gets its own seed derived from the run
 * seed, so selecting fewer operations (`--operations`) or checks does not change the data
 * generated for the others: a failure reproduces with its seed and a narrowed command.
 */

/** FNV-1a 32-bit hash of a string. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** A 31-bit seed (fast-check takes a signed 32-bit integer) for one purpose of one run. */
export function deriveSeed(runSeed: number, ...parts: readonly (string | number)[]): number {
  return fnv1a(`${runSeed}:${parts.join(':')}`) & 0x7fffffff;
}

/** A seeded PRNG (mulberry32) returning floats in [0, 1), for choices outside fast-check. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random run seed, when the user gives none. */
export function randomSeed(): number {
  return Math.floor(Math.random() * 0x7fffffff);
}
