import { normalizeScope, type Scope } from '@regen/contract/scopes';
import { grants } from '../../auth/principal.ts';
import { ApiError } from '../../http/api-error.ts';

/** Canonical, de-duplicated scopes; the contract's validator already refused unknown spellings. */
export function canonicalScopes(inputs: readonly string[]): Scope[] {
  const out: Scope[] = [];
  for (const input of inputs) {
    const scope = normalizeScope(input);
    if (scope === undefined) {
      throw new ApiError('validation_error', undefined, {
        details: [{ path: '/scopes', message: `unknown scope ${input}` }],
      });
    }
    if (!out.includes(scope)) out.push(scope);
  }
  return out;
}

/** Refuses (403 naming the scope) to grant a scope the caller does not hold itself. */
export function assertCanGrant(held: ReadonlySet<string>, wanted: readonly Scope[]): void {
  for (const scope of wanted) {
    if (!grants(held, scope)) {
      throw new ApiError('insufficient_scope', `Cannot grant ${scope}: the credential does not hold it`, {
        scope,
      });
    }
  }
}

/**
 * Refuses (403 naming the scope) a management action on an API key that holds a scope the
 * caller lacks: reading, updating, rotating, (de)activating or deleting a broader key would let
 * a narrow credential take over its powers ("Security": no escalation through key management).
 */
export function assertHoldsAll(held: ReadonlySet<string>, target: readonly Scope[]): void {
  for (const scope of target) {
    if (!grants(held, scope)) {
      throw new ApiError(
        'insufficient_scope',
        `This API key holds ${scope}, which the credential does not: only a credential holding every scope of a key may manage it`,
        { scope },
      );
    }
  }
}

/**
 * The part of `requested` that `held` covers (RFC 6749 §3.3: the server may grant less than
 * asked). A wildcard asked for but not held becomes the held scopes of that action.
 */
export function narrowScopes(requested: readonly Scope[], held: readonly Scope[]): Scope[] {
  const heldSet = new Set<string>(held);
  const out = new Set<Scope>();
  for (const scope of requested) {
    if (grants(heldSet, scope)) out.add(scope);
    else if (scope.endsWith(':*')) {
      const action = scope.slice(0, scope.indexOf(':') + 1);
      for (const h of held) if (h.startsWith(action)) out.add(h);
    }
  }
  return [...out];
}

/** Parses a space-delimited `scope` parameter (RFC 6749 §3.3); `undefined` for an unknown spelling. */
export function parseScopeParam(value: string): Scope[] | undefined {
  const out: Scope[] = [];
  for (const token of value.split(' ')) {
    if (token === '') continue;
    const scope = normalizeScope(token);
    if (scope === undefined) return undefined;
    if (!out.includes(scope)) out.push(scope);
  }
  return out;
}
