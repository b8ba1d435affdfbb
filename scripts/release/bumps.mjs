/** @module Semver bumps, ordered, and the packages that share one version. */

export const BUMPS = ['none', 'patch', 'minor', 'major'];

/** The four packages released together (`.changeset/config.json`, `fixed`). */
export const FIXED = ['@regen/contract', '@regen/client', '@regen/stub', '@regen/conformance'];

/** The larger of two bumps. */
export const maxBump = (a, b) => (BUMPS.indexOf(b) > BUMPS.indexOf(a) ? b : a);

/** Whether `declared` covers `required`. */
export const covers = (declared, required) => BUMPS.indexOf(declared) >= BUMPS.indexOf(required);
