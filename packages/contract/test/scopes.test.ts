import { describe, expect, it } from 'vitest';
import {
  canonicalScopes,
  missingScope,
  normalizeScope,
  roleScopes,
  scopeSatisfies,
  scopesOfRole,
} from '../src/scopes.ts';

describe('normalizeScope', () => {
  it('keeps the canonical action:resource spelling', () => {
    expect(normalizeScope('read:orders')).toBe('read:orders');
    expect(normalizeScope('write:api_keys')).toBe('write:api_keys');
  });

  it('accepts the resource:action alias', () => {
    expect(normalizeScope('orders:read')).toBe('read:orders');
    expect(normalizeScope('webhooks:write')).toBe('write:webhooks');
  });

  it('maps the coarse read / write to the wildcards', () => {
    expect(normalizeScope('read')).toBe('read:*');
    expect(normalizeScope('write')).toBe('write:*');
  });

  it('rejects unknown scopes and near misses', () => {
    expect(normalizeScope('delete:orders')).toBeUndefined();
    expect(normalizeScope('orders')).toBeUndefined();
    expect(normalizeScope('read:orders:extra')).toBeUndefined();
    expect(normalizeScope('write:analytics')).toBeUndefined();
  });

  it('normalises every accepted spelling the contract lists, and nothing else', async () => {
    const { acceptedScopeSpellings } = await import('../src/scopes.ts');
    for (const spelling of acceptedScopeSpellings) expect(normalizeScope(spelling), spelling).toBeDefined();
  });
});

describe('scopeSatisfies', () => {
  it('matches exactly', () => {
    expect(scopeSatisfies(['read:orders'], 'read:orders')).toBe(true);
    expect(scopeSatisfies(['read:orders'], 'write:orders')).toBe(false);
  });

  it('lets a wildcard cover every scope of its action only', () => {
    expect(scopeSatisfies(['read:*'], 'read:analytics')).toBe(true);
    expect(scopeSatisfies(['write:*'], 'read:orders')).toBe(false);
  });

  it('names the first missing scope', () => {
    expect(missingScope(['read:orders'], ['read:orders', 'write:orders'])).toBe('write:orders');
    expect(missingScope(['read:*', 'write:*'], ['read:orders', 'write:orders'])).toBeUndefined();
  });
});

describe('roles', () => {
  it('grants only canonical scopes', () => {
    for (const scopes of Object.values(roleScopes)) {
      for (const scope of scopes) expect(canonicalScopes).toContain(scope);
    }
  });

  it('keeps API-key management for owners', () => {
    expect(scopeSatisfies(scopesOfRole('CLIENT_OWNER'), 'write:api_keys')).toBe(true);
    expect(scopeSatisfies(scopesOfRole('CLIENT_ADMIN'), 'write:api_keys')).toBe(false);
    expect(scopeSatisfies(scopesOfRole('CLIENT_VIEWER'), 'read:api_keys')).toBe(false);
    expect(scopeSatisfies(scopesOfRole('CLIENT_VIEWER'), 'write:orders')).toBe(false);
  });
});
