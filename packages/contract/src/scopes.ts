/**
 * Scope vocabulary of the Regen API and the rules servers and clients share.
 *
 * Canonical spelling is `action:resource`. The `resource:action` alias and the coarse `read` /
 * `write` are accepted on input and normalised here (openapi/README.md, "Scopes").
 *
 * @module
 */
import { acceptedScopeSpellings, canonicalScopes, roleScopes } from './generated/scopes.ts';

export { acceptedScopeSpellings, canonicalScopes, roleScopes };

/** A canonical scope name, e.g. `read:orders`. */
export type Scope = (typeof canonicalScopes)[number];
/** Any spelling a server accepts: `read:orders`, `orders:read`, `read`, `write`, … */
export type ScopeInput = (typeof acceptedScopeSpellings)[number];
/** A JWT user's role. */
export type Role = keyof typeof roleScopes;

const canonical: ReadonlySet<string> = new Set(canonicalScopes);
const coarse: Readonly<Record<string, string>> = { read: 'read:*', write: 'write:*' };

function isScope(value: string): value is Scope {
  return canonical.has(value);
}

/** Returns the canonical spelling of a scope, or `undefined` when no spelling matches. */
export function normalizeScope(input: string): Scope | undefined {
  const value = input.trim();
  if (isScope(value)) return value;
  const alias = coarse[value];
  if (alias !== undefined && isScope(alias)) return alias;
  const [resource, action, ...rest] = value.split(':');
  if (rest.length > 0 || resource === undefined || action === undefined) return undefined;
  const flipped = `${action}:${resource}`;
  return isScope(flipped) ? flipped : undefined;
}

/**
 * Whether a set of granted scopes satisfies one required scope: an exact match, or the
 * wildcard of the same action (`read:*` covers every `read:` scope). `write:*` does not
 * imply read access: the two actions are granted independently, as the contract's "Scopes" table lists them.
 */
export function scopeSatisfies(granted: Iterable<Scope>, required: Scope): boolean {
  const wildcard = `${required.slice(0, required.indexOf(':'))}:*`;
  for (const scope of granted) {
    if (scope === required || scope === wildcard) return true;
  }
  return false;
}

/** The first of `required` that `granted` does not satisfy, or `undefined` when all are. */
export function missingScope(granted: Iterable<Scope>, required: readonly Scope[]): Scope | undefined {
  const held = [...granted];
  return required.find((scope) => !scopeSatisfies(held, scope));
}

/** The canonical scopes a role grants. */
export function scopesOfRole(role: Role): readonly Scope[] {
  return roleScopes[role] as readonly Scope[];
}
