/**
 * The defaults the contract documents machine-readably, generated from `openapi/`: token
 * lifetimes and the refresh-token reuse leeway (`x-token-lifetimes` of the `BearerAuth` and
 * `OAuth2` schemes) and the default plan's rate-limit tiers (`x-rate-limit-tiers`), all in
 * seconds. Servers start from them, clients and the conformance runner expect them; it is data only.
 *
 * @module
 */

export {
  type BearerTokenLifetimes,
  bearerTokenLifetimes,
  type OAuthTokenLifetimes,
  oauthTokenLifetimes,
  type RateLimitTier,
  type RateLimitTierName,
  rateLimitTiers,
} from './generated/defaults.ts';
