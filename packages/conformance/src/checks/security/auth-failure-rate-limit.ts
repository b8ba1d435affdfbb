/**
 * @module auth_failure_rate_limit: wrong passwords and client secrets are limited from one
 * failure budget per client address, shared by every route that checks one (login, the token and
 * revocation endpoints, the consent form) — the contract's "Failed-authentication budget"
 * ("Security"). Wrong attempts go to each route until a 429; once one route has answered 429, the
 * next must answer 429 at its first wrong attempt.
 *
 * It spends that budget, so it runs last (after clean-up), sends from a dedicated loopback
 * address when the server is on 127.0.0.1, uses accounts that do not exist (an unknown email,
 * an unknown client id: the per-account budgets of the run's user and OAuth client are never
 * touched), never retries a 429 (a route is left alone once four more wrong attempts confirmed
 * it: a budget stays spent, a transient 429 does not) and never waits.
 */
import { bodyProperty } from '../../auth/session.ts';
import type { Case } from '../../generate/case.ts';
import { retryDelayMs } from '../../http/retry-after.ts';
import type { OperationSpec } from '../../spec/types.ts';
import {
  bareCase,
  DirectSender,
  formBody,
  fresh,
  nonce,
  openConsentForm,
  operation,
  tokenRequest,
} from '../../support/index.ts';
import { type CheckContext, defineCheck, type Exchange, fail, PASS, skip, type Verdict } from '../api.ts';

export const name = 'auth_failure_rate_limit';

/** Wrong attempts sent to one route before concluding it is not limited. */
export const MAX_ATTEMPTS = 100;
/**
 * Further wrong attempts that must all meet 429 before a route counts as limited: a spent
 * budget stays spent, while a transient 429 (a burst limit, injected faults at 10 %) meets this
 * many in a row about once in 10⁴.
 */
const CONFIRMATIONS = 4;

interface Route {
  readonly label: string;
  /** Where results are recorded. */
  readonly recordOn: OperationSpec;
  /** Sends one wrong attempt. */
  attempt(): Promise<{ ok: true; exchange: Exchange } | { ok: false; reason: string }>;
  /** A wrong attempt that succeeded (a token or a code issued). */
  succeeded(exchange: Exchange): boolean;
}

function retryAfterProblem(exchange: Exchange): string | undefined {
  const value = exchange.response.headers['retry-after'];
  return value === undefined || retryDelayMs({ 'retry-after': value }) === undefined
    ? `its 429 has no valid Retry-After (${value === undefined ? 'absent' : JSON.stringify(value)})`
    : undefined;
}

/** More wrong attempts after a 429: still 429 every time, or not (or accepted, or no answer). */
async function confirm(
  ctx: CheckContext,
  route: Route,
): Promise<'limited' | 'not-limited' | 'accepted' | 'error'> {
  for (let i = 0; i < CONFIRMATIONS; i++) {
    const again = await route.attempt();
    if (!again.ok) {
      ctx.recorder.error(name, route.recordOn, again.reason);
      return 'error';
    }
    if (route.succeeded(again.exchange)) {
      const { status } = again.exchange.response;
      ctx.recorder.record(
        name,
        route.recordOn,
        fail(`${route.label}: a wrong credential was accepted (${status})`, 'accepted'),
        again.exchange,
      );
      return 'accepted';
    }
    if (again.exchange.response.status !== 429) return 'not-limited';
  }
  return 'limited';
}

async function judgeRoute(
  ctx: CheckContext,
  route: Route,
  budgetSpent: boolean,
): Promise<{ limited: boolean }> {
  for (let n = 1; n <= MAX_ATTEMPTS; n++) {
    const sent = await route.attempt();
    if (!sent.ok) {
      ctx.recorder.error(name, route.recordOn, sent.reason);
      return { limited: false };
    }
    const { exchange } = sent;
    const { status } = exchange.response;
    if (route.succeeded(exchange)) {
      ctx.recorder.record(
        name,
        route.recordOn,
        fail(`${route.label}: a wrong credential was accepted (${status})`, 'accepted'),
        exchange,
      );
      return { limited: false };
    }
    if (status === 429) {
      // A budget stays spent; a transient 429 does not: a few more wrong attempts tell them apart.
      const confirmed = await confirm(ctx, route);
      if (confirmed === 'error') return { limited: false };
      if (confirmed === 'accepted') return { limited: false };
      if (confirmed === 'not-limited') continue;
      const problem = retryAfterProblem(exchange);
      let verdict: Verdict = PASS;
      if (budgetSpent && n > 1)
        verdict = fail(
          `${route.label}: answered ${n - 1} wrong attempt(s) after the shared failure budget was spent on another route; 429 only at attempt ${n}`,
          'not-shared',
        );
      else if (problem) verdict = fail(`${route.label}: ${problem}`, 'no-retry-after');
      ctx.recorder.record(name, route.recordOn, verdict, exchange);
      return { limited: true };
    }
    if (status >= 500 || (status < 400 && status !== 302)) {
      ctx.recorder.error(
        name,
        route.recordOn,
        `${route.label}: a wrong attempt answered ${status}; cannot judge`,
      );
      return { limited: false };
    }
    if (n === MAX_ATTEMPTS) {
      ctx.recorder.record(
        name,
        route.recordOn,
        fail(
          budgetSpent
            ? `${route.label}: ${MAX_ATTEMPTS} wrong attempts after the failure budget was spent elsewhere, none met a lasting 429 (the budget is not shared, or this route has none)`
            : `${route.label}: ${MAX_ATTEMPTS} wrong attempts from one address, none met a lasting 429`,
          budgetSpent ? 'not-shared' : 'unlimited',
        ),
        exchange,
      );
    }
  }
  return { limited: false };
}

/** What the routes share: a sender from a dedicated address, an account new to the server, wrong secrets. */
interface Attempts {
  readonly ctx: CheckContext;
  readonly sender: DirectSender;
  /** An account new to the server, so an earlier run's budget does not decide this one. */
  readonly email: string;
  /** A client id that names nothing: the per-address budget is probed, never the run's own client's. */
  readonly stranger: { readonly id: string; readonly redirectUri: string };
  /** The next wrong password or client secret (each attempt a different one). */
  wrong(): string;
}

function startAttempts(ctx: CheckContext): Attempts {
  let attempts = 0;
  return {
    ctx,
    sender: new DirectSender(ctx, true),
    email: `conformance-${fresh(10).toLowerCase()}@example.com`,
    stranger: { id: `cli_conformance_${fresh(10)}`, redirectUri: 'http://127.0.0.1/callback' },
    wrong: () => `wrong-${nonce(ctx, 10, name, 'password', attempts++)}`,
  };
}

async function direct(a: Attempts, op: OperationSpec, testCase: Case) {
  return a.sender.send(op, testCase, await a.sender.prepare(op, testCase));
}

function wrongSecretForm(): Case {
  return bareCase('auth_failure_rate_limit: wrong client secret', {
    auth: 'none',
    body: { contentType: 'application/x-www-form-urlencoded', value: {} },
  });
}

/** Wrong passwords at login. */
function loginRoute(a: Attempts, login: OperationSpec): Route {
  const emailField = bodyProperty(a.ctx.spec, login, /^(email|username|user)$/i, 'email');
  const passwordField = bodyProperty(a.ctx.spec, login, /password/i, 'password');
  return {
    label: `wrong passwords at ${login.operationId}`,
    recordOn: login,
    attempt: () =>
      direct(
        a,
        login,
        bareCase('auth_failure_rate_limit: wrong password', {
          auth: 'none',
          body: {
            contentType: 'application/json',
            value: { [emailField]: a.email, [passwordField]: a.wrong() },
          },
        }),
      ),
    succeeded: (e) => e.response.status < 300,
  };
}

/** Wrong client secrets at the token endpoint. */
function tokenRoute(a: Attempts, token: OperationSpec): Route {
  return {
    label: `wrong client secrets at ${token.operationId}`,
    recordOn: token,
    attempt: () => direct(a, token, tokenRequest(wrongSecretForm(), { ...a.stranger, secret: a.wrong() })),
    succeeded: (e) => e.response.status < 300,
  };
}

/** Wrong client secrets at revocation. */
function revokeRoute(a: Attempts, revoke: OperationSpec): Route {
  return {
    label: `wrong client secrets at ${revoke.operationId}`,
    recordOn: revoke,
    attempt: () =>
      direct(a, revoke, {
        ...wrongSecretForm(),
        body: {
          contentType: 'application/x-www-form-urlencoded',
          value: { token: `conformance-${fresh(16)}`, client_id: a.stranger.id, client_secret: a.wrong() },
        },
      }),
    // RFC 7009 answers 200 whatever the token, but only to an authenticated client.
    succeeded: (e) => e.response.status < 300,
  };
}

/** Wrong passwords at the consent form (its own login form), when the server shows one; else why not, recorded. */
async function consentFormRoute(a: Attempts, authorize: OperationSpec): Promise<Route | undefined> {
  const { ctx } = a;
  const client = ctx.settings.oauthClient;
  const page = client ? await openConsentForm(ctx, client) : undefined;
  if (!client) {
    ctx.recorder.record(
      name,
      authorize,
      skip('the consent form needs a client the server knows (--oauth-client)'),
    );
    return undefined;
  }
  if (!page || 'reason' in page) {
    ctx.recorder.error(name, authorize, page?.reason ?? 'no consent page');
    return undefined;
  }
  if (!page.form) {
    const reason = `no login form on the consent page (authorize answered ${page.exchange.response.status})`;
    ctx.recorder.record(name, authorize, skip(reason));
    return undefined;
  }
  const form = page.form;
  return {
    label: 'wrong passwords at the consent form',
    recordOn: authorize,
    attempt: () => {
      const testCase = bareCase('auth_failure_rate_limit: wrong password at the consent form', {
        auth: 'none',
      });
      return a.sender.send(undefined, testCase, {
        method: 'POST',
        url: form.action.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
        body: formBody(form, a.email, a.wrong()),
      });
    },
    // A redirect carrying a code means the wrong password was accepted.
    succeeded: (e) => e.response.status < 400 && /[?&#]code=/.test(e.response.headers.location ?? ''),
  };
}

/** Every judged place that checks a password or a client secret, in the order they are tried. */
async function routes(a: Attempts): Promise<Route[]> {
  const { ctx } = a;
  const judged = (id: 'login' | 'createOAuthToken' | 'revokeOAuthToken' | 'authorize') => {
    const op = operation(ctx, id);
    return op && ctx.judges(name, op) ? op : undefined;
  };
  const login = judged('login');
  const token = judged('createOAuthToken');
  const revoke = judged('revokeOAuthToken');
  const authorize = judged('authorize');
  const consent = authorize ? await consentFormRoute(a, authorize) : undefined;
  return [
    ...(login ? [loginRoute(a, login)] : []),
    ...(token ? [tokenRoute(a, token)] : []),
    ...(revoke ? [revokeRoute(a, revoke)] : []),
    ...(consent ? [consent] : []),
  ];
}

async function run(ctx: CheckContext): Promise<void> {
  const attempts = startAttempts(ctx);
  let spent = false;
  try {
    for (const route of await routes(attempts)) {
      const { limited } = await judgeRoute(ctx, route, spent);
      spent ||= limited;
    }
  } finally {
    attempts.sender.close();
  }
}

export const authFailureRateLimit = defineCheck({
  name,
  phase: 'security',
  suite: 'security',
  stage: 'last',
  description:
    'Repeated wrong passwords / client secrets at login, the token endpoint and the consent form meet 429 (with Retry-After) from one shared budget.',
  run,
  clause:
    '"Failed-authentication budget": one budget per client address (and per account) for every password or client-secret check, 429 with `Retry-After`',
  profiles: {
    prism: [
      {
        reason:
          'Prism verifies no password or client secret and limits nothing: a wrong one gets the example',
      },
    ],
  },
});
