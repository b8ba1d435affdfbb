import type { LogLevel, LogSink } from '../log/logger.ts';
import type { ChaosRates } from './chaos-rates.ts';
import type { PlanSetting } from './plans.ts';
import type { RateLimits } from './rate-limits.ts';

/** Resolves a host name to every address it has (the shape of `dns.lookup` with `all: true`). */
export type HostLookup = (host: string) => Promise<readonly { address: string; family: number }[]>;

/** An OAuth client registered with the stub (`--oauth-client ID:SECRET`; no secret: a public client). */
export interface OAuthClientOption {
  readonly id: string;
  readonly secret?: string;
  /** The account it belongs to (client-credentials tokens act in it); default: the demo account. */
  readonly accountId?: string;
}

/** Options of {@link startStub}; every CLI flag has a field here. Durations take `500ms`, `2s`, `5m`, `1h` or milliseconds. */
export interface StubOptions {
  /** TCP port; `0` picks a free one. Default 4010. */
  readonly port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  readonly host?: string;
  /** Load the demo data set. Default true (`--no-seed` turns it off). */
  readonly seed?: boolean;
  /** A known API key with every scope, for tests (`--admin-key`). Never logged or printed. */
  readonly adminKey?: string;
  /** Email of the demo user (CLIENT_OWNER). Default `demo@regen.test`. */
  readonly demoEmail?: string;
  /** Password of the demo users. Default `regen-demo-password`. */
  readonly demoPassword?: string;
  /**
   * OAuth clients; given, they replace the defaults: `cli_regen_demo` / `cs_regen_demo_secret` (demo
   * account), `cli_northwind_demo` / `cs_northwind_demo_secret` (Northwind) and the public `cli_regen_public`.
   */
  readonly oauthClients?: readonly OAuthClientOption[];
  /** Extra redirect URIs registered for every client (loopback URIs are always accepted, RFC 8252 §7.3). */
  readonly oauthRedirectUris?: readonly string[];
  /** Access-token lifetime. Default `1h` (the contract's `BearerAuth` `x-token-lifetimes`). */
  readonly accessTokenTtl?: string | number;
  /** Refresh-token lifetime. Default `7d` (the contract's `BearerAuth` `x-token-lifetimes`). */
  readonly refreshTokenTtl?: string | number;
  /** How long a rotated API key keeps working. Default `5m` (the contract's "API keys"). */
  readonly rotationGrace?: string | number;
  /** Window in which repeating a spent refresh token returns the same new pair. Default `10s` (the contract's reuse leeway). */
  readonly refreshReuseLeeway?: string | number;
  /** `standard=100/1h,burst=10/1m,write=50/1h`, or an object. Defaults from the contract's `x-rate-limit-tiers`. */
  readonly rateLimits?: string | Partial<RateLimits>;
  /** Plan of the demo account: `free`, `standard` (default), `pro`, or `custom:<--rate-limits syntax>`. */
  readonly plan?: string | PlanSetting;
  /** HS256 secret of the JWTs. Default: random per start (kept in `dataFile` when there is one). */
  readonly jwtSecret?: string;
  /** JSON file the data is loaded from and saved to; the state survives a restart. */
  readonly dataFile?: string;
  /**
   * PostgreSQL for the data (`postgres://user:password@host:port/db`): migrations are applied at
   * start; instances sharing it (and `redisUrl`) behave as one server. Needs `redisUrl`.
   */
  readonly databaseUrl?: string;
  /**
   * Redis (`redis://host:port`) for rate-limit counters, idempotency keys, refresh-token families
   * and the failed-authentication budget, shared by every instance.
   */
  readonly redisUrl?: string;
  /** Prefix of every Redis key (several sandboxes can share one Redis). Default `regen:`. */
  readonly redisPrefix?: string;
  /** Chaos mode: `true` or `''` for `Regen-Fault` headers only, a rate string (`429=5%,503=2%`) or rates. */
  readonly chaos?: boolean | string | ChaosRates;
  /** Validate every response against the contract (default true; a violation answers 500). */
  readonly validateResponses?: boolean;
  /** Delivery attempts per webhook event (default 5). */
  readonly webhookMaxAttempts?: number;
  /** First retry delay of webhook deliveries, doubled each time (default `1s`). */
  readonly webhookBackoff?: string | number;
  /** Per-attempt timeout of webhook deliveries (default `5s`). */
  readonly webhookTimeout?: string | number;
  /**
   * Webhook targets the contract's policy refuses that this stub allows anyway: `true` for every
   * private, loopback and link-local address, or a list of CIDRs (`['127.0.0.0/8', '10.1.0.0/16']`).
   * Default: loopback (`127.0.0.0/8`, `::1`) for a single in-memory stub bound to loopback (local
   * development), nothing otherwise (a shared sandbox).
   */
  readonly webhookAllowPrivate?: boolean | readonly string[];
  /**
   * Resolves webhook hosts (programmatic only; default the system resolver). Tests use it to make
   * a name resolve to a chosen address, or change its answer between registration and delivery.
   */
  readonly webhookLookup?: HostLookup;
  /**
   * Most idempotency records kept in memory (default 100,000): beyond it the oldest expired ones go
   * first; live records are never dropped early.
   */
  readonly idempotencyCap?: number;
  /**
   * Browser origins allowed by CORS besides loopback ones (`http(s)://127.0.0.1|localhost|[::1]`
   * on any port, always allowed); `*` allows every origin (`--cors-origin`, repeatable).
   */
  readonly corsOrigins?: readonly string[];
  /** Time a client has to send the request headers (`--headers-timeout`). Default `10s`. */
  readonly headersTimeout?: string | number;
  /** Time a client has to send the whole request, body included (`--request-timeout`). Default `30s`. */
  readonly requestTimeout?: string | number;
  /** How long an idle keep-alive connection stays open (`--keep-alive-timeout`). Default `5s`. */
  readonly keepAliveTimeout?: string | number;
  /** Log level. Default `info`. */
  readonly logLevel?: LogLevel;
  /** Where log lines go (default stderr). */
  readonly logSink?: LogSink;
}
