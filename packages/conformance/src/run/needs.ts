/**
 * @module Requests that need secrets generation cannot invent: the user's credentials for
 * login, a refresh token, a session to log out. With `--email`/`--password` (also besides a key)
 * the runner opens extra sessions for them; otherwise the requests are still sent (every other check judges
 * them) but positive_data_acceptance is skipped with the reason.
 */
import { bodyProperty } from '../auth/session.ts';
import type { Case } from '../generate/case.ts';
import { isObject } from '../spec/json-pointer.ts';
import type { Json } from '../spec/types.ts';
import { authorizeRequest, revokeRequest, tokenRequest } from '../support/oauth.ts';
import type { OperationPlan } from '../support/plan.ts';
import type { RunContext } from './context.ts';

/** A case ready to send, and whether its acceptance can be judged. */
export interface Prepared {
  readonly testCase: Case;
  /** Why positive_data_acceptance cannot judge it; `undefined` when it can. */
  readonly unjudgeable: string | undefined;
}

function withBodyFields(testCase: Case, fields: Record<string, Json>): Case {
  const value = isObject(testCase.body?.value) ? testCase.body.value : {};
  const contentType = testCase.body?.contentType ?? 'application/json';
  return { ...testCase, body: { contentType, value: { ...value, ...fields } } };
}

/** Fills in what `plan.needs` asks for, when the run has it. */
export async function applyNeeds(ctx: RunContext, plan: OperationPlan, testCase: Case): Promise<Prepared> {
  // The user's sessions, whether the user or a key drives the run.
  const session = ctx.user;
  const { op } = plan;
  switch (plan.needs) {
    case undefined:
      return { testCase, unjudgeable: undefined };
    case 'oauth-client': {
      const client = ctx.settings.oauthClient;
      if (!client)
        return { testCase, unjudgeable: 'needs a registered OAuth client (--oauth-client ID:SECRET)' };
      if (op.operationId === 'createOAuthToken')
        return { testCase: tokenRequest(testCase, client), unjudgeable: undefined };
      if (op.operationId === 'authorize')
        return { testCase: authorizeRequest(testCase, client), unjudgeable: undefined };
      const revoke = await revokeRequest(ctx, testCase, client);
      return revoke
        ? { testCase: revoke, unjudgeable: undefined }
        : { testCase, unjudgeable: 'could not obtain a token to revoke' };
    }
    case 'user-credentials':
      if (!session) return { testCase, unjudgeable: 'needs user credentials (--email/--password)' };
      return {
        testCase: withBodyFields(testCase, session.loginBody() as Record<string, Json>),
        unjudgeable: undefined,
      };
    case 'refresh-token': {
      if (!session) return { testCase, unjudgeable: 'needs a refresh token (run with --email/--password)' };
      const tokens = await session.openSession();
      const field = bodyProperty(ctx.spec, op, /refresh/i, 'refreshToken');
      return {
        testCase: withBodyFields(testCase, { [field]: tokens.refreshToken ?? '' }),
        unjudgeable: undefined,
      };
    }
    case 'session': {
      // Never the run's own session: logging out must end one opened for the purpose.
      if (!session)
        return {
          testCase: { ...testCase, auth: 'none' },
          unjudgeable: 'needs a user session (run with --email/--password)',
        };
      const tokens = await session.openSession();
      let next: Case = { ...testCase, auth: { headers: { Authorization: `Bearer ${tokens.accessToken}` } } };
      const field = bodyProperty(ctx.spec, op, /refresh/i, '');
      if (field && testCase.body && tokens.refreshToken)
        next = withBodyFields(next, { [field]: tokens.refreshToken });
      return { testCase: next, unjudgeable: undefined };
    }
  }
}
