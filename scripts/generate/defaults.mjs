/**
 * @module Emits the documented defaults of the contract model (`x-token-lifetimes`,
 * `x-rate-limit-tiers`) as typed constants, twice from one source: `defaults.ts` in the contract's
 * generated directory (`@regen/contract/defaults`) and `contract-defaults.ts` in the stub's, which
 * the stub's configuration reads its defaults from (the stub's generated files import nothing, so
 * its folders stay layered).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { withHeader } from './header.mjs';

const json = (value) => JSON.stringify(value, null, 2);

/** The source of both files. */
export function defaultsSource(defaults) {
  const { bearerTokenLifetimes: bearer, oauthTokenLifetimes: oauth, rateLimitTiers } = defaults;
  const tierNames = Object.keys(rateLimitTiers)
    .map((name) => `'${name}'`)
    .join(' | ');
  return `/** One documented rate-limit tier: \`limit\` requests per fixed window of \`windowSeconds\`. */
export interface RateLimitTier {
  /** Requests allowed in one window. */
  readonly limit: number;
  /** Length of the window, in seconds. */
  readonly windowSeconds: number;
}

/** Lifetimes of \`BearerAuth\` tokens, in seconds (the scheme's \`x-token-lifetimes\`). */
export interface BearerTokenLifetimes {
  /** Lifetime of a JWT access token from \`login\` or \`refreshToken\`. */
  readonly accessTokenSeconds: number;
  /** Lifetime of a refresh token (single-use, rotated on each refresh). */
  readonly refreshTokenSeconds: number;
  /**
   * Reuse leeway: for this long after a refresh, the spent refresh token sent again answers the same
   * new pair (a client that lost the response can retry); later it is refused and revokes its family.
   */
  readonly refreshReuseLeewaySeconds: number;
}

/** Lifetimes of \`OAuth2\` tokens and codes, in seconds (the scheme's \`x-token-lifetimes\`). */
export interface OAuthTokenLifetimes {
  /** Lifetime of an access token from \`createOAuthToken\`. */
  readonly accessTokenSeconds: number;
  /** Lifetime of an authorization code (single-use). */
  readonly authorizationCodeSeconds: number;
}

/** The \`BearerAuth\` scheme's \`x-token-lifetimes\`: access token, refresh token and refresh-token reuse leeway, in seconds. */
export const bearerTokenLifetimes: BearerTokenLifetimes = ${json(bearer)};

/** The \`OAuth2\` scheme's \`x-token-lifetimes\`: access token and authorization code, in seconds. */
export const oauthTokenLifetimes: OAuthTokenLifetimes = ${json(oauth)};

/** The name of a documented rate-limit tier (a key of the contract's \`x-rate-limit-tiers\`). */
export type RateLimitTierName = ${tierNames};

/** The default plan's rate-limit tiers (the contract's root \`x-rate-limit-tiers\`, "Rate limits"), in document order. */
export const rateLimitTiers: Readonly<Record<RateLimitTierName, RateLimitTier>> = ${json(rateLimitTiers)};
`;
}

/** Writes `defaults.ts` into the contract's generated directory and `contract-defaults.ts` into the stub's. */
export async function generateDefaults(model, contractOutDir, stubOutDir) {
  const source = withHeader(defaultsSource(model.defaults));
  const files = [path.join(contractOutDir, 'defaults.ts'), path.join(stubOutDir, 'contract-defaults.ts')];
  for (const file of files) await writeFile(file, source);
  return files;
}
