/**
 * @module Valid OAuth requests (RFC 6749, RFC 7636, RFC 7009) for a client the server knows
 * (`--oauth-client ID:SECRET`): client credentials at the token endpoint, a PKCE authorization
 * request, and the revocation of a token obtained for the purpose.
 */
import { createHash } from 'node:crypto';
import type { Case } from '../generate/case.ts';
import { isObject } from '../spec/json-pointer.ts';
import type { Json } from '../spec/types.ts';
import { operation } from './cases.ts';
import type { CheckContext } from './context.ts';
import type { OAuthClient } from './settings.ts';

function credentials(client: OAuthClient): Record<string, Json> {
  return client.secret === undefined
    ? { client_id: client.id }
    : { client_id: client.id, client_secret: client.secret };
}

function withBody(testCase: Case, value: Record<string, Json>): Case {
  return { ...testCase, body: { contentType: testCase.body?.contentType ?? 'application/json', value } };
}

/** A client-credentials token request (RFC 6749 §4.4), in the case's media type. */
export function tokenRequest(testCase: Case, client: OAuthClient): Case {
  return withBody(testCase, { grant_type: 'client_credentials', ...credentials(client) });
}

/**
 * An authorization request with a PKCE challenge (RFC 7636 §4.2), keeping generated `state`
 * and `auto_approve`. The verifier derives from the generated case, so seeds still reproduce.
 */
export function authorizeRequest(testCase: Case, client: OAuthClient): Case {
  const verifier = createHash('sha256').update(JSON.stringify(testCase.query)).digest('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const { scope: _scope, ...query } = testCase.query;
  return {
    ...testCase,
    query: {
      ...query,
      response_type: 'code',
      client_id: client.id,
      redirect_uri: client.redirectUri,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    },
  };
}

/** Revokes a token the run obtains first, never one it authenticates with. */
export async function revokeRequest(
  ctx: CheckContext,
  testCase: Case,
  client: OAuthClient,
): Promise<Case | undefined> {
  const tokenOp = operation(ctx, 'createOAuthToken');
  if (!tokenOp) return undefined;
  const base: Case = {
    pathParams: {},
    query: {},
    headers: {},
    body: { contentType: 'application/json', value: {} },
    auth: 'none',
    description: 'fixture: token to revoke',
  };
  const sent = await ctx.send(tokenOp, tokenRequest(base, client), 'fixture', ctx.settings.seed);
  const token = sent.ok && isObject(sent.exchange.json) ? sent.exchange.json.access_token : undefined;
  if (typeof token !== 'string') return undefined;
  ctx.redactor.add(token, '$REGEN_OAUTH_TOKEN');
  return withBody(testCase, { token, token_type_hint: 'access_token', ...credentials(client) });
}
