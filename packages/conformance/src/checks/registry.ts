/**
 * @module The registry: the built-in checks of `all.ts` (plus any loaded at run time), by name,
 * suite and phase. The CLI's `--checks` names, `--help`, suites and profiles come from here.
 */
import { ALL_CHECKS } from './all.ts';
import type { Check, CheckOfPhase, CheckPhase, ProfileExemption, Suite } from './api.ts';

/** The name of a built-in check. */
export type CheckName = (typeof ALL_CHECKS)[number]['name'];

/** The built-in checks' names, in registry order (Schemathesis's names where it has the check). */
export const CHECK_NAMES: readonly CheckName[] = ALL_CHECKS.map((c) => c.name);

/** One line per built-in check, for `--help` and the README. */
export const CHECK_DESCRIPTIONS = Object.fromEntries(
  ALL_CHECKS.map((c) => [c.name, c.description]),
) as Readonly<Record<CheckName, string>>;

function namesOf(suite: Suite): readonly CheckName[] {
  return ALL_CHECKS.filter((c) => c.suite === suite).map((c) => c.name);
}

/**
 * Named sets of checks (`--suite`): `all` (the default), `schema` (the Schemathesis-level checks),
 * `security` (the contract's "Security" rules) and `semantics` (what the contract says beyond its
 * schemas). Each check declares its suite.
 */
export const SUITES = {
  all: CHECK_NAMES,
  schema: namesOf('schema'),
  security: namesOf('security'),
  semantics: namesOf('semantics'),
} as const satisfies Record<'all' | Suite, readonly CheckName[]>;

/** The name of a suite. */
export type SuiteName = keyof typeof SUITES;

/** Validates a suite name from the command line. */
export function parseSuiteName(name: string): SuiteName {
  if (!Object.hasOwn(SUITES, name))
    throw new Error(`unknown suite: ${name} (known: ${Object.keys(SUITES).join(', ')})`);
  return name as SuiteName;
}

/** A run's checks: the built-in ones and any loaded (`--check-module`), each name once. */
export class CheckRegistry {
  readonly checks: readonly Check[];

  constructor(loaded: readonly Check[] = []) {
    const checks: Check[] = [...ALL_CHECKS];
    for (const check of loaded) {
      if (checks.some((c) => c.name === check.name)) throw new Error(`two checks are named ${check.name}`);
      checks.push(check);
    }
    this.checks = checks;
  }

  get names(): readonly string[] {
    return this.checks.map((c) => c.name);
  }

  /** The checks the engine runs at `phase`, in registry order. */
  inPhase<Phase extends CheckPhase>(phase: Phase): CheckOfPhase<Phase>[] {
    return this.checks.filter((c): c is CheckOfPhase<Phase> => c.phase === phase);
  }

  /** Validates check names (from the command line or options). */
  parseNames(names: readonly string[]): string[] {
    const unknown = names.filter((n) => !this.names.includes(n));
    if (unknown.length > 0)
      throw new Error(`unknown check(s): ${unknown.join(', ')} (known: ${this.names.join(', ')})`);
    return [...names];
  }

  /** The checks a run uses: those of `suite` (default all), narrowed to `only`, minus `excluded`, in registry order. */
  select(
    only: readonly string[] | undefined,
    excluded: readonly string[] | undefined,
    suite: SuiteName = 'all',
  ): string[] {
    this.parseNames([...(only ?? []), ...(excluded ?? [])]);
    return this.checks
      .filter(
        (c) =>
          (suite === 'all' || c.suite === suite) &&
          (only === undefined || only.includes(c.name)) &&
          !(excluded ?? []).includes(c.name),
      )
      .map((c) => c.name);
  }

  /** The exemptions the checks declare for `profile`. */
  profileExemptions(profile: string): { check: string; exemption: ProfileExemption }[] {
    return this.checks.flatMap((c) =>
      (c.profiles?.[profile] ?? []).map((exemption) => ({ check: c.name, exemption })),
    );
  }

  /** The profiles any check declares exemptions for. */
  get profiles(): string[] {
    return [...new Set(this.checks.flatMap((c) => Object.keys(c.profiles ?? {})))];
  }
}

/** The built-in checks alone. */
export const BUILT_IN = new CheckRegistry();
