/** @module Options of a conformance run, as `runConformance` takes them and the CLI fills them. */
import type { CheckName, SuiteName } from './checks/registry.ts';
import type { RateLimitNotice } from './http/rate-limited-client.ts';

/** Progress notifications, for a console reporter. */
export type ProgressEvent =
  | { readonly kind: 'start'; readonly operations: number; readonly seed: number }
  | {
      readonly kind: 'operation';
      readonly operationId: string;
      readonly index: number;
      readonly total: number;
    }
  | { readonly kind: 'probe'; readonly name: string }
  /** Before anything is sent: about how many requests the run sends and how long it takes. */
  | {
      readonly kind: 'estimate';
      readonly requests: number;
      readonly seconds: number;
      /** The tiers it is paced to (`--rate-limits`), if any. */
      readonly rateLimits: string | undefined;
    }
  /** A wait over 5 s, or a rate-limit budget that will not lift within `--max-retry-wait`. */
  | RateLimitNotice
  | {
      readonly kind: 'exchange';
      readonly phase: string;
      readonly method: string;
      /** Credentials already replaced by placeholders. */
      readonly url: string;
      readonly status: number;
      readonly body: string;
    };

/** Options of {@link runConformance}. */
export interface ConformanceOptions {
  /** Base URL of the server under test; API paths are appended (`http://127.0.0.1:4010`). */
  readonly baseUrl: string;
  /** Authenticate with this API key (`X-API-Key`). It is never rotated, deactivated or deleted. */
  readonly apiKey?: string;
  /**
   * Authenticate as this user (login); the run's session is never logged out. Given with
   * `apiKey`, the key drives the run and the user serves the session checks (session_lifecycle).
   */
  readonly email?: string;
  readonly password?: string;
  /** A registered OAuth client, so OAuth requests can be valid (`--oauth-client ID:SECRET`). */
  readonly oauthClient?: { readonly id: string; readonly secret?: string; readonly redirectUri?: string };
  /**
   * The id of a public OAuth client the server knows (registered without a secret,
   * `--oauth-public-client ID`): oauth_semantics asks it for `client_credentials` and expects
   * 400 `unauthorized_client` (RFC 6749 §5.2). Without it that error is skipped.
   */
  readonly oauthPublicClient?: string;
  /**
   * The server's HS256 signing secret for access tokens (test servers only): lets jwt_claims sign
   * expired and future-dated tokens. Never printed.
   */
  readonly jwtSecret?: string;
  /** Seed of all generation; random when absent (the report says which). */
  readonly seed?: number;
  /**
   * Scopes what the server keeps between runs (`Idempotency-Key`s, generated names); random when
   * absent (the report says which). Give a report's `runId` only to resend its exact requests:
   * against the same server they are then answered with that run's replays.
   */
  readonly runId?: string;
  /** Valid and invalid requests per operation (each); default 5. */
  readonly maxExamples?: number;
  /** Run only the checks of this suite (`schema`, `security`, `semantics`; default `all`); `checks`/`excludeChecks` narrow it further. */
  readonly suite?: SuiteName;
  /** Run only these checks (default: all). */
  readonly checks?: readonly CheckName[];
  readonly excludeChecks?: readonly CheckName[];
  /** Run only these operationIds (default: all). */
  readonly operations?: readonly string[];
  /**
   * The operation checks try a credential on (does a rotated, deactivated or logged-out one still
   * work?): an authenticated GET without path parameters. Default: getCurrentUser when selected,
   * else the cheapest such read selected. A 404 from it makes those checks skip ("cannot judge").
   */
  readonly probeOperation?: string;
  /**
   * Another version of the contract (JSON or YAML, bundled); default: the one shipped. Given, the
   * run also compares it with the contract the server serves (`serverSpec`) and says which
   * failures that difference predicts.
   */
  readonly spec?: string;
  /**
   * The contract the server implements, to compare the checked one with (`--server-spec`): a file,
   * a URL or a git `REVISION:path`, as `regen-diff` reads them. Default, when `spec` is given: the
   * server's own `BASE_URL/openapi.json`. Either option turns the comparison on.
   */
  readonly serverSpec?: string;
  /**
   * Exit 0 (`exitCode`) when every failed testcase is predicted by a contract change between the
   * checked contract and the server's (`--allow-predicted`); failures are still reported. Default false.
   */
  readonly allowPredicted?: boolean;
  /** Built-in exemptions for a known target (`prism`). */
  readonly profile?: string;
  /** Extra exemptions, `check[/variant]:operation[=reason]`. */
  readonly exempt?: readonly string[];
  /** Per-request timeout in ms; default 10000. */
  readonly timeoutMs?: number;
  /**
   * Longest total wait for one rate-limit budget to lift, in ms; default 60000. Requests against
   * a budget that will not lift within it are not retried: their testcases are skipped,
   * "rate-limited, not judged".
   */
  readonly maxRetryWaitMs?: number;
  /** Retries of one request after 429; default 5. */
  readonly maxRetries?: number;
  /** Longest single wait a semantic check sits through (a rotation grace, a refresh leeway), in ms; default 30000. */
  readonly maxWaitMs?: number;
  /** Most requests a semantic check may send to spend a rate-limit budget; default 100. */
  readonly maxRequests?: number;
  /**
   * The server's rate-limit tiers when they differ from the contract's (`standard=100/1h,burst=10/1m,write=50/1h`),
   * or `documented` for the contract's own: requests are paced to them. Without it nothing is paced.
   */
  readonly rateLimits?: string;
  /**
   * The server's token lifetimes when they differ from the contract's documented ones
   * (`access=5s,refresh=1h`; either may be left out): session_lifecycle holds it to these.
   */
  readonly tokenLifetimes?: string;
  /**
   * The server's refresh-token reuse leeway when it differs from the contract's (`1s`, `1h`): a
   * replay after it must be refused; one longer than `maxWaitMs` leaves the replay rule unverified.
   */
  readonly refreshReuseLeeway?: string;
  /**
   * Fail every testcase whose rule applies but could not be verified (a missing option, a wait
   * over its bound, a rate limit), instead of skipping it: for CI. Default false.
   */
  readonly strict?: boolean;
  /** A loopback `host:port` where webhook_delivery receives deliveries (`127.0.0.1:0` picks a port). */
  readonly webhookListen?: string;
  /**
   * An API key of another account on the same server (`--other-account-key`): tenant_isolation
   * checks that account's ids are 404 to the run's credential and absent from its lists. Never printed.
   */
  readonly otherAccountKey?: string;
  /** An API key of the same account in the other mode (`--other-mode-key`: `rg_test_…` for a live run). Never printed. */
  readonly otherModeKey?: string;
  /**
   * Modules of extra checks (paths, relative to the working directory, or `file:` URLs): each
   * exports checks made with `defineCheck`, run with the built-in ones (`--check-module`).
   */
  readonly checkModules?: readonly string[];
  /**
   * Keep the values of the credentials the run obtains (keys it creates, tokens it is issued) in
   * `report.secrets`, so curl lines naming them can be replayed; default false (masked). The
   * console and JUnit reports never show them; the CLI (`--keep-secrets`) writes them only to
   * the JSON report, readable by its owner only.
   */
  readonly keepSecrets?: boolean;
  /** Delete the resources the run created, at the end; default true. */
  readonly cleanup?: boolean;
  readonly onProgress?: (event: ProgressEvent) => void;
  /** How to wait out a 429 (tests observe waits through it). */
  readonly sleep?: (ms: number) => Promise<void>;
}
