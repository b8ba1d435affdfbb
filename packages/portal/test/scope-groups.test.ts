import { canonicalScopes, roleScopes, scopeSatisfies } from '@regen/contract/scopes';
import { describe, expect, it } from 'vitest';
import { scopeGroups } from '../src/pages/keys/scope-groups.ts';

describe('scope groups of the create/edit form', () => {
  it("hold exactly the contract's scopes, once each, grouped by resource with the wildcards first", () => {
    const groups = scopeGroups();
    expect(groups.flatMap((g) => g.scopes)).toEqual([...canonicalScopes]);
    expect(groups[0]).toEqual({
      resource: '*',
      label: 'Every resource (wildcards)',
      scopes: ['read:*', 'write:*'],
    });
    for (const g of groups) for (const s of g.scopes) expect(s.endsWith(`:${g.resource}`)).toBe(true);
    expect(groups.find((g) => g.resource === 'api_keys')?.label).toBe('API keys');
  });

  it('the rules the portal offers actions by: only an owner holds write:api_keys, a viewer lacks read:api_keys', () => {
    const can = (role: keyof typeof roleScopes, scope: (typeof canonicalScopes)[number]) =>
      scopeSatisfies(roleScopes[role], scope);
    expect(can('CLIENT_OWNER', 'write:api_keys')).toBe(true);
    expect(can('CLIENT_ADMIN', 'write:api_keys')).toBe(false);
    expect(can('CLIENT_MEMBER', 'write:api_keys')).toBe(false);
    expect(can('CLIENT_VIEWER', 'read:api_keys')).toBe(false);
    expect(can('CLIENT_VIEWER', 'read:usage')).toBe(true);
  });
});
