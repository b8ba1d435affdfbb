/**
 * @module Built-in profiles: exemptions for targets that by design cannot pass some checks.
 * Each exemption says why; anything else they get wrong still fails the run.
 */
import type { Exemption } from './exemptions.ts';

/** Known profiles by name. */
export const PROFILES: Readonly<Record<string, readonly Exemption[]>> = {
  prism: [],
};

/** The exemptions of a profile; throws on an unknown name. */
export function profileExemptions(name: string | undefined): readonly Exemption[] {
  if (name === undefined) return [];
  const found = PROFILES[name];
  if (!found) throw new Error(`unknown profile "${name}" (known: ${Object.keys(PROFILES).join(', ')})`);
  return found;
}
