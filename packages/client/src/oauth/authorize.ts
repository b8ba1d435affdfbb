import { RegenError } from '../errors/RegenError.ts';
import { DEFAULT_BASE_URL } from '../internal/base-url.ts';
import { base64url } from '../internal/base64url.ts';
import { createPkcePair } from './pkce.ts';

/** What the authorization URL carries (RFC 6749 §4.1.1, RFC 7636 §4.3). */
export interface AuthorizeUrlParams {
  /** API origin (default the production gateway). */
  baseUrl?: string | undefined;
  /** The OAuth client's id (`client_id`). */
  clientId: string;
  /** Registered redirect URI (exact match). */
  redirectUri: string;
  /** S256 challenge of the verifier you keep. */
  codeChallenge: string;
  /** Scopes to ask for (any accepted spelling); default: the client's scopes. */
  scopes?: readonly string[] | string | undefined;
  /** Anti-CSRF value echoed on the redirect. */
  state?: string | undefined;
}

/** The `GET /oauth/authorize` URL to send the user to (RFC 6749 §4.1.1 with RFC 7636 §4.3). */
export function buildAuthorizeUrl(params: AuthorizeUrlParams): string {
  const url = new URL('/oauth/authorize', (params.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, ''));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  const scope = typeof params.scopes === 'string' ? params.scopes : params.scopes?.join(' ');
  if (scope) url.searchParams.set('scope', scope);
  if (params.state !== undefined) url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge', params.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/**
 * Everything to start the authorization-code flow: the URL to redirect to, plus the `state` and
 * `codeVerifier` to keep (server session, or sessionStorage in a SPA) until the callback.
 */
export async function createAuthorizationRequest(params: Omit<AuthorizeUrlParams, 'codeChallenge'>): Promise<{
  /** The authorization URL to send the user's browser to. */
  url: string;
  /** The `state` to compare with the callback's ({@link parseCallback}). */
  state: string;
  /** The PKCE verifier to send with the code ({@link exchangeCode}); keep it secret. */
  codeVerifier: string;
}> {
  const { codeVerifier, codeChallenge } = await createPkcePair();
  const state = params.state ?? base64url(crypto.getRandomValues(new Uint8Array(16)));
  return { url: buildAuthorizeUrl({ ...params, state, codeChallenge }), state, codeVerifier };
}

/**
 * Reads the redirect back to `redirect_uri`: checks `state` against the one you kept and returns
 * the code, or throws with the RFC 6749 §4.1.2.1 `error` the server sent.
 */
export function parseCallback(
  callbackUrl: string | URL,
  expectedState: string,
): {
  /** The authorization code (single-use, exchange it once). */
  code: string;
} {
  const params = new URL(callbackUrl).searchParams;
  if (params.get('state') !== expectedState)
    throw new RegenError('OAuth callback state does not match: possible CSRF.');
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    throw new RegenError(`Authorization failed: ${error}${description ? ` (${description})` : ''}`);
  }
  const code = params.get('code');
  if (!code) throw new RegenError('OAuth callback carries no code.');
  return { code };
}
