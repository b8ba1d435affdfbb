/**
 * @module Profiles: exemptions for targets that by design cannot pass some checks. Each check
 * declares its own (`profiles: { prism: [...] }`), with why; anything else such a target gets
 * wrong still fails the run.
 */
import { BUILT_IN, type CheckName, type CheckRegistry } from '../checks/registry.ts';
import type { Exemption } from './exemptions.ts';

/** The exemptions of `profile` the checks of `registry` declare. */
function exemptionsOf(registry: CheckRegistry, profile: string): Exemption[] {
  return registry.profileExemptions(profile).map(({ check, exemption }) => ({
    check: check as CheckName,
    operation: '*',
    ...exemption,
  }));
}

/** Known profiles by name, with the built-in checks' exemptions. */
export const PROFILES: Readonly<Record<string, readonly Exemption[]>> = Object.fromEntries(
  BUILT_IN.profiles.map((name) => [name, exemptionsOf(BUILT_IN, name)]),
);

/** The exemptions of a profile; throws on an unknown name. */
export function profileExemptions(
  name: string | undefined,
  registry: CheckRegistry = BUILT_IN,
): readonly Exemption[] {
  if (name === undefined) return [];
  if (!registry.profiles.includes(name))
    throw new Error(`unknown profile "${name}" (known: ${registry.profiles.join(', ')})`);
  return exemptionsOf(registry, name);
}
