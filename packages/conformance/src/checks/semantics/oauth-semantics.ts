/**
 * @module oauth_semantics (needs `--oauth-client ID:SECRET`): client credentials give a working
 * token; every RFC 6749 §5.2 error the contract lists is produced by a request that should produce
 * it, in that shape (`unauthorized_client` with `--oauth-public-client ID`); PKCE (RFC 7636): a
 * wrong verifier is refused, a code is single-use; revocation per RFC 7009 (the token stops
 * working, an unknown token is answered 200). Tokens are tried on the probe operation
 * (support/probe-operation.ts): a 404 from it is "cannot judge", never a verdict.
 */
import { createHash } from 'node:crypto';
import { isObject } from '../../spec/json-pointer.ts';
import type { Json, OperationSpec } from '../../spec/types.ts';
import {
  asBearer,
  call,
  fresh,
  nonce,
  type OAuthClient,
  record,
  requireOp,
  said,
  tryCredential,
} from '../../support/index.ts';
import {
  type CheckContext,
  defineCheck,
  type Exchange,
  fail,
  notApplicable,
  PASS,
  type RuleDeclaration,
  type RuleId,
  ruleOf,
  skip,
} from '../api.ts';

export const name = 'oauth_semantics';

/** One rule per RFC 6749 §5.2 error: each is earned by its own request (or why none can be sent). */
const ERROR_RULES = Object.fromEntries(
  [
    'invalid_request',
    'invalid_client',
    'invalid_grant',
    'unauthorized_client',
    'unsupported_grant_type',
    'invalid_scope',
  ].map((error) => [
    error,
    {
      operation: 'createOAuthToken',
      description: `the request that earns ${error} is answered with it, in the OAuthError shape`,
    },
  ]),
) as Readonly<Record<string, RuleDeclaration>>;

const RULES: Readonly<Record<string, RuleDeclaration>> = {
  'client-credentials': {
    operation: 'createOAuthToken',
    description: 'client credentials give a Bearer token that works on the probe operation',
  },
  ...ERROR_RULES,
  pkce: {
    operation: 'authorize',
    description: 'a code exchanged with another verifier is refused, 400 invalid_grant',
  },
  'single-use-code': {
    operation: 'authorize',
    description: 'a code exchanged a second time is refused, 400 invalid_grant',
  },
  revocation: {
    operation: 'revokeOAuthToken',
    description: 'revoking a token answers 200 and the token stops working (401)',
  },
  'revoke-unknown': {
    operation: 'revokeOAuthToken',
    description: 'revoking a token the server never issued answers 200 (RFC 7009 §2.2)',
  },
};

type OAuthRule = 'client-credentials' | 'pkce' | 'single-use-code' | 'revocation' | 'revoke-unknown';
const rule = (r: OAuthRule) => ruleOf(name, r);

function oauthError(e: Exchange): string | undefined {
  return isObject(e.json) && typeof e.json.error === 'string' ? e.json.error : undefined;
}

/** What every step shares: the client, its credentials as body fields, the three operations. */
interface OAuthRun {
  readonly ctx: CheckContext;
  readonly client: OAuthClient;
  readonly auth: { readonly client_id: string; readonly client_secret: string };
  readonly ops: {
    readonly token: OperationSpec;
    readonly authorize: OperationSpec;
    readonly revoke: OperationSpec;
  };
}

/** A token request (JSON body, no credential header); its verdicts go on `on`. */
function tokenRequest(
  run: OAuthRun,
  as: RuleId,
  value: Record<string, Json>,
  what: string,
  on = run.ops.token,
) {
  return call(
    run.ctx,
    as,
    'createOAuthToken',
    what,
    { auth: 'none', body: { contentType: 'application/json', value } },
    on,
  );
}

/** Client credentials give a Bearer token that works; returns it (revocation revokes it). */
async function clientCredentialsGiveAWorkingToken(run: OAuthRun): Promise<string | undefined> {
  const { ctx, ops, auth } = run;
  const cc = await tokenRequest(
    run,
    rule('client-credentials'),
    { grant_type: 'client_credentials', ...auth },
    'client credentials',
  );
  if (!cc) return undefined;
  const access =
    isObject(cc.json) && typeof cc.json.access_token === 'string' ? cc.json.access_token : undefined;
  if (!access) {
    ctx.recorder.error(
      rule('client-credentials'),
      ops.token,
      `client credentials answered ${said(cc)}: is --oauth-client right?`,
    );
    return undefined;
  }
  ctx.redactor.add(access, '$REGEN_ISSUED_TOKEN');
  const tt = isObject(cc.json) ? cc.json.token_type : undefined;
  const used = await tryCredential(
    ctx,
    rule('client-credentials'),
    asBearer(access),
    'use the client-credentials token',
    ops.token,
  );
  if (used)
    record(
      ctx,
      rule('client-credentials'),
      ops.token,
      used.response.status < 300 && tt === 'Bearer'
        ? PASS
        : fail(
            `a client-credentials token (token_type ${JSON.stringify(tt)}) was answered ${said(used)}`,
            'client-credentials',
          ),
      used,
    );
  // Whether it works could not be judged (a probe the server does not serve), its type can.
  else if (tt !== 'Bearer')
    record(
      ctx,
      rule('client-credentials'),
      ops.token,
      fail(
        `a client-credentials token has token_type ${JSON.stringify(tt)}, expected Bearer`,
        'client-credentials',
      ),
      cc,
    );
  return access;
}

/** A request that earns an RFC 6749 §5.2 error (or why none can be sent). */
interface ErrorRequest {
  readonly error: string;
  readonly status: number;
  readonly body?: Record<string, Json>;
  readonly reason?: string;
}

/**
 * `unauthorized_client`: the contract names one client kind not authorised for a grant, a public
 * client (registered without a secret) asking for `client_credentials`. The runner cannot register
 * one, so the server's is named with `--oauth-public-client`.
 */
function unauthorizedClientRequest(ctx: CheckContext): ErrorRequest {
  const publicClient = ctx.settings.oauthPublicClient;
  return publicClient
    ? {
        error: 'unauthorized_client',
        status: 400,
        body: { grant_type: 'client_credentials', client_id: publicClient },
      }
    : {
        error: 'unauthorized_client',
        status: 400,
        reason:
          'needs a public client (registered without a secret), which may not use client_credentials: run with --oauth-public-client ID',
      };
}

/** A request that earns each RFC 6749 §5.2 error (or why none can be sent). */
function errorRequests(run: OAuthRun): ErrorRequest[] {
  const { ctx, client, auth } = run;
  return [
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
    unauthorizedClientRequest(ctx),
  ];
}

/** Every RFC 6749 §5.2 error the contract lists comes from the request that earns it, in that shape. */
async function eachListedErrorComesFromItsRequest(run: OAuthRun): Promise<void> {
  const { ctx, ops } = run;
  const node = ctx.spec.document.components;
  const listed = JSON.stringify(
    isObject(node) && isObject(node.schemas) ? (node.schemas.OAuthError ?? '') : '',
  );
  for (const e of errorRequests(run)) {
    const as = ruleOf(name, e.error);
    if (listed !== '""' && !listed.includes(`"${e.error}"`)) {
      record(ctx, as, ops.token, notApplicable(`the contract's OAuthError does not list ${e.error}`));
      continue;
    }
    if (!e.body) {
      record(ctx, as, ops.token, skip(`${e.error}: ${e.reason}`));
      continue;
    }
    const got = await tokenRequest(run, as, e.body, `a request that earns ${e.error}`);
    if (!got) continue;
    const code = oauthError(got);
    record(
      ctx,
      as,
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
}

/** An authorization code (auto-approved, PKCE S256) and its verifier. */
async function issueCode(
  run: OAuthRun,
  as: RuleId,
  label: string,
): Promise<{ code?: string; verifier: string; exchange?: Exchange }> {
  const { ctx, client } = run;
  const verifier = nonce(ctx, 64, name, label);
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const got = await call(ctx, as, 'authorize', `authorize (${label})`, {
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
}

function exchangeCode(run: OAuthRun, as: RuleId, code: string, verifier: string, what: string) {
  return tokenRequest(
    run,
    as,
    {
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: run.client.redirectUri,
      ...run.auth,
    },
    what,
    run.ops.authorize,
  );
}

/** PKCE (RFC 7636): a code exchanged with another verifier is refused, 400 invalid_grant. */
async function wrongVerifierIsRefused(run: OAuthRun, code: string): Promise<void> {
  const { ctx, ops } = run;
  const wrong = await exchangeCode(
    run,
    rule('pkce'),
    code,
    nonce(ctx, 64, rule('pkce'), 'not the verifier'),
    'exchange a code with a wrong verifier',
  );
  if (wrong)
    record(
      ctx,
      rule('pkce'),
      ops.authorize,
      wrong.response.status === 400 && oauthError(wrong) === 'invalid_grant'
        ? PASS
        : fail(
            `a code with a wrong PKCE verifier was answered ${said(wrong)}, expected 400 invalid_grant`,
            'wrong-verifier',
          ),
      wrong,
    );
}

/** A code is single-use: its second exchange is 400 invalid_grant. */
async function codeIsSingleUse(run: OAuthRun): Promise<void> {
  const { ctx, ops } = run;
  const b = await issueCode(run, rule('single-use-code'), 'single use');
  if (!b.code) return;
  const firstUse = await exchangeCode(run, rule('single-use-code'), b.code, b.verifier, 'exchange a code');
  const issued = firstUse && isObject(firstUse.json) ? firstUse.json.access_token : undefined;
  if (typeof issued === 'string') ctx.redactor.add(issued, '$REGEN_ISSUED_TOKEN');
  if (!firstUse) return;
  if (firstUse.response.status >= 300) {
    record(
      ctx,
      rule('single-use-code'),
      ops.authorize,
      fail(`a code with its verifier was answered ${said(firstUse)}`, 'code-refused'),
      firstUse,
    );
    return;
  }
  const secondUse = await exchangeCode(
    run,
    rule('single-use-code'),
    b.code,
    b.verifier,
    'exchange the same code again',
  );
  if (secondUse)
    record(
      ctx,
      rule('single-use-code'),
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

/** PKCE needs a server that auto-approves (`auto_approve=true`); without one both steps are skipped. */
async function pkceHolds(run: OAuthRun): Promise<void> {
  const a = await issueCode(run, rule('pkce'), 'wrong verifier');
  if (!a.code) {
    record(
      run.ctx,
      rule('pkce'),
      run.ops.authorize,
      skip(
        `authorize with auto_approve=true answered ${a.exchange ? said(a.exchange) : 'nothing'}, not a 302 with a code: PKCE needs a test server that auto-approves`,
      ),
    );
    return;
  }
  await wrongVerifierIsRefused(run, a.code);
  await codeIsSingleUse(run);
}

/** Revocation (RFC 7009): 200, and the token stops working (401). */
async function revokedTokenStopsWorking(run: OAuthRun, access: string): Promise<void> {
  const { ctx, ops, auth } = run;
  const revoked = await call(
    ctx,
    rule('revocation'),
    'revokeOAuthToken',
    'revoke the client-credentials token',
    {
      auth: 'none',
      body: {
        contentType: 'application/json',
        value: { token: access, token_type_hint: 'access_token', ...auth },
      },
    },
  );
  if (!revoked) return;
  if (revoked.response.status !== 200) {
    record(
      ctx,
      rule('revocation'),
      ops.revoke,
      fail(`revoking a token answered ${said(revoked)}, expected 200`, 'revoke'),
      revoked,
    );
    return;
  }
  const after = await tryCredential(
    ctx,
    rule('revocation'),
    asBearer(access),
    'use the revoked token',
    ops.revoke,
  );
  if (after)
    record(
      ctx,
      rule('revocation'),
      ops.revoke,
      after.response.status === 401
        ? PASS
        : fail(`a revoked token was answered ${said(after)}, expected 401`, 'revoked-works'),
      after,
    );
}

/** Revoking a token the server never issued is answered 200 (RFC 7009 §2.2). */
async function unknownTokenRevocationSucceeds(run: OAuthRun): Promise<void> {
  const { ctx, ops, auth } = run;
  const unknown = await call(
    ctx,
    rule('revoke-unknown'),
    'revokeOAuthToken',
    'revoke a token the server never issued',
    {
      auth: 'none',
      body: {
        contentType: 'application/json',
        value: { token: nonce(ctx, 40, rule('revoke-unknown'), 'unknown-token'), ...auth },
      },
    },
  );
  if (unknown)
    record(
      ctx,
      rule('revoke-unknown'),
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

async function run(ctx: CheckContext): Promise<void> {
  const ops = {
    token: requireOp(ctx, 'createOAuthToken'),
    authorize: requireOp(ctx, 'authorize'),
    revoke: requireOp(ctx, 'revokeOAuthToken'),
  };
  const client = ctx.settings.oauthClient;
  if (!client?.secret) {
    for (const [r, { operation }] of Object.entries(RULES))
      if (operation !== 'probe')
        record(
          ctx,
          ruleOf(name, r),
          requireOp(ctx, operation),
          skip('needs a confidential OAuth client: run with --oauth-client ID:SECRET'),
        );
    return;
  }
  const oauth: OAuthRun = { ctx, client, auth: { client_id: client.id, client_secret: client.secret }, ops };
  const access = await clientCredentialsGiveAWorkingToken(oauth);
  if (!access) return;
  await eachListedErrorComesFromItsRequest(oauth);
  await pkceHolds(oauth);
  await revokedTokenStopsWorking(oauth, access);
  await unknownTokenRevocationSucceeds(oauth);
}

export const oauthSemantics = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['createOAuthToken', 'authorize', 'revokeOAuthToken'],
  rules: RULES,
  description:
    'Client credentials give a working Bearer token; each RFC 6749 §5.2 error the contract lists comes from the request that earns it; PKCE refuses a wrong verifier, codes are single-use; revoked tokens stop working (RFC 7009).',
  clause:
    '"/oauth/* errors" (OAuthError, RFC 6749 §5.2), OAuth2 scheme (client credentials, authorization code + PKCE S256), /oauth/revoke (RFC 7009)',
  run,
  profiles: {
    prism: [{ reason: 'Prism keeps no clients, codes or tokens: every request gets its example' }],
  },
});
