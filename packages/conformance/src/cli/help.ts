/** @module `regen-conformance --help`. */
import { BUILT_IN, type CheckRegistry, SUITES } from '../checks/registry.ts';

/** The help text, listing the checks of `registry` (the built-in ones and any loaded). */
export function helpText(registry: CheckRegistry = BUILT_IN): string {
  const checks = registry.checks.map((c) => `  ${c.name.padEnd(30)} ${c.description}`).join('\n');
  return `regen-conformance — check a server against the Regen API contract

Usage:
  regen-conformance --base-url URL [--api-key KEY | --email E --password P] [options]

Credential (it is never rotated, deactivated, deleted or logged out; give it every scope):
  --api-key KEY           API key, sent as X-API-Key (or set REGEN_API_KEY)
  --email E --password P  log in as a user instead (or set REGEN_EMAIL / REGEN_PASSWORD);
                          with --api-key as well, the key drives the run and the user serves
                          the session checks (session_lifecycle)

OAuth (optional; without it OAuth requests are sent but their acceptance is not judged):
  --oauth-client ID:SECRET   a client the server knows (or REGEN_OAUTH_CLIENT); ID alone: public
  --oauth-redirect-uri URI   its registered redirect URI (default http://127.0.0.1/callback)
  --oauth-public-client ID   a public client the server knows (no secret): oauth_semantics expects
                             its client_credentials request refused, 400 unauthorized_client

Tokens (optional; test servers only):
  --jwt-secret S          the server's HS256 access-token secret (or REGEN_JWT_SECRET), so
                          jwt_claims can sign expired and future-dated tokens; never printed

Options:
  --seed N                seed of all generation (default: random, printed)
  --run-id ID             scopes Idempotency-Keys and generated names (default: random, printed);
                          give a report's only to resend its exact requests
  --max-examples N        valid and invalid requests per operation, each (default 5)
  --suite NAME            run only a set of checks (${Object.keys(SUITES).join(', ')}; default all)
  --checks a,b            run only these checks
  --exclude-checks a,b    skip these checks
  --operations id,…       only these operationIds
  --probe-operation ID    where checks try whether a credential still works (an authenticated GET
                          without path parameters; default getCurrentUser if selected, else the
                          cheapest such read selected); a 404 from it: skipped, "cannot judge"
  --spec PATH             another version of the contract (bundled JSON or YAML); the run then
                          compares it with the server's contract (regen-diff) and says, per
                          failure, whether a contract change predicts it
  --server-spec SPEC      the server's contract to compare with (file, URL or git REV:path;
                          default with --spec: BASE_URL/openapi.json)
  --allow-predicted       exit 0 when every failure is predicted by a contract change
  --profile NAME          built-in exemptions for a known target (${registry.profiles.join(', ')})
  --exempt RULE           exempt failures: check[/variant]:operationId-glob[=reason] (repeatable)
  --check-module PATH     load the checks an ES module exports (made with defineCheck; repeatable)
  --report junit|json     also write a report (repeatable)
  --report-file PATH      where the --report just before it goes (default regen-conformance.xml
                          / .json): --report json --report-file a.json --report junit --report-file b.xml
  --keep-secrets          write the keys the run creates and tokens it is issued into the JSON
                          report, unmasked (owner-readable file; never the console or JUnit),
                          so curl lines naming $REGEN_CREATED_KEY… can be replayed; needs --report json
  --timeout MS            per-request timeout (default 10000)
  --max-retry-wait S      longest total wait for one rate-limit budget to lift, in seconds (default 60);
                          beyond it, its requests are skipped: "rate-limited, not judged"
  --no-cleanup            keep the resources the run created
  --strict                fail, instead of skip, every rule that applies but could not be verified
                          (a missing option, a wait over --max-wait, a rate limit): for CI

Semantic checks (--suite semantics):
  --max-wait S            longest wait a check sits through (rotation grace, refresh leeway,
                          webhook retries), in seconds (default 30); longer ones are skipped
  --max-requests N        most requests spent on a rate-limit budget (default 100)
  --rate-limits SPEC      the server's tiers if not the contract's (standard=100/1h,burst=10/1m,write=50/1h),
                          or "documented" for the contract's; requests are paced to them
  --token-lifetimes SPEC  the server's token lifetimes if not the contract's (access=5s,refresh=1h)
  --refresh-reuse-leeway D  the server's refresh-token reuse leeway if not the contract's (1s); a
                          replay after it must be refused; one over --max-wait: not verified
  --webhook-listen H:P    a loopback address to receive webhook deliveries on (127.0.0.1:0: any port)
  --other-account-key KEY an API key of another account on this server (or REGEN_OTHER_ACCOUNT_KEY):
                          tenant_isolation checks its ids are 404 to the run and absent from its lists
  --other-mode-key KEY    a key of the run's account in the other mode (or REGEN_OTHER_MODE_KEY;
                          rg_test_… for a live run): the same, across test and live data
  --verbose               print every request and its status (stderr)
  -h, --help              this text
  -v, --version           the version

Exit status: 0 every check passed (exempt and skipped ones aside; with --allow-predicted, also
when every failure is predicted by a contract change), 1 a check failed (with
--strict also: a rule could not be verified),
2 the run could not start or judge (bad options, server unreachable, rate limit never lifted).

Checks:
${checks}
`;
}
