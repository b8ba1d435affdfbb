/**
 * @module session_lifecycle (needs `--email`/`--password`), one testcase per rule: login answers
 * a pair with the expected lifetimes; a refresh rotates the refresh token; a spent refresh token
 * replayed within the reuse leeway answers the same pair, and after it 401 with the whole family
 * revoked; logout ends both the access and the refresh token. Lifetimes and leeway are the
 * contract's documented ones (`x-token-lifetimes`) unless the server declares its own
 * (`--token-lifetimes`, `--refresh-reuse-leeway`).
 */
import type { OperationSpec } from '../../spec/types.ts';
import {
  asBearer,
  call,
  data,
  describeTiming,
  jwtPayload,
  record,
  refused401,
  requireOp,
  ruleOf,
  type SessionTimings,
  said,
  sessionTimings,
  type Timing,
  tryCredential,
  wait,
} from '../../support/index.ts';
import {
  type CheckContext,
  defineCheck,
  type Exchange,
  fail,
  notApplicable,
  PASS,
  type SemanticSettings,
  skip,
} from '../api.ts';

export const name = 'session_lifecycle';

/** The rules, each its own testcase (`session_lifecycle/replay`). */
const RULES = {
  lifetimes: {
    operation: 'login',
    description:
      'login answers an access token (expiresIn, JWT exp − iat) and a refresh token with the expected lifetimes',
  },
  rotation: {
    operation: 'refreshToken',
    description: 'a refresh answers a new pair with a new refresh token',
  },
  'reuse-leeway': {
    operation: 'refreshToken',
    description: 'a spent refresh token sent again within the reuse leeway answers the same pair',
  },
  replay: {
    operation: 'refreshToken',
    description: 'a spent refresh token replayed after the reuse leeway is refused, 401 invalid_token',
  },
  family: {
    operation: 'refreshToken',
    description: "after a replay, the family's latest refresh and access tokens are refused (401)",
  },
  logout: { operation: 'logout', description: 'logout ends both its access and its refresh token' },
} as const;

const rule = (r: keyof typeof RULES) => ruleOf(name, r);

/** A spent refresh token answered with a new pair, at any time: the replay rule broken outright. */
const REPLAY_ACCEPTED = fail(
  'a spent refresh token was accepted again and answered a new pair (a replay must be refused and revoke the family)',
  'replay-accepted',
);

/** How far a JWT's `exp − iat` may be from the expected lifetime (clock rounding). */
const LIFETIME_SLACK_S = 5;

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

/** What the steps share: the user to log in as, the session operations, the expected timings. */
interface Sessions {
  readonly ctx: CheckContext;
  readonly settings: SemanticSettings;
  readonly user: { readonly email: string; readonly password: string };
  readonly ops: Readonly<Record<'login' | 'refresh' | 'logout', OperationSpec>>;
  readonly timings: SessionTimings;
}

/** A refresh that rotated `from` into `to`, and when its answer arrived (the leeway starts before). */
interface Rotation {
  readonly from: Pair;
  readonly to: Pair;
  readonly answeredAt: number;
  readonly sentAt: number;
}

function logIn(s: Sessions, as: keyof typeof RULES) {
  return call(s.ctx, rule(as), 'login', 'log in', {
    auth: 'none',
    body: { contentType: 'application/json', value: { email: s.user.email, password: s.user.password } },
  });
}

function refresh(s: Sessions, token: string, what: string, as: keyof typeof RULES) {
  return call(
    s.ctx,
    rule(as),
    'refreshToken',
    what,
    { auth: 'none', body: { contentType: 'application/json', value: { refreshToken: token } } },
    s.ops.refresh,
  );
}

/** The probe operation with `token`; errors and "cannot judge" skips are recorded on `on`. */
function me(s: Sessions, token: string, what: string, as: keyof typeof RULES, on: OperationSpec) {
  return tryCredential(s.ctx, rule(as), asBearer(token), what, on);
}

/** Records a pass when `exchange` (if any) was refused with 401, else `message(said(exchange))`. */
function expect401(
  s: Sessions,
  as: keyof typeof RULES,
  op: OperationSpec,
  exchange: Exchange | undefined,
  message: (got: string) => string,
  variant: string,
): void {
  if (exchange)
    record(
      s.ctx,
      rule(as),
      op,
      exchange.response.status === 401 ? PASS : fail(message(said(exchange)), variant),
      exchange,
    );
}

/** `undefined` when `actual` matches `expected` (or either is unknown), else what is wrong. */
function lifetimeMismatch(what: string, actual: number | undefined, expected: Timing | undefined) {
  if (actual === undefined || expected === undefined) return undefined;
  if (Math.abs(actual - expected.seconds) <= LIFETIME_SLACK_S) return undefined;
  return `login's ${what} lives ${actual} s, expected ${describeTiming(expected)}`;
}

/** Login answers a pair with the expected lifetimes (`expiresIn` and the JWTs' `exp − iat`). */
async function loginAnswersExpectedLifetimes(s: Sessions): Promise<Pair | undefined> {
  const { ctx, ops, timings } = s;
  const loggedIn = await logIn(s, 'lifetimes');
  const one = pair(ctx, loggedIn);
  if (!loggedIn) return undefined;
  if (!one) {
    ctx.recorder.error(rule('lifetimes'), ops.login, `login as the given user answered ${said(loggedIn)}`);
    return undefined;
  }
  if (!timings.access && !timings.refresh) {
    const reason =
      "the contract states no token lifetimes (x-token-lifetimes): declare the server's with --token-lifetimes";
    record(ctx, rule('lifetimes'), ops.login, skip(reason));
    return one;
  }
  const expiresIn = typeof one.expiresIn === 'number' ? one.expiresIn : undefined;
  const problem =
    (timings.access && expiresIn === undefined
      ? `login answered expiresIn ${JSON.stringify(one.expiresIn)}, not a number of seconds`
      : undefined) ??
    lifetimeMismatch('access token (expiresIn)', expiresIn, timings.access) ??
    lifetimeMismatch('access token (JWT exp − iat)', lifetime(one.access), timings.access) ??
    lifetimeMismatch('refresh token (JWT exp − iat)', lifetime(one.refresh), timings.refresh);
  record(ctx, rule('lifetimes'), ops.login, problem ? fail(problem, 'lifetime') : PASS, loggedIn);
  return one;
}

/** A refresh answers a new pair whose refresh token differs (rotation). */
async function refreshRotates(s: Sessions, one: Pair): Promise<Rotation | undefined> {
  const { ctx, ops } = s;
  const sentAt = Date.now();
  const refreshed = await refresh(s, one.refresh, 'refresh', 'rotation');
  const answeredAt = Date.now();
  const two = pair(ctx, refreshed);
  if (!refreshed) return undefined;
  if (!two) {
    const message = `refreshing a fresh refresh token answered ${said(refreshed)}`;
    record(ctx, rule('rotation'), ops.refresh, fail(message, 'refresh'), refreshed);
    return undefined;
  }
  const rotated = two.refresh !== one.refresh;
  record(
    ctx,
    rule('rotation'),
    ops.refresh,
    rotated ? PASS : fail('refresh answered the same refresh token: it must rotate', 'not-rotated'),
    refreshed,
  );
  return rotated ? { from: one, to: two, sentAt, answeredAt } : undefined;
}

/**
 * Within the reuse leeway, the spent refresh token answers the same pair again (a client that
 * lost the answer retries). A refusal counts only when the replay surely arrived within it.
 * Returns `false` when the replay was accepted with a new pair (the replay rule's failure).
 */
async function retryWithinLeewayAnswersTheSamePair(s: Sessions, r: Rotation): Promise<boolean> {
  const { ctx, ops, timings } = s;
  const leeway = timings.reuseLeeway;
  if (!leeway) {
    const reason =
      'the contract states no refresh-token reuse leeway (x-token-lifetimes): declare it with --refresh-reuse-leeway';
    record(ctx, rule('reuse-leeway'), ops.refresh, skip(reason));
    return true;
  }
  if (leeway.seconds === 0) {
    record(
      ctx,
      rule('reuse-leeway'),
      ops.refresh,
      notApplicable(`no reuse leeway: ${describeTiming(leeway)}`),
    );
    return true;
  }
  const retry = await refresh(
    s,
    r.from.refresh,
    'the spent refresh token again, within the leeway',
    'reuse-leeway',
  );
  if (!retry) return true;
  // The longest the server can have seen between rotating and the retry.
  const upperS = (Date.now() - r.sentAt) / 1000;
  const again = pair(ctx, retry);
  if (again && again.refresh !== r.to.refresh) {
    record(ctx, rule('replay'), ops.refresh, REPLAY_ACCEPTED, retry);
    return false;
  }
  if (again) record(ctx, rule('reuse-leeway'), ops.refresh, PASS, retry);
  else if (upperS < leeway.seconds)
    record(
      ctx,
      rule('reuse-leeway'),
      ops.refresh,
      fail(
        `the spent refresh token sent again ${upperS.toFixed(1)} s after its rotation, within the reuse leeway of ${describeTiming(leeway)}, was answered ${said(retry)}; expected the same pair again`,
        'leeway-not-honoured',
      ),
      retry,
    );
  else
    record(
      ctx,
      rule('reuse-leeway'),
      ops.refresh,
      skip(
        `the retry reached the server only after the ${describeTiming(leeway)} reuse leeway (${upperS.toFixed(1)} s)`,
      ),
    );
  return true;
}

/**
 * After the reuse leeway, the spent refresh token is refused, 401 invalid_token. The leeway is
 * waited out (it must fit in --max-wait, else the rule is not verified); a server still
 * answering the same pair --max-wait after it fails. `false` when the replay was not refused.
 */
async function replayAfterLeewayIsRefused(s: Sessions, r: Rotation): Promise<boolean> {
  const { ctx, ops, settings, timings } = s;
  const leeway = timings.reuseLeeway;
  if (!leeway) {
    const reason =
      'the contract states no refresh-token reuse leeway (x-token-lifetimes): declare it with --refresh-reuse-leeway';
    record(ctx, rule('replay'), ops.refresh, skip(reason));
    return false;
  }
  const leewayMs = leeway.seconds * 1000;
  if (leewayMs > settings.maxWaitMs) {
    const reason = `the reuse leeway, ${describeTiming(leeway)}, is over --max-wait ${settings.maxWaitMs / 1000} s: the replay rule was not verified`;
    record(ctx, rule('replay'), ops.refresh, skip(reason));
    return false;
  }
  const leewayEnds = r.answeredAt + leewayMs;
  await wait(ctx, leewayEnds - Date.now());
  const deadline = leewayEnds + settings.maxWaitMs;
  let replay: Exchange | undefined;
  for (let pause = 500; ; pause = Math.min(pause * 2, 4000)) {
    replay = await refresh(s, r.from.refresh, 'replay the spent refresh token after the leeway', 'replay');
    if (!replay) return false;
    const again = pair(ctx, replay);
    if (!again) break;
    if (again.refresh !== r.to.refresh) {
      record(ctx, rule('replay'), ops.refresh, REPLAY_ACCEPTED, replay);
      return false;
    }
    if (Date.now() + pause > deadline) {
      const after = ((Date.now() - r.answeredAt) / 1000).toFixed(0);
      const message = `a spent refresh token still answers the same pair ${after} s after its rotation, past the reuse leeway of ${describeTiming(leeway)} and --max-wait ${settings.maxWaitMs / 1000} s (declare the server's with --refresh-reuse-leeway)`;
      record(ctx, rule('replay'), ops.refresh, fail(message, 'replay-answered-after-leeway'), replay);
      return false;
    }
    await wait(ctx, pause);
  }
  const refused = refused401(replay, 'invalid_token');
  record(
    ctx,
    rule('replay'),
    ops.refresh,
    refused
      ? PASS
      : fail(
          `a replayed spent refresh token was answered ${said(replay)}, expected 401 invalid_token`,
          'replay-not-refused',
        ),
    replay,
  );
  return refused;
}

/** After a replay, the family's latest refresh and access tokens are refused (401). */
async function replayRevokesTheFamily(s: Sessions, two: Pair): Promise<void> {
  const family = await refresh(
    s,
    two.refresh,
    "refresh with the family's latest token after the replay",
    'family',
  );
  expect401(
    s,
    'family',
    s.ops.refresh,
    family,
    (got) =>
      `after a replay, the family's latest refresh token was answered ${got}, expected 401 (the whole family revoked)`,
    'family-not-revoked',
  );
  const familyAccess = await me(
    s,
    two.access,
    "the family's access token after the replay",
    'family',
    s.ops.refresh,
  );
  expect401(
    s,
    'family',
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
  const three = pair(ctx, await logIn(s, 'logout'));
  if (!three) return;
  const out = await call(ctx, rule('logout'), 'logout', 'log out', {
    auth: asBearer(three.access),
    body: { contentType: 'application/json', value: { refreshToken: three.refresh } },
  });
  if (!out) return;
  if (out.response.status >= 300)
    return record(ctx, rule('logout'), ops.logout, fail(`logout answered ${said(out)}`, 'logout'), out);
  const afterAccess = await me(s, three.access, 'the access token after logout', 'logout', ops.logout);
  expect401(
    s,
    'logout',
    ops.logout,
    afterAccess,
    (got) => `the access token still works after logout (${got})`,
    'access-survives',
  );
  const afterRefresh = await refresh(s, three.refresh, 'the refresh token after logout', 'logout');
  expect401(
    s,
    'logout',
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
    for (const [r, declared] of Object.entries(RULES))
      record(
        ctx,
        ruleOf(name, r),
        requireOp(ctx, declared.operation),
        skip('needs a user: run with --email/--password (besides the API key)'),
      );
    return;
  }
  const timings = sessionTimings(ctx.spec.document, settings);
  const sessions: Sessions = { ctx, settings, user, ops, timings };
  // Logout first: it needs a session of its own, and no later step depends on it.
  await logoutEndsBothTokens(sessions);
  const one = await loginAnswersExpectedLifetimes(sessions);
  if (!one) return;
  const rotation = await refreshRotates(sessions, one);
  if (!rotation) return;
  if (!(await retryWithinLeewayAnswersTheSamePair(sessions, rotation))) return;
  if (!(await replayAfterLeewayIsRefused(sessions, rotation))) return;
  await replayRevokesTheFamily(sessions, rotation.to);
}

export const sessionLifecycle = defineCheck({
  name,
  phase: 'scenario',
  suite: 'semantics',
  operations: ['login', 'refreshToken', 'logout'],
  rules: RULES,
  description:
    'Login answers a pair with the expected lifetimes; refresh rotates; a spent refresh token answers the same pair within the reuse leeway and 401 after it, revoking its family; logout ends both tokens. One testcase per rule.',
  clause:
    'BearerAuth (x-token-lifetimes): access and refresh lifetimes, the refresh-token reuse leeway, rotated on use, a replay revokes the family; logout ends the session',
  run,
  profiles: { prism: [{ reason: 'Prism keeps no sessions: tokens are examples, never rotated or revoked' }] },
});
