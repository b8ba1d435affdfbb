import type { components } from '@regen/contract';
import { redactSecrets } from '@regen/contract/http';
import type { Refresher } from '../core/tokens.ts';
import { APIConnectionError } from '../errors/APIConnectionError.ts';
import { APIUserAbortError } from '../errors/APIUserAbortError.ts';
import { checkBaseUrl, DEFAULT_BASE_URL } from '../internal/base-url.ts';
import { makeAPIError } from '../internal/make-api-error.ts';
import { toForm } from '../internal/to-form.ts';

/** RFC 6749 §5.1 token response. */
export type OAuthTokens = components['schemas']['OAuthTokenResponse'];

/** Where and how to reach the token endpoint. */
export interface TokenEndpointOptions {
  /** API origin (default the production gateway). */
  baseUrl?: string | undefined;
  /** The OAuth client's id (`client_id`). */
  clientId: string;
  /** Confidential clients only; never ship it to a browser. */
  clientSecret?: string | undefined;
  /** A `fetch` implementation (default: the global one). */
  fetch?: typeof fetch | undefined;
  /** Aborts the token request. */
  signal?: AbortSignal | undefined;
  /** Allow a plain `http://` origin other than loopback (credentials in clear: tests only). */
  allowInsecureHttp?: boolean | undefined;
}

/**
 * `POST /oauth/token` with a form body, sent once: an authorization code is single-use (RFC 6749
 * §4.1.2) and a rotated refresh token too, so a second attempt could only fail. OAuth errors keep
 * `error` / `error_description`; an abort throws `APIUserAbortError`, a failed connection or a
 * 2xx body that is not JSON `APIConnectionError`, as on every other call.
 */
export async function postTokenForm(
  options: TokenEndpointOptions,
  fields: Record<string, string | undefined>,
): Promise<OAuthTokens> {
  const base = checkBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL, options.allowInsecureHttp);
  const form = toForm({ ...fields, client_id: options.clientId, client_secret: options.clientSecret });
  const secrets = [options.clientSecret, fields.code, fields.code_verifier, fields.refresh_token];
  const redact = (text: string) => redactSecrets(text, secrets);
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  let text: string;
  try {
    response = await fetchImpl(`${base}/oauth/token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: form,
      signal: options.signal ?? null,
    });
    text = await response.text();
  } catch (cause) {
    if (options.signal?.aborted) throw new APIUserAbortError();
    throw new APIConnectionError({ message: `Connection error: POST ${base}/oauth/token`, cause });
  }
  if (!response.ok) throw makeAPIError(response.status, text, response.headers, redact);
  try {
    return JSON.parse(text) as OAuthTokens;
  } catch (cause) {
    throw new APIConnectionError({ message: `Invalid JSON in response to POST ${base}/oauth/token`, cause });
  }
}

/** Exchanges an authorization code and its PKCE verifier for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5). */
export function exchangeCode(
  options: TokenEndpointOptions & { code: string; redirectUri: string; codeVerifier: string },
): Promise<OAuthTokens> {
  return postTokenForm(options, {
    grant_type: 'authorization_code',
    code: options.code,
    redirect_uri: options.redirectUri,
    code_verifier: options.codeVerifier,
  });
}

/** Uses an OAuth refresh token (RFC 6749 §6). */
export function refreshOAuthToken(
  options: TokenEndpointOptions & { refreshToken: string; scopes?: readonly string[] | undefined },
): Promise<OAuthTokens> {
  return postTokenForm(options, {
    grant_type: 'refresh_token',
    refresh_token: options.refreshToken,
    scope: options.scopes?.join(' '),
  });
}

/**
 * A `refresh` for `new RegenClient({ accessToken, refreshToken, refresh })` holding tokens from
 * the authorization-code flow: renewals go to `/oauth/token`, single-flight like any session.
 */
export function oauthRefresher(options: TokenEndpointOptions): Refresher {
  return async (refreshToken) => {
    const t = await refreshOAuthToken({ ...options, refreshToken });
    return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresIn: t.expires_in };
  };
}
