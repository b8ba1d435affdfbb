/**
 * `unauthorized_client` (RFC 6749 §5.2), made testable by `--oauth-public-client`: the stub
 * (with a public client registered) refuses that client's `client_credentials` request with 400
 * `unauthorized_client` and oauth_semantics passes; behind a proxy that answers it otherwise, the
 * check fails naming the error. Without the option the request is not sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ConformanceOptions, type Report, runConformance } from '../src/index.ts';
import {
  type BrokenSemanticsServer,
  type Interception,
  type Passing,
  SEMANTICS_FIXTURE,
  startBrokenSemantics,
} from './support/broken-semantics.ts';
import { errorAnswer } from './support/partial-server.ts';
import { PUBLIC_CLIENT_ID, WITH_PUBLIC_CLIENT } from './support/public-client.ts';
import { describeResults, failed } from './support/report.ts';

let server: BrokenSemanticsServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Whether a request through the proxy is the public client asking for client credentials. */
function publicClientCredentials(p: Passing): boolean {
  if (p.method !== 'POST' || p.url.pathname !== '/oauth/token') return false;
  const sent = JSON.parse(p.body.toString('utf8') || '{}') as Record<string, unknown>;
  return sent.client_id === PUBLIC_CLIENT_ID && sent.grant_type === 'client_credentials';
}

/** What the stub answered the public client, as status and `error`. */
const answered: string[] = [];

/** Runs oauth_semantics against the stub (with the public client), `answer` replacing its answer to that request. */
async function run(options: Partial<ConformanceOptions>, answer?: () => Interception): Promise<Report> {
  answered.length = 0;
  await server?.close();
  server = await startBrokenSemantics({
    stub: WITH_PUBLIC_CLIENT,
    tamper: (p) => {
      if (!publicClientCredentials(p)) return undefined;
      const json = JSON.parse(p.answer.body.toString('utf8')) as { error?: string };
      answered.push(`${p.answer.status} ${json.error}`);
      return answer?.();
    },
  });
  return runConformance({
    baseUrl: server.url,
    apiKey: SEMANTICS_FIXTURE.apiKey,
    oauthClient: SEMANTICS_FIXTURE.oauthClient,
    rateLimits: SEMANTICS_FIXTURE.rateLimits,
    seed: 20261207,
    checks: ['oauth_semantics'],
    ...options,
  });
}

/** The testcase of the rule this option makes verifiable. */
const tokenTestcase = (report: Report) =>
  report.results.find((r) => r.check === 'oauth_semantics' && r.rule === 'unauthorized_client');

describe('oauth_semantics with --oauth-public-client', () => {
  it('passes against the stub: the public client asking for client_credentials gets 400 unauthorized_client', async () => {
    const report = await run({ oauthPublicClient: PUBLIC_CLIENT_ID });
    expect(describeResults(report, ['failed', 'error', 'skipped'])).toBe('');
    expect(report.exitCode).toBe(0);
    expect(answered).toEqual(['400 unauthorized_client']);
    // The rerun line keeps the option (the id is no secret).
    expect(report.rerunCommand).toContain(`--oauth-public-client ${PUBLIC_CLIENT_ID}`);
  }, 60_000);

  it('without the option sends nothing for it: oauth_semantics/unauthorized_client is skipped naming it, and --strict fails it', async () => {
    const without = await run({});
    expect(answered).toEqual([]);
    expect(tokenTestcase(without)).toMatchObject({ status: 'skipped', unverified: true });
    expect(tokenTestcase(without)?.reason).toMatch(/--oauth-public-client/);
    // The other rules' passes do not hide it, nor does it hide them.
    const others = without.results.filter(
      (r) => r.check === 'oauth_semantics' && r.rule !== 'unauthorized_client',
    );
    expect(others.length).toBeGreaterThan(5);
    for (const r of others) expect(r.status, r.rule).toBe('passed');
    expect(without.exitCode).toBe(0);
    expect(without.rerunCommand).not.toContain('--oauth-public-client');
    const strict = await run({ strict: true });
    expect(tokenTestcase(strict)?.status).toBe('failed');
    expect(strict.exitCode).toBe(1);
  }, 60_000);

  it.each([
    ['401 invalid_client', () => errorOAuth(401, 'invalid_client')],
    [
      '200 with a token',
      () => ({
        status: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
        body: Buffer.from(
          JSON.stringify({ access_token: 'x'.repeat(40), token_type: 'Bearer', expires_in: 3600 }),
        ),
      }),
    ],
  ])(
    'fails, naming unauthorized_client, when the server answers %s',
    async (_, answer) => {
      const report = await run({ oauthPublicClient: PUBLIC_CLIENT_ID }, answer);
      expect(failed(report), describeResults(report, ['failed', 'error'])).toEqual([
        'oauth_semantics/unauthorized_client × createOAuthToken',
      ]);
      const failures = tokenTestcase(report)?.failures ?? [];
      expect(failures.map((f) => f.variant)).toEqual(['unauthorized_client']);
      expect(failures[0]?.message).toMatch(
        /should earn unauthorized_client .*expected 400 \{"error":"unauthorized_client"\}/,
      );
      expect(report.exitCode).toBe(1);
    },
    60_000,
  );
});

/** An RFC 6749 §5.2 error body (the contract's OAuthError). */
function errorOAuth(status: number, error: string): Interception {
  const answer = errorAnswer(status, error);
  return { ...answer, body: Buffer.from(JSON.stringify({ error, error_description: error })) };
}
