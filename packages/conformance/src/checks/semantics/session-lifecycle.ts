/**
 * @module session_lifecycle (needs `--email`/`--password`): login answers a pair with the
 * documented lifetimes (access 1 hour = `expiresIn`, refresh 7 days); a refresh rotates the
 * refresh token; replaying a spent refresh token after the reuse leeway → 401 and the whole
 * family revoked; logout ends both the access and the refresh token.
 */
import type { OperationSpec } from '../../spec/types.ts';
import {
  asBearer,
  call,
  data,
  jwtPayload,
  record,
  refused401,
  requireOp,
  said,
  tryCredential,
  wait,
} from '../../support/index.ts';
import {
  type CheckContext,
  defineCheck,
  type Exchange,
  fail,
  PASS,
  type SemanticSettings,
  skip,
} from '../api.ts';

export const name = 'session_lifecycle';
const ACCESS_S = 3600;
const REFRESH_S = 7 * 24 * 3600;

interface Pair {
  readonly access: string;
  readonly refresh: string;
  readonly expiresIn: unknown;
}

function pair(ctx: CheckContext, e: Exchange | undefined): Pair | undefined {
  const d = data(e);
  if (
    !e ||
    e.response.status >= 300 ||
    typeof d?.accessToken !== 'string' ||
    typeof d.refreshToken !== 'string'
  )
    return undefined;
  ctx.redactor.add(d.accessToken, '$REGEN_ISSUED_TOKEN');
  ctx.redactor.add(d.refreshToken, '$REGEN_ISSUED_TOKEN');
  return { access: d.accessToken, refresh: d.refreshToken, expiresIn: d.expiresIn };
}

function lifetime(token: string): number | undefined {
  const p = jwtPayload(token);
  return typeof p?.exp === 'number' && typeof p.iat === 'number' ? p.exp - p.iat : undefined;
}

/** What the steps share: the user to log in as and the session operations. */
interface Sessions {
  readonly ctx: CheckContext;
  readonly settings: SemanticSettings;
  readonly user: { readonly email: string; readonly password: string };
  readonly ops: Readonly<Record<'login' | 'refresh' | 'logout', OperationSpec>>;
}

function logIn(s: Sessions) {
  return call(s.ctx, name, 'login', 'log in', {
    auth: 'none',
    body: { contentType: 'application/json', value: { email: s.user.email, password: s.user.password } },
  });
}

function refresh(s: Sessions, token: string, what: string) {
  return call(
    s.ctx,
    name,
    'refreshToken',
    what,
    { auth: 'none', body: { contentType: 'application/json', value: { refreshToken: token } } },
    s.ops.refresh,
  );
}

/** The probe operation with `token`; errors and "cannot judge" skips are recorded on `on`. */
function me(s: Sessions, token: string, what: string, on = s.ops.refresh) {
  return tryCredential(s.ctx, name, asBearer(token), what, on);
}

/** Records a pass when `exchange` (if any) was refused with 401, else `message(said(exchange))`. */
function expect401(
  s: Sessions,
  op: OperationSpec,
  exchange: Exchange | undefined,
  message: (got: string) => string,
  variant: string,
): void {
  if (exchange)
    record(
      s.ctx,
      name,
      op,
      exchange.response.status === 401 ? PASS : fail(message(said(exchange)), variant),
      exchange,
    );
}

/** Login answers a pair with the documented lifetimes (access 1 hour = expiresIn, refresh 7 days). */
async function loginAnswersDocumentedLifetimes(s: Sessions): Promise<Pair | undefined> {
  const { ctx, ops } = s;
  const loggedIn = await logIn(s);
  const one = pair(ctx, loggedIn);
  if (!loggedIn) return undefined;
  if (!one) {
    ctx.recorder.error(name, ops.login, `login as the given user answered ${said(loggedIn)}`);
    return undefined;
  }
  const access = lifetime(one.access);
  const refreshLife = lifetime(one.refresh);
  record(
    ctx,
    name,
    ops.login,
    one.expiresIn !== ACCESS_S || (access !== undefined && Math.abs(access - ACCESS_S) > 5)
      ? fail(
          `login's access token lives ${access ?? '?'} s (expiresIn ${JSON.stringify(one.expiresIn)}), documented 1 hour (${ACCESS_S} s)`,
          'access-lifetime',
        )
      : refreshLife !== undefined && Math.abs(refreshLife - REFRESH_S) > 5
        ? fail(
            `login's refresh token lives ${refreshLife} s, documented 7 days (${REFRESH_S} s)`,
            'refresh-lifetime',
          )
        : PASS,
    loggedIn,
  );
  return one;
}

/** A refresh answers a new pair whose refresh token differs (rotation). */
async function refreshRotates(s: Sessions, one: Pair): Promise<Pair | undefined> {
  const { ctx, ops } = s;
  const refreshed = await refresh(s, one.refresh, 'refresh');
  const two = pair(ctx, refreshed);
  if (!refreshed) return undefined;
  if (!two) {
    const message = `refreshing a fresh refresh token answered ${said(refreshed)}`;
    record(ctx, name, ops.refresh, fail(message, 'refresh'), refreshed);
    return undefined;
  }
  record(
    ctx,
    name,
    ops.refresh,
    two.refresh !== one.refresh
      ? PASS
      : fail('refresh answered the same refresh token: it must rotate', 'not-rotated'),
    refreshed,
  );
  return two;
}

/**
 * Replaying the spent refresh token after the server's reuse leeway is 401 invalid_token (waited
 * out within --max-wait). `false` when the replay could not be judged as refused (accepted,
 * skipped, no answer): the family is then not probed.
 */
async function replayedRefreshTokenIsRefused(s: Sessions, one: Pair, two: Pair): Promise<boolean> {
  const { ctx, ops, settings } = s;
  let replay: Exchange | undefined;
  const deadline = Date.now() + settings.maxWaitMs;
  for (let pause = 1000; ; pause = Math.min(pause * 2, 4000)) {
    replay = await refresh(s, one.refresh, 'replay the spent refresh token');
    if (!replay) return false;
    const again = pair(ctx, replay);
    if (!again) break;
    if (again.refresh !== two.refresh) {
      const message =
        'a spent refresh token was accepted again and answered a new pair (a replay must be refused and revoke the family)';
      record(ctx, name, ops.refresh, fail(message, 'replay-accepted'), replay);
      return false;
    }
    // The same pair again: a repeat within the server's reuse leeway. Wait it out, within --max-wait.
    if (Date.now() + pause > deadline) {
      const reason = `a spent refresh token still answers the same pair (reuse leeway) after --max-wait ${settings.maxWaitMs / 1000} s: the replay rule was not verified`;
      record(ctx, name, ops.refresh, skip(reason));
      return false;
    }
    await wait(ctx, pause);
  }
  record(
    ctx,
    name,
    ops.refresh,
    refused401(replay, 'invalid_token')
      ? PASS
      : fail(
          `a replayed spent refresh token was answered ${said(replay)}, expected 401 invalid_token`,
          'replay-not-refused',
        ),
    replay,
  );
  return true;
}

/** After a replay, the family's latest refresh and access tokens are refused (401). */
async function replayRevokesTheFamily(s: Sessions, two: Pair): Promise<void> {
  const family = await refresh(s, two.refresh, "refresh with the family's latest token after the replay");
  expect401(
    s,
    s.ops.refresh,
    family,
    (got) =>
      `after a replay, the family's latest refresh token was answered ${got}, expected 401 (the whole family revoked)`,
    'family-not-revoked',
  );
  const familyAccess = await me(s, two.access, "the family's access token after the replay");
  expect401(
    s,
    s.ops.refresh,
    familyAccess,
    (got) =>
      `after a replay, the family's access token was answered ${got}, expected 401 (the whole family revoked)`,
    'family-not-revoked',
  );
}

/** Logout (of a session opened for it) ends both its access and its refresh token. */
async function logoutEndsBothTokens(s: Sessions): Promise<void> {
  const { ctx, ops } = s;
  const three = pair(ctx, await logIn(s));
  if (!three) return;
  const out = await call(ctx, name, 'logout', 'log out', {
    auth: asBearer(three.access),
    body: { contentType: 'application/json', value: { refreshToken: three.refresh } },
  });
  if (!out) return;
  if (out.response.status >= 300)
    return record(ctx, name, ops.logout, fail(`logout answered ${said(out)}`, 'logout'), out);
  const afterAccess = await me(s, three.access, 'the access token after logout', ops.logout);
  expect401(
    s,
    ops.logout,
    afterAccess,
    (got) => `the access token still works after logout (${got})`,
    'access-survives',
  );
  const afterRefresh = await refresh(s, three.refresh, 'the refresh token after logout');
  expect401(
    s,
    ops.logout,
    afterRefresh,
    (got) => `the refresh token still works after logout (${got})`,
    'refresh-survives',
  );
}

async function run(ctx: CheckContext, settings: SemanticSettings): Promise<void> {
  const ops = {
    login: requireOp(ctx, 'login'),
    refresh: requireOp(ctx, 'refreshToken'),
    logout: requireOp(ctx, 'logout'),
  };
  const user = settings.user;
  if (!user) {
    for (const op of Object.values(ops))
      record(ctx, name, op, skip('needs a user: run with --email/--password (besides the API key)'));
    return;
  }
  const sessions: Sessions = { ctx, settings, user, ops };
  const one = await loginAnswersDocumentedLifetimes(sessions);
  if (!one) return;
  const two = await refreshRotates(sessions, one);
  if (!two) return;
  if (!(await replayedRefreshTokenIsRefused(sessions, one, two))) return;
  await replayRevokesTheFamily(sessions, two);
  await logoutEndsBothTokens(sessions);
}

export const sessionLifecycle = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['login', 'refreshToken', 'logout'],
  description:
    'Login answers a pair with the documented lifetimes; refresh rotates; a spent refresh token replayed after the leeway → 401 and its family revoked; logout ends both tokens.',
  clause:
    'BearerAuth: access 1 hour, refresh 7 days, rotated on use, a replayed refresh token revokes its family; logout ends the session',
  run,
  profiles: { prism: [{ reason: 'Prism keeps no sessions: tokens are examples, never rotated or revoked' }] },
});
