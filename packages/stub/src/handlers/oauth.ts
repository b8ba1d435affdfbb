import type { Scope } from '@regen/contract/scopes';
import { TokenError } from '../auth/jwt.ts';
import { grants } from '../auth/principal.ts';
import type { StubRequest } from '../http/exchange.ts';
import { OAuthError } from '../http/oauth-error.ts';
import type { OAuthClient } from '../oauth/clients.ts';
import { verifyPkceS256 } from '../oauth/pkce.ts';
import type { Services } from './services.ts';
import {
  approve,
  CLIENT_SCOPES,
  checkAuthorizeRequest,
  consentHeaders,
  consentPage,
  withParams,
} from './support/authorize-flow.ts';
import { narrowScopes, parseScopeParam } from './support/scopes.ts';
import { issuePair } from './support/tokens.ts';
import type { Handlers } from './types.ts';

const invalidGrant = (description: string) => new OAuthError('invalid_grant', description);
const GRANT_TYPES: readonly unknown[] = ['client_credentials', 'authorization_code', 'refresh_token'];

/** A token request naming an unknown `grant_type` is `unsupported_grant_type` (RFC 6749 §5.2), not a generic 400. */
export function tokenRequestError(body: unknown): OAuthError | undefined {
  const grantType =
    typeof body === 'object' && body !== null ? (body as { grant_type?: unknown }).grant_type : undefined;
  if (typeof grantType === 'string' && !GRANT_TYPES.includes(grantType)) {
    return new OAuthError('unsupported_grant_type', `grant_type ${grantType} is not supported`);
  }
  return undefined;
}

/**
 * Client authentication under the shared failure budget (per address and per client id; the
 * contract's "Failed-authentication budget"): a spent budget is 429 before the secret is even
 * compared; a wrong secret counts; a right one makes this address known to the client.
 */
async function authenticateClient(
  services: Services,
  request: StubRequest,
  body: Readonly<Record<string, unknown>>,
): Promise<OAuthClient> {
  const authorization = request.header('authorization');
  const id = services.oauthClients.presentedId(authorization, body);
  const attempt = await services.authFailures.beginOrThrow(
    request.remoteAddress,
    id === undefined ? undefined : `client:${id}`,
  );
  try {
    const client = services.oauthClients.authenticate(authorization, body);
    // A public client presents no secret: nothing was proven, so the address is not remembered.
    if (client.secretDigest === null) await attempt.refund();
    else await attempt.succeeded();
    return client;
  } catch (error) {
    // A malformed request (not a wrong secret) judged no secret: it does not count.
    if (!(error instanceof OAuthError && error.error === 'invalid_client')) await attempt.refund();
    throw error;
  }
}

export const oauthHandlers = {
  createOAuthToken: async ({ body, request, services }) => {
    const client = await authenticateClient(services, request, body);
    const bearer = (access: string, expiresIn: number, scope: string, refresh?: string) => ({
      status: 200 as const,
      body: {
        access_token: access,
        token_type: 'Bearer' as const,
        expires_in: expiresIn,
        scope,
        ...(refresh !== undefined ? { refresh_token: refresh } : {}),
      },
      headers: { 'cache-control': 'no-store', pragma: 'no-cache' },
    });

    if (body.grant_type === 'client_credentials') {
      if (client.secretDigest === null)
        throw new OAuthError('unauthorized_client', 'Public clients cannot use client_credentials');
      if (services.tenancy.ownerOf(client.accountId) === undefined)
        throw new OAuthError('unauthorized_client', 'The client belongs to no account of this server');
      const requested = body.scope === undefined ? [...CLIENT_SCOPES] : parseScopeParam(body.scope);
      const scopes = requested && narrowScopes(requested, CLIENT_SCOPES);
      if (!scopes || scopes.length === 0) throw new OAuthError('invalid_scope', 'Unknown or empty scope');
      // Client-credentials tokens act in the client's account, on its live data.
      const access = await services.jwt.signAccess({
        sub: client.id,
        scope: scopes.join(' '),
        client_id: client.id,
        mode: 'live',
      });
      return bearer(access.token, access.expiresIn, scopes.join(' '));
    }

    if (body.grant_type === 'authorization_code') {
      const redeemed = await services.codes.redeem(body.code);
      if (!redeemed) throw invalidGrant('Authorization code is invalid or expired');
      if (redeemed.kind === 'replayed') {
        // RFC 6749 §4.1.2: a reused code revokes the tokens issued with it.
        for (const sid of redeemed.sessions) await services.sessions.revoke(sid);
        throw invalidGrant('Authorization code was already used');
      }
      const grant = redeemed.grant;
      if (grant.clientId !== client.id) throw invalidGrant('Authorization code was issued to another client');
      if (grant.redirectUri !== body.redirect_uri)
        throw invalidGrant('redirect_uri does not match the authorization request');
      if (!verifyPkceS256(body.code_verifier, grant.codeChallenge))
        throw invalidGrant('PKCE verification failed');
      const session = await services.sessions.open(
        grant.userId,
        client.id,
        grant.scope,
        services.settings.refreshTtlMs,
        'live',
      );
      await redeemed.bind(session.id);
      const pair = await issuePair(services, session, session.currentTokenId);
      return bearer(pair.accessToken, pair.expiresIn, grant.scope, pair.refreshToken);
    }

    let claims: Awaited<ReturnType<typeof services.jwt.verifyRefresh>>;
    try {
      claims = await services.jwt.verifyRefresh(body.refresh_token);
    } catch (error) {
      throw invalidGrant(
        error instanceof TokenError ? `Refresh token invalid: ${error.message}` : 'Refresh token invalid',
      );
    }
    const session = await services.sessions.live(claims.sid);
    if (session && session.clientId !== client.id)
      throw invalidGrant('Refresh token was issued to another client');
    let scope = session?.scope ?? '';
    if (body.scope !== undefined) {
      const held = new Set<string>(scope.split(' '));
      const asked = parseScopeParam(body.scope);
      if (!asked || asked.length === 0 || asked.some((s: Scope) => !grants(held, s))) {
        throw new OAuthError('invalid_scope', 'scope must be a subset of the scopes originally granted');
      }
      scope = asked.join(' ');
    }
    try {
      const pair = await services.sessions.rotate(claims.sid, claims.jti, (s, next) =>
        issuePair(services, s, next, scope),
      );
      return bearer(pair.accessToken, pair.expiresIn, scope, pair.refreshToken);
    } catch (error) {
      if (error instanceof TokenError) throw invalidGrant(error.message);
      throw error;
    }
  },

  authorize: async ({ query, request, services }) => {
    const requested = checkAuthorizeRequest(services, query);
    if (requested === undefined || requested.length === 0) {
      return {
        status: 302,
        headers: {
          location: withParams(query.redirect_uri, { error: 'invalid_scope', state: query.state }),
          'cache-control': 'no-store',
        },
      };
    }
    if (query.auto_approve === true) {
      // Test-only shortcut (documented in the contract): approve at once as the owner of the
      // client's account (the demo account for clients registered without one).
      await services.passwordsReady;
      const client = services.oauthClients.get(query.client_id);
      const owner = client && services.tenancy.ownerOf(client.accountId);
      if (owner === undefined) {
        return {
          status: 302,
          headers: {
            location: withParams(query.redirect_uri, {
              error: 'unauthorized_client',
              error_description: 'The client belongs to no account of this server',
              state: query.state,
            }),
            'cache-control': 'no-store',
          },
        };
      }
      return {
        status: 302,
        // The Location carries an authorization code: a credential, never cached.
        headers: {
          location: await approve(services, query, requested, owner),
          'cache-control': 'no-store',
        },
      };
    }
    return {
      status: 200,
      body: consentPage(query, request.rawQuery, requested),
      contentType: 'text/html; charset=utf-8',
      headers: consentHeaders(query),
    };
  },

  revokeOAuthToken: async ({ body, request, services }) => {
    const client = await authenticateClient(services, request, body);
    // RFC 7009 §2.2: answer 200 whether or not the token was valid; tokens of other clients are left alone.
    if (body.token_type_hint !== 'access_token') {
      try {
        const claims = await services.jwt.verifyRefresh(body.token);
        if ((await services.sessions.live(claims.sid))?.clientId === client.id)
          await services.sessions.revoke(claims.sid);
        return { status: 200 };
      } catch {
        // Not a refresh token: try it as an access token.
      }
    }
    try {
      const claims = await services.jwt.verifyAccess(body.token);
      if (claims.client_id === client.id) await services.denylist.revoke(claims.jti, claims.exp);
    } catch {
      // Unknown or already invalid: nothing to do.
    }
    return { status: 200 };
  },
} satisfies Pick<Handlers, 'createOAuthToken' | 'authorize' | 'revokeOAuthToken'>;
