import { type Scope, scopesOfRole } from '@regen/contract/scopes';
import { consentPageHeaders, cspHash, escapeHtml } from '../../http/html.ts';
import { OAuthError } from '../../http/oauth-error.ts';
import type { UserRecord } from '../../store/records.ts';
import type { Services } from '../services.ts';
import { narrowScopes, parseScopeParam } from './scopes.ts';

/** Query parameters of `GET /oauth/authorize` (after validation against the contract). */
export interface AuthorizeQuery {
  readonly response_type: 'code';
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly scope?: string;
  readonly state?: string;
  readonly code_challenge: string;
  readonly code_challenge_method: 'S256';
  readonly auto_approve?: boolean;
}

/** Scopes an OAuth client may be granted: everything; the user's role narrows it further. */
export const CLIENT_SCOPES: readonly Scope[] = ['read:*', 'write:*'];

/** `uri` with extra query parameters (RFC 6749 §4.1.2: added to the redirect URI's query). */
export function withParams(uri: string, params: Readonly<Record<string, string | undefined>>): string {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * Checks client and redirect URI: failures are answered with 400 and never redirected
 * (RFC 6749 §4.1.2.1). Returns the requested scopes, or `undefined` if `scope` is invalid
 * (which is reported to the client through the redirect).
 */
export function checkAuthorizeRequest(services: Services, q: AuthorizeQuery): Scope[] | undefined {
  if (!services.oauthClients.get(q.client_id))
    throw new OAuthError('invalid_client', `Unknown client_id ${q.client_id}`);
  if (!services.oauthClients.redirectAllowed(q.redirect_uri)) {
    throw new OAuthError('invalid_request', 'redirect_uri is not registered for this client');
  }
  return q.scope === undefined ? [...CLIENT_SCOPES] : parseScopeParam(q.scope);
}

/** Issues a code for `user` and returns the redirect `Location` (an error redirect if no scope remains). */
export async function approve(
  services: Services,
  q: AuthorizeQuery,
  requested: readonly Scope[],
  user: UserRecord,
): Promise<string> {
  const scopes = narrowScopes(requested, scopesOfRole(user.role));
  if (scopes.length === 0) return withParams(q.redirect_uri, { error: 'invalid_scope', state: q.state });
  const code = await services.codes.issue({
    clientId: q.client_id,
    userId: user.id,
    redirectUri: q.redirect_uri,
    scope: scopes.join(' '),
    codeChallenge: q.code_challenge,
  });
  return withParams(q.redirect_uri, { code, state: q.state });
}

const CONSENT_STYLE =
  'body{font:15px system-ui,sans-serif;max-width:420px;margin:40px auto;color:#1d2433}label{display:block;margin:8px 0}input{width:100%;padding:6px}button{margin:12px 8px 0 0;padding:6px 14px}.error{color:#c62828}';
const CONSENT_STYLE_HASH = cspHash(CONSENT_STYLE);

/** Headers of the consent page: CSP allowing only its hashed stylesheet, no script, no framing. */
export function consentHeaders(q: Pick<AuthorizeQuery, 'redirect_uri'>): Record<string, string> {
  return consentPageHeaders(CONSENT_STYLE_HASH, q.redirect_uri);
}

/**
 * The login-and-consent page. Its form posts to `/oauth/consent` (a stub route; the contract
 * documents only `GET /oauth/authorize`) with the same query string.
 */
export function consentPage(
  q: AuthorizeQuery,
  rawQuery: string,
  requested: readonly Scope[],
  error?: string,
): string {
  const scopes = requested.map((s) => `<li><code>${escapeHtml(s)}</code></li>`).join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Authorize ${escapeHtml(q.client_id)}</title>
<style>${CONSENT_STYLE}</style>
</head><body>
<h1>Authorize ${escapeHtml(q.client_id)}</h1>
<p><strong>${escapeHtml(q.client_id)}</strong> asks for access to your Regen account:</p><ul>${scopes}</ul>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/oauth/consent?${escapeHtml(rawQuery)}">
<label>Email <input name="email" type="email" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button name="decision" value="approve" type="submit">Allow</button><button name="decision" value="deny" type="submit" formnovalidate>Deny</button>
</form></body></html>`;
}
