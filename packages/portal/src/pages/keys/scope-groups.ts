import type { Scope } from '@regen/contract';
import { canonicalScopes } from '@regen/contract/scopes';

/** Scopes of one resource (or the two wildcards), as the create and edit forms group them. */
export interface ScopeGroup {
  readonly resource: string;
  readonly label: string;
  readonly scopes: readonly Scope[];
}

const LABELS: Readonly<Record<string, string>> = {
  '*': 'Every resource (wildcards)',
  api_keys: 'API keys',
};

/** The contract's scope list (`@regen/contract/scopes`), grouped by resource in its own order. */
export function scopeGroups(): readonly ScopeGroup[] {
  const groups = new Map<string, Scope[]>();
  for (const scope of canonicalScopes) {
    const resource = scope.slice(scope.indexOf(':') + 1);
    const list = groups.get(resource) ?? [];
    list.push(scope);
    groups.set(resource, list);
  }
  return [...groups].map(([resource, scopes]) => ({
    resource,
    label: LABELS[resource] ?? resource.charAt(0).toUpperCase() + resource.slice(1),
    scopes,
  }));
}
