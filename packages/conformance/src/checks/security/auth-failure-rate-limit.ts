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

async function run(ctx: CheckContext): Promise<void> {
  const login = operation(ctx, 'login');
  const token = operation(ctx, 'createOAuthToken');
  const revoke = operation(ctx, 'revokeOAuthToken');
  const authorize = operation(ctx, 'authorize');
  const client = ctx.settings.oauthClient;
  const sender = new DirectSender(ctx, true);
  const email = `conformance-${fresh(10).toLowerCase()}@example.com`;
  const wrong = (i: number) => `wrong-${nonce(ctx, 10, name, 'password', i)}`;
  let attempts = 0;
  const routes: Route[] = [];
  const direct = async (op: OperationSpec, testCase: Case) =>
    sender.send(op, testCase, await sender.prepare(op, testCase));

  if (login && ctx.judges(name, login)) {
    const emailField = bodyProperty(ctx.spec, login, /^(email|username|user)$/i, 'email');
    const passwordField = bodyProperty(ctx.spec, login, /password/i, 'password');
    routes.push({
      label: `wrong passwords at ${login.operationId}`,
      recordOn: login,
      attempt: () =>
        direct(
          login,
          bareCase('auth_failure_rate_limit: wrong password', {
            auth: 'none',
            body: {
              contentType: 'application/json',
              value: { [emailField]: email, [passwordField]: wrong(attempts++) },
            },
          }),
        ),
      succeeded: (e) => e.response.status < 300,
    });
  }
  // Client ids that name nothing: the per-address budget is probed, never the run's own client's.
  const stranger = { id: `cli_conformance_${fresh(10)}`, redirectUri: 'http://127.0.0.1/callback' };
  const form = () =>
    bareCase('auth_failure_rate_limit: wrong client secret', {
      auth: 'none',
      body: { contentType: 'application/x-www-form-urlencoded', value: {} },
    });
  if (token && ctx.judges(name, token)) {
    routes.push({
      label: `wrong client secrets at ${token.operationId}`,
      recordOn: token,
      attempt: () => direct(token, tokenRequest(form(), { ...stranger, secret: wrong(attempts++) })),
      succeeded: (e) => e.response.status < 300,
    });
  }
  if (revoke && ctx.judges(name, revoke)) {
    routes.push({
      label: `wrong client secrets at ${revoke.operationId}`,
      recordOn: revoke,
      attempt: () =>
        direct(revoke, {
          ...form(),
          body: {
            contentType: 'application/x-www-form-urlencoded',
            value: {
              token: `conformance-${fresh(16)}`,
              client_id: stranger.id,
              client_secret: wrong(attempts++),
            },
          },
        }),
      // RFC 7009 answers 200 whatever the token, but only to an authenticated client.
      succeeded: (e) => e.response.status < 300,
    });
  }
  if (authorize && ctx.judges(name, authorize)) {
    const page = client ? await openConsentForm(ctx, client) : undefined;
    if (!client)
      ctx.recorder.record(
        name,
        authorize,
        skip('the consent form needs a client the server knows (--oauth-client)'),
      );
    else if (!page || 'reason' in page)
      ctx.recorder.error(name, authorize, page?.reason ?? 'no consent page');
    else if (!page.form)
      ctx.recorder.record(
        name,
        authorize,
        skip(`no login form on the consent page (authorize answered ${page.exchange.response.status})`),
      );
    else {
      const form = page.form;
      routes.push({
        label: 'wrong passwords at the consent form',
        recordOn: authorize,
        attempt: () => {
          const testCase = bareCase('auth_failure_rate_limit: wrong password at the consent form', {
            auth: 'none',
          });
          return sender.send(undefined, testCase, {
            method: 'POST',
            url: form.action.toString(),
            headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'text/html' },
            body: formBody(form, email, wrong(attempts++)),
          });
        },
        // A redirect carrying a code means the wrong password was accepted.
        succeeded: (e) => e.response.status < 400 && /[?&#]code=/.test(e.response.headers.location ?? ''),
      });
    }
  }
  let spent = false;
  try {
    for (const route of routes) {
      const { limited } = await judgeRoute(ctx, route, spent);
      spent ||= limited;
    }
  } finally {
    sender.close();
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
