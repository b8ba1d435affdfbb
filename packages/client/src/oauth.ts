/**
 * `@regen/client/oauth`: the OAuth 2.0 authorization-code flow with PKCE (the contract's `OAuth2` scheme;
 * RFC 6749 §4.1, RFC 7636). Client credentials need none of this: `new RegenClient({ clientId, clientSecret })`.
 *
 * @module
 */

export type { Refresher, TokenPair } from './core/tokens.ts';
export {
  type AuthorizeUrlParams,
  buildAuthorizeUrl,
  createAuthorizationRequest,
  parseCallback,
} from './oauth/authorize.ts';
export { computeCodeChallenge, createPkcePair, generateCodeVerifier } from './oauth/pkce.ts';
export {
  exchangeCode,
  type OAuthTokens,
  oauthRefresher,
  refreshOAuthToken,
  type TokenEndpointOptions,
} from './oauth/token-endpoint.ts';
