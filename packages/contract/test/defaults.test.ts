import { readFile } from 'node:fs/promises';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type BearerTokenLifetimes,
  bearerTokenLifetimes,
  type OAuthTokenLifetimes,
  oauthTokenLifetimes,
  type RateLimitTier,
  type RateLimitTierName,
  rateLimitTiers,
} from '../src/defaults.ts';

type Schemes = Record<string, { 'x-token-lifetimes'?: unknown }>;
const document = JSON.parse(await readFile(new URL('../openapi.json', import.meta.url), 'utf8')) as {
  'x-rate-limit-tiers': unknown;
  components: { securitySchemes: Schemes };
};

describe('documented defaults', () => {
  it("are the bundled document's extensions, in seconds", () => {
    const schemes = document.components.securitySchemes;
    expect(bearerTokenLifetimes).toEqual(schemes.BearerAuth?.['x-token-lifetimes']);
    expect(oauthTokenLifetimes).toEqual(schemes.OAuth2?.['x-token-lifetimes']);
    expect(rateLimitTiers).toEqual(document['x-rate-limit-tiers']);
  });

  it('state what the prose states: 1 hour, 7 days, a 10-second leeway, 10-minute codes, 100/h, 10/min, 50 writes/h', () => {
    expect(bearerTokenLifetimes).toEqual({
      accessTokenSeconds: 3600,
      refreshTokenSeconds: 7 * 86_400,
      refreshReuseLeewaySeconds: 10,
    });
    expect(oauthTokenLifetimes).toEqual({ accessTokenSeconds: 3600, authorizationCodeSeconds: 600 });
    expect(Object.keys(rateLimitTiers)).toEqual(['standard', 'burst', 'write']);
    expect(rateLimitTiers.standard).toEqual({ limit: 100, windowSeconds: 3600 });
    expect(rateLimitTiers.burst).toEqual({ limit: 10, windowSeconds: 60 });
    expect(rateLimitTiers.write).toEqual({ limit: 50, windowSeconds: 3600 });
  });

  it('are typed: tier names from the contract, figures as numbers', () => {
    expectTypeOf<RateLimitTierName>().toEqualTypeOf<'standard' | 'burst' | 'write'>();
    expectTypeOf(rateLimitTiers.burst).toEqualTypeOf<RateLimitTier>();
    expectTypeOf(bearerTokenLifetimes).toEqualTypeOf<BearerTokenLifetimes>();
    expectTypeOf(bearerTokenLifetimes.refreshReuseLeewaySeconds).toEqualTypeOf<number>();
    expectTypeOf(oauthTokenLifetimes).toEqualTypeOf<OAuthTokenLifetimes>();
    // @ts-expect-error not a documented tier
    rateLimitTiers.daily;
  });
});
