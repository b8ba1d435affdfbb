/**
 * @module oauth_semantics (needs `--oauth-client ID:SECRET`): client credentials give a working
 * token; every RFC 6749 §5.2 error the contract lists is produced by a request that should produce
 * it, in that shape; PKCE (RFC 7636): a wrong verifier is refused, a code is single-use;
 * revocation per RFC 7009 (the token stops working, an unknown token is answered 200).
 */
import { createHash } from 'node:crypto';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json } from '../../spec/types.ts';
import { asBearer, call, fresh, nonce, record, requireOp, said } from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip } from '../api.ts';

export const name = 'oauth_semantics';

function oauthError(e: Exchange): string | undefined {
  return isObject(e.json) && typeof e.json.error === 'string' ? e.json.error : undefined;
}

async function run(ctx: CheckContext): Promise<void> {
  const ops = {
    token: requireOp(ctx, 'createOAuthToken'),
    authorize: requireOp(ctx, 'authorize'),
    revoke: requireOp(ctx, 'revokeOAuthToken'),
  };
  const client = ctx.settings.oauthClient;
  if (!client?.secret) {
    for (const op of Object.values(ops))
      record(ctx, name, op, skip('needs a confidential OAuth client: run with --oauth-client ID:SECRET'));
    return;
  }
  const auth = { client_id: client.id, client_secret: client.secret };
  const token = (value: Record<string, Json>, what: string, on = ops.token) =>
    call(
      ctx,
      name,
      'createOAuthToken',
      what,
      { auth: 'none', body: { contentType: 'application/json', value } },
      on,
    );

  // Client credentials.
  const cc = await token({ grant_type: 'client_credentials', ...auth }, 'client credentials');
  if (!cc) return;
  const access =
    isObject(cc.json) && typeof cc.json.access_token === 'string' ? cc.json.access_token : undefined;
  if (!access)
    return ctx.recorder.error(
      name,
      ops.token,
      `client credentials answered ${said(cc)}: is --oauth-client right?`,
    );
  ctx.redactor.add(access, '$REGEN_ISSUED_TOKEN');
  const tt = isObject(cc.json) ? cc.json.token_type : undefined;
  const used = await call(
    ctx,
    name,
    'getCurrentUser',
    'use the client-credentials token',
    { auth: asBearer(access) },
    ops.token,
  );
  if (used)
    record(
      ctx,
      name,
      ops.token,
      used.response.status < 300 && tt === 'Bearer'
        ? PASS
        : fail(
            `a client-credentials token (token_type ${JSON.stringify(tt)}) was answered ${said(used)}`,
            'client-credentials',
          ),
      used,
    );

  // Every RFC 6749 §5.2 error the contract lists.
  const errors: { error: string; status: number; body?: Record<string, Json>; reason?: string }[] = [
    { error: 'invalid_request', status: 400, body: { ...auth } },
    {
      error: 'invalid_client',
      status: 401,
      body: {
        grant_type: 'client_credentials',
        client_id: `cli_unknown_${fresh(12)}`,
        client_secret: fresh(24),
      },
    },
    {
      error: 'invalid_grant',
      status: 400,
      body: {
        grant_type: 'authorization_code',
        code: nonce(ctx, 32, name, 'bogus-code'),
        code_verifier: nonce(ctx, 64, name, 'verifier'),
        redirect_uri: client.redirectUri,
        ...auth,
      },
    },
    {
      error: 'unsupported_grant_type',
      status: 400,
      body: { grant_type: 'urn:regen:conformance:unknown', ...auth },
    },
    {
      error: 'invalid_scope',
      status: 400,
      body: { grant_type: 'client_credentials', scope: 'read:nothing_at_all', ...auth },
    },
    {
      error: 'unauthorized_client',
      status: 400,
      reason: 'needs a client not authorised for a grant type, which the contract cannot name',
    },
  ];
  const node = ctx.spec.document.components;
  const listed = JSON.stringify(
    isObject(node) && isObject(node.schemas) ? (node.schemas.OAuthError ?? '') : '',
  );
  for (const e of errors) {
    if (listed !== '""' && !listed.includes(`"${e.error}"`)) continue;
    if (!e.body) {
      record(ctx, name, ops.token, skip(`${e.error}: ${e.reason}`));
      continue;
    }
    const got = await token(e.body, `a request that earns ${e.error}`);
    if (!got) continue;
    const code = oauthError(got);
    record(
      ctx,
      name,
      ops.token,
      got.response.status === e.status && code === e.error
        ? PASS
        : fail(
            `a request that should earn ${e.error} was answered ${got.response.status} ${code ?? '(no RFC 6749 error)'}, expected ${e.status} {"error":"${e.error}"}`,
            e.error,
          ),
      got,
    );
  }

  // PKCE: a wrong verifier is refused; a code is single-use.
  const code = async (label: string): Promise<{ code?: string; verifier: string; exchange?: Exchange }> => {
    const verifier = nonce(ctx, 64, name, label);
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const got = await call(ctx, name, 'authorize', `authorize (${label})`, {
      auth: 'none',
      query: {
        response_type: 'code',
        client_id: client.id,
        redirect_uri: client.redirectUri,
        code_challenge: challenge,
        code_challenge_method: 'S256',
        state: nonce(ctx, 16, name, label, 'state'),
        auto_approve: true,
      },
    });
    const location = got?.response.headers.location;
    const issued =
      got?.response.status === 302 && location
        ? new URL(location, ctx.settings.baseUrl).searchParams.get('code')
        : null;
    if (issued) ctx.redactor.add(issued, '$REGEN_ISSUED_TOKEN');
    return { ...(issued ? { code: issued } : {}), verifier, ...(got ? { exchange: got } : {}) };
  };
  const exchangeCode = (c: string, verifier: string, what: string) =>
    token(
      {
        grant_type: 'authorization_code',
        code: c,
        code_verifier: verifier,
        redirect_uri: client.redirectUri,
        ...auth,
      },
      what,
      ops.authorize,
    );
  const a = await code('wrong verifier');
  if (!a.code) {
    record(
      ctx,
      name,
      ops.authorize,
      skip(
        `authorize with auto_approve=true answered ${a.exchange ? said(a.exchange) : 'nothing'}, not a 302 with a code: PKCE needs a test server that auto-approves`,
      ),
    );
  } else {
    const wrong = await exchangeCode(
      a.code,
      nonce(ctx, 64, name, 'not the verifier'),
      'exchange a code with a wrong verifier',
    );
    if (wrong)
      record(
        ctx,
        name,
        ops.authorize,
        wrong.response.status === 400 && oauthError(wrong) === 'invalid_grant'
          ? PASS
          : fail(
              `a code with a wrong PKCE verifier was answered ${said(wrong)}, expected 400 invalid_grant`,
              'wrong-verifier',
            ),
        wrong,
      );
    const b = await code('single use');
    if (b.code) {
      const firstUse = await exchangeCode(b.code, b.verifier, 'exchange a code');
      const issued = firstUse && isObject(firstUse.json) ? firstUse.json.access_token : undefined;
      if (typeof issued === 'string') ctx.redactor.add(issued, '$REGEN_ISSUED_TOKEN');
      if (firstUse && firstUse.response.status >= 300)
        record(
          ctx,
          name,
          ops.authorize,
          fail(`a code with its verifier was answered ${said(firstUse)}`, 'code-refused'),
          firstUse,
        );
      else if (firstUse) {
        const secondUse = await exchangeCode(b.code, b.verifier, 'exchange the same code again');
        if (secondUse)
          record(
            ctx,
            name,
            ops.authorize,
            secondUse.response.status === 400 && oauthError(secondUse) === 'invalid_grant'
              ? PASS
              : fail(
                  `a code used twice was answered ${said(secondUse)} the second time, expected 400 invalid_grant (codes are single-use)`,
                  'code-reused',
                ),
            secondUse,
          );
      }
    }
  }

  // Revocation (RFC 7009): the token stops working; an unknown token is answered 200.
  const revoked = await call(ctx, name, 'revokeOAuthToken', 'revoke the client-credentials token', {
    auth: 'none',
    body: {
      contentType: 'application/json',
      value: { token: access, token_type_hint: 'access_token', ...auth },
    },
  });
  if (revoked) {
    if (revoked.response.status !== 200)
      record(
        ctx,
        name,
        ops.revoke,
        fail(`revoking a token answered ${said(revoked)}, expected 200`, 'revoke'),
        revoked,
      );
    else {
      const after = await call(
        ctx,
        name,
        'getCurrentUser',
        'use the revoked token',
        { auth: asBearer(access) },
        ops.revoke,
      );
      if (after)
        record(
          ctx,
          name,
          ops.revoke,
          after.response.status === 401
            ? PASS
            : fail(`a revoked token was answered ${said(after)}, expected 401`, 'revoked-works'),
          after,
        );
    }
  }
  const unknown = await call(ctx, name, 'revokeOAuthToken', 'revoke a token the server never issued', {
    auth: 'none',
    body: {
      contentType: 'application/json',
      value: { token: nonce(ctx, 40, name, 'unknown-token'), ...auth },
    },
  });
  if (unknown)
    record(
      ctx,
      name,
      ops.revoke,
      unknown.response.status === 200
        ? PASS
        : fail(
            `revoking an unknown token answered ${said(unknown)}, expected 200 (RFC 7009 §2.2)`,
            'revoke-unknown',
          ),
      unknown,
    );
}

export const oauthSemantics = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['createOAuthToken', 'authorize', 'revokeOAuthToken'],
  description:
    'Client credentials give a working Bearer token; each RFC 6749 §5.2 error the contract lists comes from the request that earns it; PKCE refuses a wrong verifier, codes are single-use; revoked tokens stop working (RFC 7009).',
  clause:
    '"/oauth/* errors" (OAuthError, RFC 6749 §5.2), OAuth2 scheme (client credentials, authorization code + PKCE S256), /oauth/revoke (RFC 7009)',
  run,
  profiles: {
    prism: [{ reason: 'Prism keeps no clients, codes or tokens: every request gets its example' }],
  },
});
